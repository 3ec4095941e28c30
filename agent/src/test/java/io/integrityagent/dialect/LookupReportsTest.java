package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.integrityagent.capture.StatementCapture;
import io.integrityagent.model.ViolationReport;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The lookup query of whole reports, from exceptions as the drivers make them: which rows each kind of violation
 * looks up, from which values, and where masking and the bounds on values leave a placeholder.
 */
class LookupReportsTest {

    @Test
    void aDuplicateLooksUpTheExistingRowByTheValueSent() {
        ViolationReport report = single(h2("23505", "Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL"
                + " INDEX PUBLIC.UQ_USERS_EMAIL_INDEX_4 ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES"
                + " ( /* 1 */ 'ada@example.com' )\""), DialectReports.prepared(
                "INSERT INTO users (id, email) VALUES (?, ?)", 2, "ada@example.com"));
        assertEquals("SELECT * FROM USERS WHERE EMAIL = 'ada@example.com'", report.lookup());
    }

    @Test
    void aUniqueIndexOverAnExpressionHasNoLookup() {
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"users_email_lower\"", "Key (lower(email))=(a@x) already exists.", "users"),
                DialectReports.prepared("INSERT INTO users (id, email) VALUES (?, ?)", 2, "A@x"));
        assertNull(report.lookup(), report.lookup());
    }

    /** A trigger on orders inserts into audit: the duplicate is audit's, and only the database's value is its. */
    @Test
    void aDuplicateInAnotherTableThanTheStatementsIsLookedUpByTheValueTheDatabasePrinted() {
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"audit_pkey\"", "Key (id)=(1030) already exists.", "audit"), DialectReports.prepared(
                "INSERT INTO orders (id, customer_id) VALUES (?, ?)", 30, 1));
        assertEquals("audit", report.table());
        assertEquals("1030", report.values().get("id"));
        assertEquals("SELECT * FROM audit WHERE id = '1030'", report.lookup());
    }

    /** A BEFORE trigger (or a default) changed the number sent: the database's is the one that clashed. */
    @Test
    void aNumberTheDatabaseHoldsOtherwiseThanSentIsTheOneLookedUp() {
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"orders_pkey\"", "Key (id)=(1030) already exists.", "orders"), DialectReports.prepared(
                "INSERT INTO orders (id, customer_id) VALUES (?, ?)", 30, 1));
        assertEquals("1030", report.values().get("id"));
        assertEquals("SELECT * FROM orders WHERE id = '1030'", report.lookup());
    }

    @Test
    void aCompositeKeyTakesAColumnAnUpdateLeavesAloneFromItsWhereClause() {
        // The Detail's values cannot be told apart (one holds a comma): the statement tells both.
        ViolationReport report = single(postgres("23505",
                "duplicate key value violates unique constraint \"uq_memberships\"",
                "Key (team, member)=(core, api, ada) already exists.", "memberships"), DialectReports.prepared(
                "UPDATE memberships SET member = ? WHERE team = ? AND role = 'lead'", "ada", "core, api"));
        assertEquals("SELECT * FROM memberships WHERE team = 'core, api' AND member = 'ada'", report.lookup());
    }

    @Test
    void aMissingParentIsLookedUpByTheReferencedColumnsWithTheChildsValues() {
        ViolationReport report = single(h2("23506", "Referential integrity constraint violation: \"FK_ORDERS_CUSTOMER:"
                + " PUBLIC.ORDERS FOREIGN KEY(CUSTOMER_ID) REFERENCES PUBLIC.CUSTOMERS(ID) (42)\""),
                DialectReports.prepared("INSERT INTO orders (id, customer_id) VALUES (?, ?)", 101, 42));
        assertEquals("SELECT * FROM CUSTOMERS WHERE ID = 42", report.lookup());
    }

    @Test
    void aParentStillReferencedLooksUpTheChildRowsThatBlockIt() {
        ViolationReport report = single(h2("23503", "Referential integrity constraint violation: \"FK_ORDERS_CUSTOMER:"
                + " PUBLIC.ORDERS FOREIGN KEY(CUSTOMER_ID) REFERENCES PUBLIC.CUSTOMERS(ID) (1)\""),
                DialectReports.prepared("DELETE FROM customers WHERE id = ?", 1));
        assertEquals("SELECT * FROM ORDERS WHERE CUSTOMER_ID = 1", report.lookup());
    }

    @Test
    void aForeignKeyWhoseOtherSideNobodyNamedHasNoLookup() {
        // PostgreSQL names only the child's columns; without the catalog the parent's are not known.
        ViolationReport report = single(postgres("23503", "insert or update on table \"orders\" violates foreign key"
                + " constraint \"fk_orders_customer\"", "Key (customer_id)=(42) is not present in table"
                + " \"customers\".", "orders"), DialectReports.prepared(
                "INSERT INTO orders (id, customer_id) VALUES (?, ?)", 101, 42));
        assertNull(report.lookup());
    }

    @Test
    void aCheckOnAnUpdateLooksUpTheRowItsWhereClauseChose() {
        ViolationReport report = single(postgres("23514", "new row for relation \"users\" violates check constraint"
                + " \"ck_users_age\"", null, "users"), DialectReports.prepared(
                "UPDATE users SET age = ? WHERE id = ? AND tenant = 'acme'", 12, 1));
        assertEquals("SELECT * FROM users WHERE id = 1 AND tenant = 'acme'", report.lookup());
    }

    @Test
    void theTargetedRowsColumnsAreNamedAsTheStatementWroteThem() {
        ViolationReport report = single(postgres("23514", "new row for relation \"Users\" violates check constraint"
                + " \"ck_age\"", null, "Users"), DialectReports.prepared(
                "UPDATE \"Users\" SET \"Age\" = ? WHERE \"UserId\" = ? AND Tenant = ?", 12, 1, "acme"));
        assertEquals("SELECT * FROM \"Users\" WHERE \"UserId\" = 1 AND Tenant = 'acme'", report.lookup());
    }

    @Test
    void aNotNullOnAnUpdateLooksUpTheRowItTargeted() {
        ViolationReport report = single(h2("23502", "NULL not allowed for column \"NAME\""), DialectReports.prepared(
                "UPDATE users SET name = ? WHERE id = ?", null, 3));
        assertEquals("SELECT * FROM USERS WHERE id = 3", report.lookup(), "the column as the statement wrote it");
    }

    @Test
    void anUpdateThatChoseItsRowsOtherwiseAndAnyInsertHaveNothingToLookUp() {
        SQLException check = postgres("23514", "new row for relation \"users\" violates check constraint"
                + " \"ck_users_age\"", null, "users");
        assertNull(single(check, DialectReports.prepared("UPDATE users SET age = ? WHERE id = ? OR id = ?", 12, 1, 2))
                .lookup());
        assertNull(single(check, DialectReports.prepared("UPDATE users SET age = ? WHERE created < ?", 12, "x"))
                .lookup());
        assertNull(single(check, DialectReports.prepared("UPDATE users SET age = ?", 12)).lookup());
        assertNull(single(check, DialectReports.prepared("INSERT INTO users (id, age) VALUES (?, ?)", 6, 12))
                .lookup(), "the row an INSERT refused does not exist");
    }

    @Test
    void aSensitiveColumnsValueIsAPlaceholder() {
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"uq_tenant_token\"", "Key (tenant_id, api_token)=(7, tok-9f8e7d6c) already exists.",
                "client_keys"), DialectReports.prepared(
                "INSERT INTO client_keys (id, tenant_id, api_token) VALUES (?, ?, ?)", 2, 7, "tok-9f8e7d6c"));
        assertEquals("SELECT * FROM client_keys WHERE tenant_id = 7 AND api_token = :api_token"
                + " -- fill in :api_token (masked)", report.lookup());
    }

    @Test
    void aValueTheMaskingHidesElsewhereIsAPlaceholderToo() {
        // An INSERT without column list into a table the catalog could not tell: every parameter is masked, so
        // the key value the database printed may be any of them.
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"uq_users_email\"", "Key (email)=(ada@example.com) already exists.", "users"),
                DialectReports.prepared("INSERT INTO users VALUES (?, ?, ?)", 2, "ada@example.com", "pw-zebra"));
        assertEquals("SELECT * FROM users WHERE email = :email -- fill in :email (masked)", report.lookup());
        assertFalse(DialectReports.allText(report).contains("ada@example.com"), DialectReports.allText(report));
    }

    @Test
    void aValueLongerThanValuesMaxLengthIsAPlaceholderAndSaysSo() {
        String email = "a".repeat(250) + "@example.com";
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"uq_users_email\"", "Key (email)=(" + email + ") already exists.", "users"),
                DialectReports.prepared("INSERT INTO users (id, email) VALUES (?, ?)", 2, email));
        assertEquals("SELECT * FROM users WHERE email = :email -- fill in :email (longer than values.max.length)",
                report.lookup());
    }

    @Test
    void theTableIsQualifiedAsTheStatementQualifiedIt() {
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"customers_pkey\"", "Key (id)=(1) already exists.", "customers"),
                DialectReports.prepared("INSERT INTO \"Shop\".customers (id, name) VALUES (?, ?)", 1, "Ada"));
        assertEquals("SELECT * FROM \"Shop\".customers WHERE id = 1", report.lookup());
    }

    @Test
    void aLiteralOfTheStatementIsComparedAsTheApplicationWroteIt() {
        ViolationReport report = single(postgres("23505", "duplicate key value violates unique constraint"
                + " \"uq_users_email\"", "Key (email)=(ada@example.com) already exists.", "users"),
                plain("UPDATE users SET email = E'ada@example.com' WHERE id = 3"));
        assertEquals("SELECT * FROM users WHERE email = E'ada@example.com'", report.lookup());
    }

    @Test
    void aLineBreakInTheValueIsSpeltSoThatTheQueryStaysOneLine() {
        ViolationReport report = single(h2("23505", "Unique index or primary key violation: \"PUBLIC.IX_TAGS_LABEL"
                + " ON PUBLIC.TAGS(LABEL NULLS FIRST) VALUES ( /* 2 */ U&'a\\000aWARN b' )\""),
                DialectReports.prepared("INSERT INTO tags (id, label) VALUES (?, ?)", 6, "a\nWARN b"));
        assertEquals("SELECT * FROM TAGS WHERE LABEL = 'a' || CHAR(10) || 'WARN b'", report.lookup());
    }

    private static ViolationReport single(Throwable thrown, StatementCapture capture) {
        List<ViolationReport> reports = DialectReports.of(thrown, capture, false);
        assertEquals(1, reports.size(), reports.toString());
        return reports.get(0);
    }

    private static StatementCapture plain(String sql) {
        StatementCapture capture = new StatementCapture();
        capture.prepared(sql);
        return capture;
    }

    private static SQLException h2(String state, String message) {
        SQLException e = new SQLIntegrityConstraintViolationException(message, state, Integer.parseInt(state));
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.h2.message.DbException", "get", null, 1)});
        return e;
    }

    /** A PSQLException with the fields PostgreSQL 15 sends: constraint and table, and the Detail when given. */
    private static PSQLException postgres(String state, String message, String detail, String table) {
        StringBuilder fields = new StringBuilder().append("SERROR\0VERROR\0C").append(state).append("\0M")
                .append(message).append('\0');
        if (detail != null) {
            fields.append('D').append(detail).append('\0');
        }
        fields.append("sapp\0t").append(table).append('\0');
        return new PSQLException(new ServerErrorMessage(fields.toString()));
    }
}
