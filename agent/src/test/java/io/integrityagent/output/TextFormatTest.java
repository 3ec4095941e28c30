package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatTest {

    @Test
    void aReportIsAHeadlineAndOneAlignedLinePerAspect() {
        assertEquals(String.join("\n",
                "Integrity violation: unique constraint uk_users_email on users(email) refused an INSERT",
                "  what:       email 'ann@example.com' is already taken in users",
                "  lookup:     SELECT * FROM users WHERE email = 'ann@example.com'",
                "  fix:        Check for an existing user before inserting",
                "  handle:     Catch DuplicateKeyException.",
                "  sent by:    com.example.UserRepository.save(UserRepository.java:42)",
                "  sql:        INSERT INTO users (id, email) VALUES (?, ?)",
                "  parameters: [1] 7, [2] 'ann@example.com'",
                "  batch:      entry 3 (0-based) of the batch failed",
                "  database:   h2database, SQLSTATE 23505, vendor code 23505,"
                        + " org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException: Unique index or primary key"
                        + " violation"),
                TextFormat.format(Reports.uniqueViolation()));
    }

    @Test
    void aForeignKeyNamesTheTableItReferencesAndTheArticleFitsTheVerb() {
        ViolationReport report = minimal(ViolationKind.FOREIGN_KEY).constraint("fk_orders_customer").table("orders")
                .referencedTable("customers").operation("UPDATE").build();

        assertEquals("Integrity violation: foreign key fk_orders_customer on orders referencing customers refused"
                + " an UPDATE", headline(report));
        assertEquals("Integrity violation: foreign key fk_orders_customer on orders referencing customers refused"
                + " a DELETE", headline(minimal(ViolationKind.FOREIGN_KEY).constraint("fk_orders_customer")
                .table("orders").referencedTable("customers").operation("DELETE").build()));
    }

    @Test
    void aParentSideForeignKeyDoesNotReferenceItself() {
        ViolationReport report = minimal(ViolationKind.FOREIGN_KEY).table("customers").referencedTable("customers")
                .operation("DELETE").build();

        assertEquals("Integrity violation: foreign key on customers refused a DELETE", headline(report));
    }

    @Test
    void anUnnamedConstraintIsNamedByItsIndexOrByItsKindAlone() {
        assertEquals("Integrity violation: unique index PUBLIC.UK_EMAIL_INDEX_4",
                headline(minimal(ViolationKind.UNIQUE).index("PUBLIC.UK_EMAIL_INDEX_4").build()));
        assertEquals("Integrity violation: NOT NULL constraint", headline(minimal(ViolationKind.NOT_NULL).build()));
    }

    @Test
    void aspectsNotKnownAreLeftOutAndAVendorCodeOfZeroIsNotShown() {
        String text = TextFormat.format(minimal(ViolationKind.CHECK).parameters(List.of()).build());

        assertEquals("Integrity violation: check constraint\n"
                + "  database:   postgresql, SQLSTATE 23514, org.postgresql.util.PSQLException", text);
    }

    @Test
    void theEntryInferredFromTheEchoedValuesHasItsOwnLine() {
        String text = TextFormat.format(minimal(ViolationKind.UNIQUE)
                .failingEntry("entry 2 (0-based) is the only one that carries email = 'b@x'").build());

        assertTrue(text.contains("\n  entry:      entry 2 (0-based) is the only one that carries email = 'b@x'"),
                text);
    }

    @Test
    void whateverAFieldHoldsStaysOnItsOwnLine() {
        String text = TextFormat.format(minimal(ViolationKind.UNIQUE).constraint("uk\nforged")
                .message("duplicate\n  what:       forged line")
                .lookup("SELECT * FROM t WHERE c = 'a\n  what:       forged'").build());

        assertEquals(3, text.split("\n").length, text);
        assertFalse(text.contains("\n  what:"), text);
    }

    private static ViolationReport.Builder minimal(ViolationKind kind) {
        return ViolationReport.builder().kind(kind).db("postgresql").sqlState(kind == ViolationKind.CHECK ? "23514"
                : "23505").vendorCode(0).exception("org.postgresql.util.PSQLException");
    }

    private static String headline(ViolationReport report) {
        return TextFormat.format(report).split("\n")[0];
    }
}
