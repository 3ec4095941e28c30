package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages as H2 2.5.252 (checked on this machine), 2.3.232 and 1.4.200 write them. */
class H2DialectTest {

    private final H2Dialect dialect = new H2Dialect();

    @Test
    void uniqueConstraintOf25NamesConstraintTableColumnAndKeyValue() {
        ViolationFacts facts = describe("23505", "Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL"
                + " INDEX PUBLIC.UQ_USERS_EMAIL_INDEX_4 ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES"
                + " ( /* 1 */ 'ada@example.com' )\"; SQL statement:\nINSERT INTO users VALUES (2) [23505-252]");
        assertEquals(ViolationKind.UNIQUE, facts.kind());
        assertEquals("UQ_USERS_EMAIL", facts.constraint());
        assertEquals("USERS", facts.table());
        assertEquals(List.of("EMAIL"), facts.columns());
        assertEquals(Map.of("EMAIL", "'ada@example.com'"), facts.reportedValues());
        assertFalse(facts.message().contains("SQL statement"), facts.message());
    }

    @Test
    void uniqueIndexOf23IsNamedAsAnIndexNotAsTheConstraintAndCompositeValuesArePaired() {
        ViolationFacts facts = describe("23505", "Unique index or primary key violation: \"PUBLIC.UQ_COMP_INDEX_2"
                + " ON PUBLIC.COMP(A NULLS FIRST, B NULLS FIRST) VALUES ( /* 3 */ 1, 'a, b' )\"");
        assertNull(facts.constraint(), "only the catalog knows which constraint owns the index");
        assertEquals("UQ_COMP_INDEX_2", facts.index());
        assertEquals("PUBLIC", facts.schema());
        assertEquals(List.of("A", "B"), facts.columns());
        assertEquals(Map.of("A", "1", "B", "'a, b'"), facts.reportedValues());
    }

    /** H2 doubles the quotes of a quoted name inside its quoted message: ""Authorization"", ""a""""b"". */
    @Test
    void quotedColumnNamesAreReadWithoutTheQuotesTheMessageDoubled() {
        ViolationFacts unique = describe("23505", "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_1E"
                + " INDEX PUBLIC.CONSTRAINT_INDEX_1 ON PUBLIC.ACCT(\"\"Authorization\"\" NULLS FIRST) VALUES"
                + " ( /* 1 */ 'x' )\"");
        assertEquals(List.of("Authorization"), unique.columns());
        assertEquals(Map.of("Authorization", "'x'"), unique.reportedValues());

        ViolationFacts foreignKey = describe("23506", "Referential integrity constraint violation: \"CONSTRAINT_12:"
                + " PUBLIC.KID FOREIGN KEY(\"\"Par ent\"\") REFERENCES PUBLIC.ACCT(\"\"a\"\"\"\"b\"\") (99)\"");
        assertEquals(List.of("Par ent"), foreignKey.columns());
        assertEquals(List.of("a\"b"), foreignKey.referencedColumns());
    }

    /** As 2.3.232 and 2.5.252 write them for CREATE TABLE "My Schema"."Order Items" ("Id" INT PRIMARY KEY, …). */
    @Test
    void quotedTableAndSchemaNamesAreReadWhateverTheyHold() {
        ViolationFacts index23 = describe("23505", "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_INDEX_6B"
                + " ON PUBLIC.\"\"Order Items\"\"(Qty NULLS FIRST) VALUES ( /* 1 */ 5 )\"");
        assertEquals("CONSTRAINT_INDEX_6B", index23.index());
        assertEquals("Order Items", index23.table());
        assertEquals(List.of("Qty"), index23.columns());
        assertEquals(Map.of("Qty", "5"), index23.reportedValues());

        ViolationFacts constraint25 = describe("23505", "Unique index or primary key violation: \"\"\"My Schema\"\"."
                + "\"\"qty \"\"\"\"uq\"\"\"\"\"\" INDEX \"\"My Schema\"\".\"\"qty \"\"\"\"uq\"\"\"\"_INDEX_6\"\" ON"
                + " \"\"My Schema\"\".\"\"Order Items\"\"(Qty NULLS FIRST) VALUES ( /* 1 */ 5 )\"");
        assertEquals("qty \"uq\"", constraint25.constraint());
        assertEquals("My Schema", constraint25.schema());
        assertEquals("Order Items", constraint25.table());
        assertEquals(Map.of("Qty", "5"), constraint25.reportedValues());

        ViolationFacts primaryKey = describe("23505", "Unique index or primary key violation: \"\"\"My Schema\"\"."
                + "CONSTRAINT_6 PRIMARY KEY ON \"\"My Schema\"\".\"\"Order Items\"\"(Id) ( /* key:1 */ 1, 5)\"");
        assertEquals("CONSTRAINT_6", primaryKey.constraint());
        assertEquals("My Schema", primaryKey.schema());
        assertEquals("Order Items", primaryKey.table());
        assertEquals(List.of("Id"), primaryKey.columns());

        ViolationFacts foreignKey = describe("23506", "Referential integrity constraint violation: \"CONSTRAINT_6B:"
                + " PUBLIC.\"\"Order Items\"\" FOREIGN KEY(USER_ID) REFERENCES PUBLIC.\"\"USER\"\"(ID) (9)\"");
        assertEquals("CONSTRAINT_6B", foreignKey.constraint());
        assertEquals("Order Items", foreignKey.table());
        assertEquals("USER", foreignKey.referencedTable());
        assertEquals(Map.of("USER_ID", "9"), foreignKey.reportedValues());
    }

