package io.integrityagent.explanation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.integrityagent.dialect.ConsoleSyntax;
import io.integrityagent.explanation.LookupQuery.Column;
import io.integrityagent.explanation.LookupQuery.Value;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.util.Escaping;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookupQueryTest {

    private static final int MAX_LENGTH = 30;

    private static LookupQuery on(DatabaseSystem system) {
        return new LookupQuery(ConsoleSyntax.of(system), MAX_LENGTH);
    }

    /** Columns by the names the database stores, or {@link Column}s, each followed by its value. */
    private static Map<Column, Value> values(Object... columnsAndValues) {
        Map<Column, Value> values = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            Object column = columnsAndValues[i];
            values.put(column instanceof Column ? (Column) column : Column.named((String) column),
                    (Value) columnsAndValues[i + 1]);
        }
        return values;
    }

    /** The query as the log and the events file will show it: it must need no escaping to be pasted. */
    private static String select(LookupQuery query, String qualifier, String table, Map<Column, Value> values) {
        String written = query.select(qualifier, table, values);
        if (written != null) {
            assertEquals(written, Escaping.text(written), "the log would change it");
        }
        return written;
    }

    @Test
    void selectsTheRowByTheColumnAndTheValueSent() {
        assertEquals("SELECT * FROM users WHERE email = 'a@x'", select(on(DatabaseSystem.POSTGRESQL), "", "users",
                values("email", Value.bound("a@x"))));
    }

    @Test
    void aCompositeKeyIsEveryColumnAndedInTheKeysOrder() {
        assertEquals("SELECT * FROM MEMBERSHIPS WHERE TEAM = 'core-api' AND MEMBER = 'ada' AND SINCE = 2020",
                select(on(DatabaseSystem.H2), "", "MEMBERSHIPS",
                        values("TEAM", Value.bound("core-api"), "MEMBER", Value.written("'ada'"),
                                "SINCE", Value.printed("2020"))));
    }

    @Test
    void namesAreQuotedAsTheDatabaseNeedsAndTheQualifierIsKeptAsTheStatementWroteIt() {
        assertEquals("SELECT * FROM \"Sales\".\"Order Lines\" WHERE \"Line No\" = 1 AND item = 'x'",
                select(on(DatabaseSystem.POSTGRESQL), "\"Sales\".", "Order Lines",
                        values("Line No", Value.bound(1), "item", Value.bound("x"))));
        assertEquals("SELECT * FROM `shop`.`Order Lines` WHERE `Line No` = 1",
                select(on(DatabaseSystem.MARIADB), "`shop`.", "Order Lines", values("Line No", Value.bound(1))));
        assertEquals("SELECT * FROM sales.dbo.[Order Lines] WHERE [Line No] = 1",
                select(on(DatabaseSystem.SQL_SERVER), "sales.dbo.", "Order Lines",
                        values("Line No", Value.bound(1))));
        assertEquals("SELECT * FROM PUBLIC.\"ORDER\" WHERE ID = 1",
                select(on(DatabaseSystem.H2), "PUBLIC.", "ORDER", values("ID", Value.bound(1))));
    }

    @Test
    void aColumnAsTheStatementWroteItIsKeptAsWritten() {
        // PostgreSQL folds a bare Age to age; only the statement's own text tells which one it meant.
        assertEquals("SELECT * FROM users WHERE \"Age\" = 12 AND Id = 1", select(on(DatabaseSystem.POSTGRESQL),
                "", "users", values(Column.written("\"Age\"", "Age"), Value.bound(12),
                        Column.written("Id", "Id"), Value.bound(1))));
        assertEquals("SELECT * FROM users WHERE \"Api Token\" = :Api_Token -- fill in :Api_Token (masked)",
                select(on(DatabaseSystem.POSTGRESQL), "", "users",
                        values(Column.written("\"Api Token\"", "Api Token"), Value.masked())));
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "", "users",
                values(Column.written("\"a\nb\"", "a\nb"), Value.bound(1))));
    }

    @Test
    void aNullIsLookedForWithIsNullHoweverItWasSent() {
        assertEquals("SELECT * FROM t WHERE a IS NULL AND b IS NULL AND c = 'NULL'",
                select(on(DatabaseSystem.POSTGRESQL), "", "t",
                        values("a", Value.bound(null), "b", Value.written("NULL"), "c", Value.bound("NULL"))));
        assertEquals("SELECT * FROM T WHERE A IS NULL", select(on(DatabaseSystem.H2), "", "T",
                values("A", Value.printed("NULL"))));
    }

    @Test
    void aMaskedValueIsANamedPlaceholderThatTheCommentExplains() {
        assertEquals("SELECT * FROM client_keys WHERE tenant_id = 7 AND api_token = :api_token"
                        + " -- fill in :api_token (masked)",
                select(on(DatabaseSystem.POSTGRESQL), "", "client_keys",
                        values("tenant_id", Value.bound(7), "api_token", Value.masked())));
    }

    @Test
    void aValueLongerThanValuesMaxLengthIsAPlaceholderNotACutLiteral() {
        String longest = "x".repeat(MAX_LENGTH);
        assertEquals("SELECT * FROM t WHERE a = '" + longest + "'", select(on(DatabaseSystem.POSTGRESQL), "", "t",
                values("a", Value.bound(longest))));
        assertEquals("SELECT * FROM t WHERE a = :a AND b = :b AND c = :c AND d = :d"
                        + " -- fill in :a (longer than values.max.length), :b (longer than values.max.length),"
                        + " :c (longer than values.max.length), :d (longer than values.max.length)",
                select(on(DatabaseSystem.POSTGRESQL), "", "t", values(
                        "a", Value.bound(longest + "y"),
                        "b", Value.written("'" + longest + "y'"),
                        "c", Value.printed(longest + "y"),
                        "d", Value.bound(new byte[MAX_LENGTH / 2 + 1]))));
    }

    @Test
    void aValueTheDatabaseCutOrThatHasNoLiteralHereIsAPlaceholderThatSaysWhy() {
        assertEquals("SELECT * FROM t WHERE k = :k -- fill in :k (cut short in the database's message)",
                select(on(DatabaseSystem.MARIADB), "", "t", values("k", Value.printed("'abc...'"))));
        assertEquals("SELECT * FROM t WHERE k = :k -- fill in :k (not shown exactly in the database's message)",
                select(on(DatabaseSystem.MARIADB), "", "t", values("k", Value.printed("'tag?'"))));
        assertEquals("SELECT * FROM T WHERE K = :K -- fill in :K (holds a control or invisible character this"
                        + " database cannot spell in a literal)",
                select(on(DatabaseSystem.DERBY), "", "T", values("K", Value.bound("a\nb"))));
        assertEquals("SELECT * FROM t WHERE k = :k -- fill in :k (its type has no literal here)",
                select(on(DatabaseSystem.MARIADB), "", "t",
                        values("k", Value.bound(java.time.OffsetDateTime.parse("2024-05-01T10:00:00+02:00")))));
        assertEquals("SELECT * FROM t WHERE k = :k -- fill in :k (not kept by the agent)",
                select(on(DatabaseSystem.POSTGRESQL), "", "t", values("k", Value.notKept())));
    }

    @Test
    void placeholdersAreNamesEveryConsoleTakesAndDistinct() {
        assertEquals("SELECT * FROM \"T\" WHERE \"api token\" = :api_token AND api_token = :api_token_2"
                        + " -- fill in :api_token (masked), :api_token_2 (masked)",
                select(on(DatabaseSystem.POSTGRESQL), "", "T",
                        values("api token", Value.masked(), "api_token", Value.masked())));
    }

    @Test
    void aValueWithALineBreakCannotForgeALogLine() {
        assertEquals("SELECT * FROM tags WHERE label = 'one' || chr(10) || 'WARN forged'",
                select(on(DatabaseSystem.POSTGRESQL), "", "tags", values("label", Value.bound("one\nWARN forged"))));
    }

    @Test
    void withoutANameThatCanBeWrittenThereIsNoQuery() {
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "", "t\nforged", values("a", Value.bound(1))));
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "", "t", values("a\u202e", Value.bound(1))));
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "s\n.", "t", values("a", Value.bound(1))));
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "", null, values("a", Value.bound(1))));
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "", "t", values()), "a key without columns");
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "", "t".repeat(257), values("a", Value.bound(1))),
                "longer than any database allows a name: every text the agent keeps is bounded");
        assertNull(select(on(DatabaseSystem.POSTGRESQL), "\"" + "s".repeat(600) + "\".", "t",
                values("a", Value.bound(1))));
    }
}
