package io.integrityagent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.capture.ParameterValues;
import io.integrityagent.capture.StatementCapture;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.sql.SqlShape;
import io.integrityagent.sql.SqlStatementParser;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private final Redactor redactor = new Redactor(Pattern.compile("password|token", Pattern.CASE_INSENSITIVE));
    private final ValueRenderer renderer = new ValueRenderer(20, 200);

    private Masking masking(String sql, ParameterValues parameters, boolean tableMayHoldSecret) {
        return new Masking(redactor, renderer, SqlStatementParser.parse(sql), sql, parameters, tableMayHoldSecret,
                false);
    }

    private Masking masking(String sql) {
        return masking(sql, null, false);
    }

    private static ParameterValues bound(String sql, Object... values) {
        StatementCapture capture = new StatementCapture();
        capture.prepared(sql);
        for (int i = 0; i < values.length; i++) {
            capture.parameters().setObject(i + 1, values[i]);
        }
        return capture.parameterSnapshot();
    }

    @Test
    void whenEveryLiteralIsPairedOnlyTheSensitiveOnesAreMasked() {
        assertEquals("INSERT INTO users (id, email, password) VALUES (1, 'a@x', '****')",
                masking("INSERT INTO users (id, email, password) VALUES (1, 'a@x', 'pw-zebra')").sql());
    }

    @Test
    void whereDoubleQuotesMayQuoteStringsTheyAreMaskedLikeStrings() {
        String sql = "INSERT INTO t9 (id, password, nick) VALUES (2, \"S3cret\"\"C\", \"dupnick\")";
        Masking mysql = new Masking(redactor, renderer, SqlStatementParser.parse(sql), sql, null, false, true);

        assertEquals("INSERT INTO t9 (id, password, nick) VALUES (2, \"****\", \"****\")", mysql.sql());
        assertEquals("Duplicate entry '****' for key 'nick'",
                mysql.message("Duplicate entry 'dupnick' for key 'nick'"));
        assertEquals("Data too long: '****'", mysql.message("Data too long: 'S3cret\"C'"));
        assertEquals("UPDATE \"Users\" SET \"Nick\" = 'ann'",
                masking("UPDATE \"Users\" SET \"Nick\" = 'ann'").sql(), "elsewhere a name");
    }

    @Test
    void aDoubleQuotedStringWithABackslashEscapeIsMaskedThoughItsRowCannotBeRead() {
        String sql = "INSERT INTO t9 (id, password, nick) VALUES (3, \"S3cret\\\"I\", \"dupnick\")";
        Masking mysql = new Masking(redactor, renderer, SqlStatementParser.parse(sql), sql, null, false, true);

        assertFalse(mysql.sql().contains("S3cret"), mysql.sql());
    }

    @Test
    void aSelectFeedingASensitiveColumnMasksEveryStringLiteral() {
        String sql = "INSERT INTO users (id, email, name, age, password) SELECT 32, 'c3@x', 'n', 10, 'pw-zebra'";
        Masking masking = masking(sql);
        assertEquals("INSERT INTO users (id, email, name, age, password) SELECT 32, '****', '****', 10, '****'",
                masking.sql());
        assertEquals("Failing row contains (32, ****, ****, 10, ****).",
                masking.message("Failing row contains (32, c3@x, n, 10, pw-zebra)."));
    }

    @Test
    void aLiteralInsideAnExpressionForASensitiveColumnMasksEveryStringLiteral() {
        String sql = "INSERT INTO users (id, email, password) VALUES (33, 'c4@x', CONCAT('pw-zebra', ''))";
        assertEquals("INSERT INTO users (id, email, password) VALUES (33, '****', CONCAT('****', '****'))",
                masking(sql).sql());
    }

    @Test
    void aConflictClauseSettingASensitiveColumnMasksEveryStringLiteral() {
        String sql = "INSERT INTO users (id, email) VALUES (1, 'a@x') ON CONFLICT (id) DO UPDATE SET password = 'pw-zebra'";
        Masking masking = masking(sql);
        assertFalse(masking.sql().contains("zebra"), masking.sql());
        assertFalse(masking.sql().contains("a@x"), masking.sql());
    }

    @Test
    void aStatementThatNamesNoSensitiveColumnKeepsItsLiterals() {
        String sql = "UPDATE users SET email = CONCAT('ada', '@x') WHERE id = 3";
        assertEquals(sql, masking(sql).sql());
    }

    @Test
    void anInsertWithoutColumnListIntoATableThatMayHoldASecretMasksEveryStringLiteralAndParameter() {
        String sql = "INSERT INTO users VALUES (31, 'c2@x', 'n', 10, 'pw-zebra', ?)";
        Masking masking = masking(sql, bound(sql, "tok-okapi"), true);
        assertEquals("INSERT INTO users VALUES (31, '****', '****', 10, '****', ?)", masking.sql());
        assertEquals(List.of(Redactor.MASK), masking.parameters());
        assertEquals("Duplicate entry '****' for key 'PRIMARY', token ****",
                masking.message("Duplicate entry 'c2@x' for key 'PRIMARY', token tok-okapi"));
    }

    @Test
    void anInsertWithoutColumnListPairedByTheTablesColumnsMasksOnlyTheSensitiveValues() {
        String sql = "INSERT INTO users VALUES (31, 'c2@x', 'pw-zebra', ?)";
        SqlShape shape = SqlStatementParser.parse(sql).withTableColumns(List.of("id", "email", "password", "api_token"));
        Masking masking = new Masking(redactor, renderer, shape, sql, bound(sql, "tok-okapi"), true, false);
        assertEquals("INSERT INTO users VALUES (31, 'c2@x', '****', ?)", masking.sql());
        assertEquals(List.of(Redactor.MASK), masking.parameters());
    }

    @Test
    void aTableWithMoreColumnsThanTheRowHasValuesLeavesTheRowUnpaired() {
        String sql = "INSERT INTO users VALUES (31, 'c2@x')";
        SqlShape shape = SqlStatementParser.parse(sql).withTableColumns(List.of("id", "email", "password"));
        assertEquals("INSERT INTO users VALUES (31, '****')",
                new Masking(redactor, renderer, shape, sql, null, true, false).sql());
    }

    @Test
    void theDatabasesEchoOfTheStartOfASecretIsMaskedInTheMessageAndTheKeyValue() {
        String sql = "INSERT INTO api_keys (id, email, api_token) VALUES (?, ?, ?)";
        SqlShape shape = SqlStatementParser.parse(sql);
        Masking masking = new Masking(redactor, renderer, shape, sql, bound(sql, 4, "b4@x", "ZQXb4tQ81r"), false,
                false);
        ViolationFacts facts = new ViolationFacts(ViolationKind.UNIQUE, "23000", 1062, "");
        facts.keyValue("b4@x-ZQXb4t");
        masking.values(Map.of(), facts, List.of(), null);
        assertEquals("b4@x-****", masking.echoed(facts.keyValue()));
        assertEquals("Duplicate entry 'b4@x-****' for key 'k'",
                masking.message("Duplicate entry 'b4@x-ZQXb4t' for key 'k'"));
    }

    /**
     * MariaDB inside a transaction, where the catalog is not asked which columns a key covers: a key value the
     * statement did not send may hold any column of the row, a password among them.
     */
    @Test
    void aKeyValueNotMadeOfValuesSentIsMaskedWhole() {
        assertEquals("****", echoedKey("UPDATE accounts SET login = 'bob' WHERE id = 2", null, "bob-hunter2"));
        assertEquals("****", echoedKey("INSERT INTO accounts SELECT id, login, pw, tok FROM staging", null,
                "TOK-SECRET-123"));
        String sql = "UPDATE accounts SET login = ? WHERE id = ?";
        assertEquals("****", echoedKey(sql, bound(sql, "bob", 2), "bob-hunter2"));
    }

    @Test
    void aKeyValueMadeOfValuesSentIsShown() {
        String sql = "INSERT INTO users (id, email, tier) VALUES (?, ?, ?)";
        assertEquals("a@x", echoedKey(sql, bound(sql, 1, "a@x", 3), "a@x"));
        assertEquals("a@x-3", echoedKey(sql, bound(sql, 1, "a@x", 3), "a@x-3"));
        assertEquals("a-b-7", echoedKey("INSERT INTO pairs (x, y, n) VALUES ('a-b', 'c', 7)", null, "a-b-7"));
        // MariaDB cuts a long key; its last part is then the start of a value sent
        assertEquals("a@x-" + "l".repeat(10), echoedKey(sql, bound(sql, 1, "a@x", "l".repeat(30)),
                "a@x-" + "l".repeat(10)));
        assertEquals("****", echoedKey(sql, bound(sql, 1, "a@x", 3), "a@x-4"));
    }

    /** The parent's key is the value its children hold: a sensitive column on the child side makes it a secret. */
    @Test
    void theParentsKeyOfAForeignKeyFromASensitiveColumnIsMaskedEverywhere() {
        String sql = "DELETE FROM keys WHERE k = ?";
        Masking masking = masking(sql, bound(sql, "sk-live-XYZ123456"), false);
        ViolationFacts facts = new ViolationFacts(ViolationKind.FOREIGN_KEY, "23503", 0, "");
        facts.column("api_token");
        facts.referencedColumn("k");
        facts.reportedValue("k", "sk-live-XYZ123456");
        Map<String, String> values = masking.values(Map.of("k", "sk-live-XYZ123456"), facts, List.of("k"), null);
        assertEquals(Map.of("k", "****"), values);
        assertEquals(List.of("****"), masking.parameters());
        assertEquals("Detail: Key (k)=(****) is still referenced from table \"usage\".",
                masking.message("Detail: Key (k)=(sk-live-XYZ123456) is still referenced from table \"usage\"."));
        assertEquals("the row with k = **** is still referenced",
                masking.text("the row with k = 'sk-live-XYZ123456' is still referenced").replace("'", ""));
    }

    private String echoedKey(String sql, ParameterValues parameters, String keyValue) {
        Masking masking = masking(sql, parameters, false);
        ViolationFacts facts = new ViolationFacts(ViolationKind.UNIQUE, "23000", 1062, "");
        facts.keyValue(keyValue);
        masking.values(Map.of(), facts, List.of(), null);
        return masking.echoed(keyValue);
    }

    @Test
    void aSecretLiteralIsMaskedAsTheDatabaseStoredItsBackslashEscapes() {
        // MariaDB inside a transaction: the catalog is not asked which columns uk_pw covers, so only the literal
        // tells the secret, and the database echoes it with its escapes undone.
        Masking tab = masking("INSERT INTO users (id, password) VALUES (3, 'ZQX\\tpw1secretrest')");
        assertEquals("Duplicate entry '****' for key 'uk_pw'",
                tab.message("Duplicate entry 'ZQX\tpw1secretrest' for key 'uk_pw'"));
        Masking letter = masking("INSERT INTO users (id, password) VALUES (4, 'ZQX\\Apw2secretrest')");
        assertEquals("Duplicate entry '****' for key 'uk_pw'",
                letter.message("Duplicate entry 'ZQXApw2secretrest' for key 'uk_pw'"));
        Masking hex = masking("INSERT INTO users (id, password) VALUES (5, E'ZQX\\x41pw2\\u00e9secretrest')");
        assertEquals("Key (lower(password))=(****) already exists.",
                hex.message("Key (lower(password))=(ZQXApw2\u00e9secretrest) already exists."));
    }

    @Test
    void longLiteralsAreCutInsideTheSqlWhichIsThenCutItself() {
        String sql = "INSERT INTO notes (id, body) VALUES (1, '" + "x".repeat(5000) + "')";
        assertEquals("INSERT INTO notes (id, body) VALUES (1, '" + "x".repeat(20) + "…(5000 chars)')",
                masking(sql).sql());
        String many = "INSERT INTO notes (id) VALUES " + "(1), ".repeat(100) + "(2)";
        assertEquals(200 + "…(705 chars)".length(), masking(many).sql().length());
    }

    @Test
    void aLongValueTheDatabaseRepeatsIsCutLikeTheValue() {
        String email = "e".repeat(3000) + "@x";
        String sql = "INSERT INTO users (id, email) VALUES (?, ?)";
        Masking masking = masking(sql, bound(sql, 1, email), false);
        assertEquals("Key (email)=(" + "e".repeat(20) + "…(3002 chars)) already exists.",
                masking.message("Key (email)=(" + email + ") already exists."));
        assertEquals("'" + "e".repeat(20) + "…(3002 chars)'", masking.parameters().get(1));
    }

    @Test
    void valuesByColumnAreCutAndMaskedWhereverTheyRepeatASecret() {
        String sql = "INSERT INTO users (id, email, password) SELECT 1, 'c3@x', '" + "p".repeat(50) + "'";
        SqlShape shape = SqlStatementParser.parse(sql);
        Masking masking = new Masking(redactor, renderer, shape, sql, null, false, false);
        ViolationFacts facts = new ViolationFacts(ViolationKind.UNIQUE, "23505", 0, "");
        facts.reportedValue("email", "c3@x");
        facts.reportedValue("name", "n".repeat(50));
        Map<String, String> values = masking.values(
                Map.of("email", new SentValues.Literal("'c3@x'")), facts, List.of("email"), null);
        assertEquals(Map.of("email", "'****'"), values);
        assertEquals("****", masking.echoed(facts.reportedValues().get("email")));
        assertEquals("n".repeat(20) + "…(50 chars)", masking.echoed(facts.reportedValues().get("name")));
    }

    @Test
    void literalContentIsTheValueADatabaseWouldRepeat() {
        assertEquals("it's", LiteralValues.content("'it''s'"));
        assertEquals("x", LiteralValues.content("E'x'"));
        assertEquals("x", LiteralValues.content("_utf8mb4'x'"));
        assertEquals("body", LiteralValues.content("$tag$body$tag$"));
        assertEquals("42", LiteralValues.content("42"));
        assertTrue(LiteralValues.content("''").isEmpty());
    }
}