    @Test
    void uniqueIndexOf14ShowsARowNumberWhichIsNotTakenAsAValue() {
        ViolationFacts facts = describe("23505", "Unique index or primary key violation:"
                + " \"PUBLIC.UQ_PARENT_CODE_INDEX_8 ON PUBLIC.PARENT(CODE) VALUES 7\"");
        assertEquals(List.of("CODE"), facts.columns());
        assertTrue(facts.reportedValues().isEmpty());
    }

    @Test
    void primaryKeyMessageLosesTheExistingRowBeforeItIsRepeated() {
        ViolationFacts facts = describe("23505", "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_4"
                + " PRIMARY KEY ON PUBLIC.USERS(ID) ( /* key:1 */ 1, 'Ada', 'ada@example.com', 36, 'pw')\";"
                + " SQL statement:\nINSERT INTO users VALUES (1) [23505-252]");
        assertEquals("CONSTRAINT_4", facts.constraint());
        assertEquals("USERS", facts.table());
        assertEquals(List.of("ID"), facts.columns());
        assertEquals("Unique index or primary key violation: \"PUBLIC.CONSTRAINT_4 PRIMARY KEY ON"
                + " PUBLIC.USERS(ID)\"", facts.message());
    }

    @Test
    void primaryKeyOf14WithoutConstraintName() {
        ViolationFacts facts = describe("23505", "Unique index or primary key violation:"
                + " \"PRIMARY KEY ON PUBLIC.PARENT(ID) [1, 'A', 'n1', 5]\"");
        assertNull(facts.constraint());
        assertTrue(facts.primaryKey(), "the catalog can name it");
        assertEquals("PARENT", facts.table());
        assertFalse(facts.message().contains("'n1'"));
    }

    @Test
    void missingParentIsAChildSideForeignKeyWithTheValueSent() {
        ViolationFacts facts = describe("23506", "Referential integrity constraint violation: \"FK_ORDERS_CUSTOMER:"
                + " PUBLIC.ORDERS FOREIGN KEY(CUSTOMER_ID) REFERENCES PUBLIC.CUSTOMERS(ID) (42)\"");
        assertEquals(ViolationKind.FOREIGN_KEY, facts.kind());
        assertFalse(facts.parentSide());
        assertEquals("FK_ORDERS_CUSTOMER", facts.constraint());
        assertEquals("ORDERS", facts.table());
        assertEquals(List.of("CUSTOMER_ID"), facts.columns());
        assertEquals("CUSTOMERS", facts.referencedTable());
        assertEquals(List.of("ID"), facts.referencedColumns());
        assertEquals(Map.of("CUSTOMER_ID", "42"), facts.reportedValues());
    }

    @Test
    void referencedParentIsAParentSideForeignKeyWithTheParentKey() {
        ViolationFacts facts = describe("23503", "Referential integrity constraint violation: \"FK_ORDERS_CUSTOMER:"
                + " PUBLIC.ORDERS FOREIGN KEY(CUSTOMER_ID) REFERENCES PUBLIC.CUSTOMERS(ID) (1)\"");
        assertTrue(facts.parentSide());
        assertEquals(Map.of("ID", "1"), facts.reportedValues());
    }

    @Test
    void notNullNamesTheColumn() {
        ViolationFacts facts = describe("23502", "NULL not allowed for column \"NAME\"; SQL statement:\nx [23502-252]");
        assertEquals(ViolationKind.NOT_NULL, facts.kind());
        assertEquals(List.of("NAME"), facts.columns());
    }

    @Test
    void checkOf2xHasNoConditionAnd14HasOne() {
        ViolationFacts v2 = describe("23513", "Check constraint violation: \"CK_USERS_AGE: \"");
        assertEquals(ViolationKind.CHECK, v2.kind());
        assertEquals("CK_USERS_AGE", v2.constraint());
        assertNull(v2.checkExpression());
        ViolationFacts v14 = describe("23513", "Check constraint violation: \"CK_PARENT_QTY: (QTY > 0)\"");
        assertEquals("(QTY > 0)", v14.checkExpression());
        ViolationFacts unnamed = describe("23513", "Check constraint violation: \"(QTY > 0)\"");
        assertNull(unnamed.constraint());
        assertEquals("(QTY > 0)", unnamed.checkExpression());
    }

    /** As 2.3.232 and 2.5.252 write constraints named "Fk:One", "Fk""Two: x" and "Ck:One": as they are. */
    @Test
    void constraintNamesHoldingColonsAndQuotesAreReadWhole() {
        ViolationFacts colon = describe("23506", "Referential integrity constraint violation: \"Fk:One: PUBLIC.CHILD"
                + " FOREIGN KEY(PID) REFERENCES \"\"My Schema\"\".PARENT(ID) (5)\"; SQL statement:\nINSERT INTO CHILD"
                + " VALUES(1, 5) [23506-252]");
        assertEquals("Fk:One", colon.constraint());
        assertEquals("CHILD", colon.table());
        assertEquals("PARENT", colon.referencedTable());
        assertEquals("My Schema", colon.referencedSchema());
        assertEquals("My Schema.PARENT", colon.referencedTableWhereItLives());
        assertEquals("PUBLIC.CHILD", colon.tableWhereItLives());
        assertEquals(Map.of("PID", "5"), colon.reportedValues());
        ViolationFacts quoteAndColon = describe("23506", "Referential integrity constraint violation: \"Fk\"\"Two: x:"
                + " PUBLIC.C2 FOREIGN KEY(PID) REFERENCES \"\"My Schema\"\".PARENT(ID) (5)\"");
        assertEquals("Fk\"Two: x", quoteAndColon.constraint());
        ViolationFacts check = describe("23513", "Check constraint violation: \"Ck:One: \"; SQL statement:\n"
                + "INSERT INTO C3 VALUES(1, 'a\"b') [23513-232]");
        assertEquals("Ck:One", check.constraint());
        assertNull(check.checkExpression());
        ViolationFacts quotedCondition = describe("23513",
                "Check constraint violation: \"CK_A: (\"\"Name\"\" <> 'x')\"");
        assertEquals("CK_A", quotedCondition.constraint());
        assertEquals("(\"Name\" <> 'x')", quotedCondition.checkExpression());
    }

    /** As 2.3.232 and 2.5.252 write "Ümlaut"."PÄRENT"("Ïd"), a column "P\d" and a table "T😀". */
    @Test
    void namesBeyondAsciiAndBackslashesAreReadAsTheyAre() {
        ViolationFacts foreignKey = describe("23506", "Referential integrity constraint violation: \"FK: PUBLIC.CHILD"
                + " FOREIGN KEY(\"\"P\\\\d\"\") REFERENCES U&\"\"\\\\00dcmlaut\"\".U&\"\"P\\\\00c4RENT\"\""
                + "(U&\"\"\\\\00cfd\"\") (5)\"; SQL statement:\nINSERT INTO CHILD VALUES(1, 5) [23506-252]");
        assertEquals(List.of("P\\d"), foreignKey.columns());
        assertEquals("\u00dcmlaut", foreignKey.referencedSchema());
        assertEquals("P\u00c4RENT", foreignKey.referencedTable());
        assertEquals(List.of("\u00cfd"), foreignKey.referencedColumns());
        ViolationFacts primaryKey = describe("23505", "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_1"
                + " PRIMARY KEY ON PUBLIC.U&\"\"T\\\\+01f600\"\"(ID) ( /* key:1 */ 1)\"");
        assertEquals("T\ud83d\ude00", primaryKey.table());
        assertEquals("U&\"\"\\\\0zzz\"\"", H2Dialect.messageIdentifier("U&\"\"\\\\0zzz\"\""), "not well formed");
    }

    /** Names no longer than H2 allows are looked for, so that a value full of ": " is not tried at each one. */
    @Test
    void aConstraintNameIsLookedForOnlyAsLongAsH2AllowsOne() {
        String shape = ": PUBLIC.CHILD FOREIGN KEY(PID) REFERENCES PUBLIC.PARENT(ID) (5)\"";
        String longest = "F".repeat(H2ForeignKeyMessage.LONGEST_NAME - 1) + ":";
        assertEquals(longest, describe("23506", "Referential integrity constraint violation: \"" + longest + shape)
                .constraint());
        assertNull(describe("23506", "Referential integrity constraint violation: \"" + longest + "F" + shape)
                .constraint());
    }

    private ViolationFacts describe(String state, String message) {
        SQLIntegrityConstraintViolationException e = new SQLIntegrityConstraintViolationException(message, state,
                Integer.parseInt(state));
        return DialectReports.describe(dialect, e);
    }
}
