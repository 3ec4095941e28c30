package io.integrityagent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.sql.ColumnSource.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStatementParserTest {

    @Nested
    class Inserts {

        @Test
        void pairsEachInsertColumnWithItsBindMarker() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO users (id, email, name) VALUES (?, ?, ?)");

            assertEquals("INSERT", shape.verb());
            assertEquals("users", shape.table());
            assertEquals(3, shape.parameterCount());
            assertEquals(List.of("id=?1 (VALUE)", "email=?2 (VALUE)", "name=?3 (VALUE)"), describe(shape));
        }

        @Test
        void anInsertWithoutColumnListPairsItsValuesOnlyOnceTheTablesColumnsAreKnown() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO users VALUES (1, 'a', ?), (2, 'b', ?)");

            assertTrue(shape.omitsColumnList());
            assertEquals(List.of(), describe(shape));
            assertEquals(List.of("id=1 (VALUE)", "email='a' (VALUE)", "password=?1 (VALUE)",
                    "id=2 (VALUE row 1)", "email='b' (VALUE row 1)", "password=?2 (VALUE row 1)"),
                    describe(shape.withTableColumns(List.of("id", "email", "password"))));
            assertEquals(List.of(), describe(shape.withTableColumns(List.of("id", "email"))),
                    "rows of another length than the table stay unpaired");
        }

        @Test
        void quotedNamesAndNamesFromTheCatalogAreExactAndBareOnesAreNot() {
            SqlShape quoted = SqlStatementParser.parse("INSERT INTO \"Handles\" (\"Handle\", note) VALUES (?, ?)");
            SqlShape bare = SqlStatementParser.parse("UPDATE app.Handles SET Handle = ? WHERE \"Id\" = 1");
            SqlShape paired = SqlStatementParser.parse("INSERT INTO handles VALUES (1, 'ann')")
                    .withTableColumns(List.of("Id", "Handle"));

            assertTrue(quoted.tableNameExact());
            assertEquals(List.of(true, false), exactNames(quoted));
            assertFalse(bare.tableNameExact());
            assertEquals(List.of(false, true), exactNames(bare));
            assertFalse(paired.tableNameExact());
            assertEquals(List.of(true, true), exactNames(paired));
        }

        @Test
        void aUnicodeEscapedNameIsReadWithItsEscapesUndone() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (id, U&\"p\\0061ssword\","
                    + " U&\"n\\+00006Fte\\\\\", U&\"x\\+110000\") VALUES (1, 'a', 'b', 'c')");

            assertEquals(List.of("id=1 (VALUE)", "password='a' (VALUE)", "note\\='b' (VALUE)",
                    "x\\+110000='c' (VALUE)"), describe(shape));
        }

        @Test
        void aQualifiedTableTellsItsSchemaPart() {
            SqlShape bare = SqlStatementParser.parse("UPDATE app.Handles SET Handle = ?");
            SqlShape quoted = SqlStatementParser.parse("DELETE FROM \"Tenant B\".orders WHERE id = 1");
            SqlShape skipped = SqlStatementParser.parse("INSERT INTO shop..orders VALUES (1)");
            SqlShape underACatalog = SqlStatementParser.parse("INSERT INTO shop.dbo.orders VALUES (1)");

            assertNull(SqlStatementParser.parse("INSERT INTO orders VALUES (1)").schema());
            assertEquals("app", bare.schema());
            assertFalse(bare.schemaNameExact());
            assertEquals("Tenant B", quoted.schema());
            assertTrue(quoted.schemaNameExact());
            assertEquals("", skipped.schema());
            assertEquals("", underACatalog.schema(), "dbo of which database");
        }

        @Test
        void anInsertFromASelectWithoutColumnListAlsoOmitsIt() {
            assertTrue(SqlStatementParser.parse("INSERT INTO users SELECT * FROM staging").omitsColumnList());
            assertFalse(SqlStatementParser.parse("INSERT INTO users (id) SELECT 1").omitsColumnList());
            assertFalse(SqlStatementParser.parse("INSERT INTO users SET id = 1").omitsColumnList());
        }

        @Test
        void locatesEveryStringLiteralOfTheWholeText() {
            String sql = "INSERT INTO t (a) VALUES (CONCAT('x', E'y')); SELECT $$z$$, 'w'";
            List<String> literals = new ArrayList<>();
            SqlStatementParser.parse(sql).stringLiterals()
                    .forEach(span -> literals.add(sql.substring(span.start(), span.end())));

            assertEquals(List.of("'x'", "E'y'", "$$z$$", "'w'"), literals);
        }

        @Test
        void reportsEachInsertedLiteralExactlyAsWritten() {
            String sql = "insert into t (a, b, c, d, e, f, g, h) values ('it''s', 42, -1.5, NULL, true, FALSE, ?, 1e3)";
            SqlShape shape = SqlStatementParser.parse(sql);

            assertEquals("'it''s'", literalOf(shape, "a"));
            assertEquals("42", literalOf(shape, "b"));
            assertEquals("-1.5", literalOf(shape, "c"));
            assertEquals("NULL", literalOf(shape, "d"));
            assertEquals("true", literalOf(shape, "e"));
            assertEquals("FALSE", literalOf(shape, "f"));
            assertEquals(1, only(shape, "g").parameterIndex());
            assertEquals("1e3", literalOf(shape, "h"));
            assertEquals(1, shape.parameterCount());
        }

        @Test
        void literalOffsetsSliceBackToExactlyTheLiteralText() {
            String sql = "/* héllo ? */ INSERT INTO t (secret, note, n, price)\n"
                    + "  VALUES ('p@ss ''word'' ?', E'line\\n\\'q\\'', -7, N'ünïcode')";
            SqlShape shape = SqlStatementParser.parse(sql);

            assertEquals(4, shape.columns().size());
            for (ColumnSource source : shape.columns()) {
                assertTrue(source.isLiteral(), source::toString);
                assertEquals(source.literal(), sql.substring(source.literalStart(), source.literalEnd()));
            }
            assertEquals("'p@ss ''word'' ?'", literalOf(shape, "secret"));
            assertEquals("E'line\\n\\'q\\''", literalOf(shape, "note"));
            assertEquals("N'ünïcode'", literalOf(shape, "price"));
            assertEquals(0, shape.parameterCount());
        }

        @Test
        void parameterSourcesHaveNoLiteralOffsets() {
            ColumnSource source = only(SqlStatementParser.parse("INSERT INTO t (a) VALUES (?)"), "a");

            assertTrue(source.isParameter());
            assertFalse(source.isLiteral());
            assertNull(source.literal());
            assertEquals(-1, source.literalStart());
            assertEquals(-1, source.literalEnd());
        }

        @Test
        void keepsCountingMarkerIndexesAcrossTheRowsOfAMultiRowInsert() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a, b) VALUES (?, ?), (?, 'x'), (?, ?)");

            assertEquals(List.of("a=?1 (VALUE)", "b=?2 (VALUE)", "a=?3 (VALUE row 1)", "b='x' (VALUE row 1)",
                    "a=?4 (VALUE row 2)", "b=?5 (VALUE row 2)"), describe(shape));
            assertEquals(5, shape.parameterCount());
            assertEquals(List.of(0, 1, 2), shape.sourcesOf("a").stream().map(ColumnSource::row).toList());
        }

        @Test
        void readsMySqlRowConstructorsInValues() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a) VALUES ROW(?), ROW(?)");

            assertEquals(List.of("a=?1 (VALUE)", "a=?2 (VALUE row 1)"), describe(shape));
        }

        @Test
        void skipsOnlyTheRowWhoseValueCountDiffersFromTheColumnList() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a, b) VALUES (?, ?, ?), (?, ?)");

            assertEquals(List.of("a=?4 (VALUE row 1)", "b=?5 (VALUE row 1)"), describe(shape));
            assertEquals(5, shape.parameterCount());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "INSERT INTO app.users (email) VALUES (?)",
            "INSERT INTO catalog.app.users (email) VALUES (?)",
            "INSERT INTO \"app\".\"users\" (email) VALUES (?)",
            "INSERT INTO [dbo].[users] ([email]) VALUES (?)",
            "INSERT INTO master..users (email) VALUES (?)",
            "INSERT INTO `shop`.`users` (`email`) VALUES (?)",
            "INSERT INTO users AS u (email) VALUES (?)",
        })
        void namesTheTargetTableWithoutQuotesOrSchema(String sql) {
            SqlShape shape = SqlStatementParser.parse(sql);

            assertEquals("users", shape.table());
            assertEquals(1, only(shape, "email").parameterIndex());
        }

        @Test
        void stripsTableQualifiersFromInsertColumns() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (t.a, s.t.b) VALUES (?, ?)");

            assertEquals(List.of("a=?1 (VALUE)", "b=?2 (VALUE)"), describe(shape));
        }

        @Test
        void knowsTheTableButNoColumnsWhenTheColumnListIsLeftOut() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO orders VALUES (?, ?, 'new')");

            assertEquals("INSERT", shape.verb());
            assertEquals("orders", shape.table());
            assertTrue(shape.columns().isEmpty());
            assertEquals(2, shape.parameterCount());
        }

        @Test
        void insertSelectCountsMarkersButMapsNoColumns() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO archive (id, note) SELECT id, ? FROM orders WHERE id = ?");

            assertEquals("archive", shape.table());
            assertTrue(shape.columns().isEmpty());
            assertEquals(2, shape.parameterCount());
        }

        @Test
        void insertFromAParenthesisedQueryMapsNoColumns() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO archive (SELECT * FROM orders WHERE id = ?)");

            assertEquals("archive", shape.table());
            assertTrue(shape.columns().isEmpty());
            assertEquals(1, shape.parameterCount());
        }

        @Test
        void onConflictUpdateMarkersAreCountedButAddNoSources() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (id, n) VALUES (?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET n = ? WHERE t.id = ? RETURNING id");

            assertEquals(List.of("id=?1 (VALUE)", "n=?2 (VALUE)"), describe(shape));
            assertEquals(4, shape.parameterCount());
        }

        @Test
        void onDuplicateKeyUpdateMarkersAreCountedButAddNoSources() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO t (id, n) VALUES (?, ?) ON DUPLICATE KEY UPDATE n = n + ?, m = ?");

            assertEquals(List.of("id=?1 (VALUE)", "n=?2 (VALUE)"), describe(shape));
            assertEquals(4, shape.parameterCount());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "INSERT IGNORE INTO t (a) VALUES (?)            | INSERT",
            "insert low_priority ignore into t (a) values (?) | INSERT",
            "INSERT OR IGNORE INTO t (a) VALUES (?)         | INSERT",
            "INSERT OR REPLACE INTO t (a) VALUES (?)        | INSERT",
            "REPLACE INTO t (a) VALUES (?)                  | REPLACE",
            "UPSERT INTO t (a) VALUES (?)                   | UPSERT",
            "INSERT t (a) VALUES (?)                        | INSERT",
            "INSERT INTO t (a) OVERRIDING SYSTEM VALUE VALUES (?) | INSERT",
            "INSERT INTO t (a) VALUE (?)                    | INSERT",
        })
        void readsDialectSpecificInsertForms(String sql, String operation) {
            SqlShape shape = SqlStatementParser.parse(sql);

            assertEquals(operation, shape.verb());
            assertEquals("t", shape.table());
            assertEquals(List.of("a=?1 (VALUE)"), describe(shape));
        }

        @Test
        void readsMySqlInsertSetAsValueAssignments() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO t SET a = ?, b = 'x' ON DUPLICATE KEY UPDATE b = ?");

            assertEquals("t", shape.table());
            assertEquals(List.of("a=?1 (VALUE)", "b='x' (VALUE)"), describe(shape));
            assertEquals(2, shape.parameterCount());
        }

        @Test
        void anInsertValueThatIsAnExpressionIsNeitherParameterNorLiteral() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO t (a, b, c) VALUES (lower(?), ? || 'x', DEFAULT)");

            assertEquals(List.of("a=<expression> (VALUE)", "b=<expression> (VALUE)", "c=<expression> (VALUE)"),
                    describe(shape));
            assertEquals(2, shape.parameterCount());
        }

        @Test
        void looksThroughCastsAndRedundantParentheses() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a, b, c, d, e, f) VALUES "
                    + "(?::int, CAST(? AS varchar(20)), ((?)), '2020-01-01'::date, ?::numeric(10, 2)[], cast(-5 as int))");

            assertEquals(List.of("a=?1 (VALUE)", "b=?2 (VALUE)", "c=?3 (VALUE)", "d='2020-01-01' (VALUE)",
                    "e=?4 (VALUE)", "f=-5 (VALUE)"), describe(shape));
        }

        @Test
        void aCastFollowedByMoreExpressionIsNotAMarker() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a) VALUES (?::int + 1)");

            assertFalse(only(shape, "a").isParameter());
        }

        @Test
        void commasInsideArraysAndFunctionCallsDoNotSplitValues() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO t (tags, total, id) VALUES (ARRAY[?, ?], coalesce(?, 0), ?)");

            assertEquals(List.of("tags=<expression> (VALUE)", "total=<expression> (VALUE)", "id=?4 (VALUE)"),
                    describe(shape));
        }

        @Test
        void mapsTheInsertAfterCommonTableExpressions() {
            SqlShape shape = SqlStatementParser.parse("WITH RECURSIVE src (x) AS (SELECT ? UNION ALL SELECT x FROM src), "
                    + "other AS (SELECT 1) INSERT INTO t (a, b) VALUES (?, ?)");

            assertEquals("INSERT", shape.verb());
            assertEquals("t", shape.table());
            assertEquals(List.of("a=?2 (VALUE)", "b=?3 (VALUE)"), describe(shape));
        }

        @Test
        void ignoresOracleMultiTableInsert() {
            SqlShape shape = SqlStatementParser.parse("INSERT ALL INTO a (x) VALUES (?) INTO b (y) VALUES (?) "
                    + "SELECT * FROM dual");

            assertEquals("INSERT", shape.verb());
            assertNull(shape.table());
            assertTrue(shape.columns().isEmpty());
            assertEquals(2, shape.parameterCount());
        }
    }

    @Nested
    class Updates {

        @Test
        void pairsSetAssignmentsAsValuesAndWhereEqualitiesAsConditions() {
            SqlShape shape = SqlStatementParser.parse("UPDATE accounts SET a = ?, b = 'x' WHERE id = ? AND c = 5");

            assertEquals("UPDATE", shape.verb());
            assertEquals("accounts", shape.table());
            assertEquals(List.of("a=?1 (VALUE)", "b='x' (VALUE)", "id=?2 (WHERE)", "c=5 (WHERE)"), describe(shape));
        }

        @Test
        void aSetExpressionIsNeitherParameterNorLiteralButItsMarkerStillCounts() {
            SqlShape shape = SqlStatementParser.parse("UPDATE t SET a = a + ?, b = ? WHERE id = ?");

            ColumnSource a = only(shape, "a");
            assertFalse(a.isParameter());
            assertFalse(a.isLiteral());
            assertEquals(0, a.parameterIndex());
            assertEquals(2, only(shape, "b").parameterIndex());
            assertEquals(3, only(shape, "id").parameterIndex());
            assertEquals(3, shape.parameterCount());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "UPDATE app.t AS x SET x.a = ? WHERE x.id = ?",
            "UPDATE t x SET x.a = ? WHERE x.id = ?",
            "update only t set a = ? where t.id = ?",
            "UPDATE ONLY t * SET a = ? WHERE id = ?",
            "UPDATE LOW_PRIORITY IGNORE t SET a = ? WHERE id = ?",
            "UPDATE OR ROLLBACK t SET a = ? WHERE id = ?",
            "UPDATE t SET \"a\" = ? WHERE [id] = ?",
        })
        void stripsAliasesAndQualifiersFromUpdatedColumns(String sql) {
            SqlShape shape = SqlStatementParser.parse(sql);

            assertEquals("t", shape.table());
            assertEquals(List.of("a=?1 (VALUE)", "id=?2 (WHERE)"), describe(shape));
        }

        @Test
        void pairsTupleAssignmentsPositionally() {
            SqlShape shape = SqlStatementParser.parse("UPDATE t SET (a, b) = (?, 'y'), c = ? WHERE id = ?");

            assertEquals(List.of("a=?1 (VALUE)", "b='y' (VALUE)", "c=?2 (VALUE)", "id=?3 (WHERE)"), describe(shape));
        }

        @Test
        void readsTheWhereClauseAfterAnUpdateFrom() {
            SqlShape shape = SqlStatementParser.parse(
                    "UPDATE t SET a = s.a FROM src s WHERE t.id = s.id AND s.kind = ? RETURNING t.id");

            assertEquals(List.of("a=<expression> (VALUE)", "kind=?1 (WHERE)"), describe(shape));
        }

        @Test
        void leavesTheTargetUnknownForAJoinedUpdate() {
            SqlShape shape = SqlStatementParser.parse(
                    "UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = ? WHERE t2.b = ?");

            assertNull(shape.table());
            assertEquals(List.of("a=?1 (VALUE)", "b=?2 (WHERE)"), describe(shape));
        }

        @Test
        void aSubqueryInASetValueKeepsLaterMarkerIndexesRight() {
            SqlShape shape = SqlStatementParser.parse(
                    "UPDATE t SET a = (SELECT max(x) FROM u WHERE u.k = ?), b = ? WHERE id = ?");

            assertEquals(List.of("a=<expression> (VALUE)", "b=?2 (VALUE)", "id=?3 (WHERE)"), describe(shape));
        }
    }

    @Nested
    class Deletes {

        @Test
        void mapsTheWhereEqualityOfADelete() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM orders WHERE id = ?");

            assertEquals("DELETE", shape.verb());
            assertEquals("orders", shape.table());
            assertEquals(List.of("id=?1 (WHERE)"), describe(shape));
        }

        @Test
        void mapsLiteralAndMarkerEqualitiesOfADelete() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM app.orders WHERE id = 5 AND name = ?");

            assertEquals("orders", shape.table());
            assertEquals(List.of("id=5 (WHERE)", "name=?1 (WHERE)"), describe(shape));
        }

        @Test
        void readsADeleteWithoutFrom() {
            SqlShape shape = SqlStatementParser.parse("DELETE orders WHERE id = ?");

            assertEquals("orders", shape.table());
            assertEquals(List.of("id=?1 (WHERE)"), describe(shape));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id WHERE t1.id = ?",
            "DELETE FROM t1, t2 USING t1 JOIN t2 ON t1.id = t2.id WHERE t1.id = ?",
        })
        void leavesTheTargetOfAMultiTableDeleteUnknown(String sql) {
            SqlShape shape = SqlStatementParser.parse(sql);

            assertEquals("DELETE", shape.verb());
            assertNull(shape.table());
            assertEquals(1, shape.parameterCount());
        }
    }

    @Nested
    class WhereClauses {

        @Test
        void mapsAnEqualityWrittenValueFirst() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM t WHERE ? = id AND 'x' = t.name AND NULL = z");

            assertEquals(List.of("id=?1 (WHERE)", "name='x' (WHERE)", "z=NULL (WHERE)"), describe(shape));
        }

        @Test
        void skipsComplexConditionsButCountsTheirMarkers() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM t WHERE a IN (?, ?) AND b > ? AND c = lower(?) "
                    + "AND d BETWEEN ? AND ? AND e = ? AND f = g AND NOT h = ?");

            assertEquals(List.of("e=?7 (WHERE)"), describe(shape));
            assertEquals(8, shape.parameterCount());
        }

        @Test
        void theAndOfABetweenDoesNotEndACondition() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM t WHERE x BETWEEN ? AND flag = ? AND id = ?");

            assertEquals(List.of("id=?3 (WHERE)"), describe(shape));
        }

        @Test
        void mapsNothingWhenTheWhereClauseHasATopLevelOr() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM t WHERE a = ? AND b = ? OR c = ?");

            assertTrue(shape.columns().isEmpty());
            assertEquals(3, shape.parameterCount());
        }

        @Test
        void anOrInsideParenthesesLeavesOtherEqualitiesMapped() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM t WHERE (x = ? OR y = ?) AND (id = ?)");

            assertEquals(List.of("id=?3 (WHERE)"), describe(shape));
        }

        @Test
        void stopsTheWhereClauseAtOrderByAndLimit() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM t WHERE id = ? ORDER BY x = ? LIMIT ?");

            assertEquals(List.of("id=?1 (WHERE)"), describe(shape));
            assertEquals(3, shape.parameterCount());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "UPDATE users SET age = ? WHERE id = ?",
                "UPDATE users u SET age = ? WHERE u.id = ? AND (tenant = 'a')",
                "UPDATE users SET age = 1 WHERE ? = id RETURNING *",
                "DELETE FROM users WHERE id = ? AND tenant = 7",
                "DELETE FROM users AS u WHERE u.id = ?"})
        void aWhereOfNothingButEqualitiesOfTheTargetIsFullyRead(String sql) {
            assertTrue(SqlStatementParser.parse(sql).whereFullyRead(), sql);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "UPDATE users SET age = ?",
                "UPDATE users SET age = ? WHERE id = ? OR id = ?",
                "UPDATE users SET age = ? WHERE id = ? AND created < ?",
                "UPDATE users SET age = ? WHERE id = ? AND name IS NULL",
                "UPDATE users SET age = ? WHERE id = ? + 1",
                "UPDATE users SET age = ? WHERE id = ? LIMIT 1",
                "UPDATE users SET age = ? WHERE id = ? ORDER BY id",
                "UPDATE users SET age = o.age FROM others o WHERE o.id = ?",
                "UPDATE users, others SET users.age = ? WHERE others.id = ?",
                "DELETE FROM users USING others WHERE others.id = ?",
                "DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id WHERE t2.x = ?",
                "INSERT INTO users (id) VALUES (?)"})
        void aWhereWithAnythingElseOrOfAnotherTableIsNotFullyRead(String sql) {
            assertFalse(SqlStatementParser.parse(sql).whereFullyRead(), sql);
        }
    }

    @Nested
    class Merges {

        @Test
        void readsH2MergeWithKeyLikeAnInsert() {
            SqlShape shape = SqlStatementParser.parse("MERGE INTO users (id, email) KEY (id) VALUES (?, ?)");

            assertEquals("MERGE", shape.verb());
            assertEquals("users", shape.table());
            assertEquals(List.of("id=?1 (VALUE)", "email=?2 (VALUE)"), describe(shape));
        }

        @Test
        void namesTheTargetOfAStandardMergeWithoutSources() {
            SqlShape shape = SqlStatementParser.parse("MERGE INTO app.users u USING (SELECT ? AS id) s ON u.id = s.id "
                    + "WHEN MATCHED THEN UPDATE SET email = ? WHEN NOT MATCHED THEN INSERT (id, email) VALUES (s.id, ?)");

            assertEquals("MERGE", shape.verb());
            assertEquals("users", shape.table());
            assertTrue(shape.columns().isEmpty());
            assertEquals(3, shape.parameterCount());
        }
    }

    @Nested
    class Operations {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "COMMIT                          | COMMIT",
            "commit work                     | COMMIT",
            "select * from t where id = ?    | SELECT",
            "CALL p(?, ?)                    | CALL",
            "{call p(?)}                     | CALL",
            "{? = call f(?)}                 | CALL",
            "(SELECT 1) UNION (SELECT 2)     | SELECT",
            "; ; DELETE FROM t               | DELETE",
            "-- leading comment\\nUPDATE t SET a = 1 | UPDATE",
            "WITH x AS (SELECT 1) SELECT * FROM x | SELECT",
            "WITH x AS (SELECT 1) UPDATE t SET a = ? | UPDATE",
            "WITH x AS (SELECT 1) DELETE FROM t WHERE id = ? | DELETE",
            "WITH x AS (SELECT 1)            | WITH",
        })
        void namesTheOperationByItsMainVerb(String sql, String operation) {
            assertEquals(operation, SqlStatementParser.parse(sql.replace("\\n", "\n")).verb());
        }

        @Test
        void callsHaveNoTableOrSources() {
            SqlShape shape = SqlStatementParser.parse("{? = call app.f(?, 'x')}");

            assertEquals("CALL", shape.verb());
            assertNull(shape.table());
            assertTrue(shape.columns().isEmpty());
            assertEquals(2, shape.parameterCount());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\t", "-- only a comment", "/* only a comment */", ";"})
        void blankSqlHasNoOperation(String sql) {
            SqlShape shape = SqlStatementParser.parse(sql);

            assertNull(shape.verb());
            assertNull(shape.table());
            assertTrue(shape.columns().isEmpty());
            assertEquals(0, shape.parameterCount());
        }

        @Test
        void nullSqlHasNoOperation() {
            SqlShape shape = SqlStatementParser.parse(null);

            assertNull(shape.verb());
            assertEquals(0, shape.parameterCount());
            assertTrue(shape.columns().isEmpty());
        }

        @Test
        void readsOnlyTheFirstStatementButCountsEveryMarker() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a) VALUES (?); UPDATE u SET b = ?");

            assertEquals("INSERT", shape.verb());
            assertEquals("t", shape.table());
            assertEquals(List.of("a=?1 (VALUE)"), describe(shape));
            assertEquals(2, shape.parameterCount());
        }
    }

    @Nested
    class Markers {

        @Test
        void aMarkerInsideAStringLiteralOrCommentIsNotCounted() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t /* ? */ (a, b) -- what? \n"
                    + "VALUES ('why?', ?) /* trailing ?");

            assertEquals(1, shape.parameterCount());
            assertEquals("'why?'", literalOf(shape, "a"));
            assertEquals(1, only(shape, "b").parameterIndex());
        }

        @Test
        void aMarkerInsideAQuotedIdentifierIsNotCounted() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO \"what?\" (`a?`, [b?], \"c\"\"?\") VALUES (?, ?, ?)");

            assertEquals("what?", shape.table());
            assertEquals(List.of("a?=?1 (VALUE)", "b?=?2 (VALUE)", "c\"?=?3 (VALUE)"), describe(shape));
            assertEquals(3, shape.parameterCount());
        }

        @Test
        void aMarkerInsideADollarQuotedStringIsNotCounted() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a, b, c) VALUES ($$is it?$$, $tag$ ? $$ ? $tag$, ?)");

            assertEquals(1, shape.parameterCount());
            assertEquals("$$is it?$$", literalOf(shape, "a"));
            assertEquals("$tag$ ? $$ ? $tag$", literalOf(shape, "b"));
            assertEquals(1, only(shape, "c").parameterIndex());
        }

        @Test
        void numberedDollarPlaceholdersAreNotMarkers() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a, b) VALUES ($1, ?)");

            assertEquals(1, shape.parameterCount());
            assertFalse(only(shape, "a").isParameter());
            assertEquals(1, only(shape, "b").parameterIndex());
        }

        @Test
        void anEscapedPostgresQuestionMarkOperatorIsNotAMarker() {
            SqlShape shape = SqlStatementParser.parse("DELETE FROM t WHERE data ?? 'key' AND id = ?");

            assertEquals(1, shape.parameterCount());
            assertEquals(List.of("id=?1 (WHERE)"), describe(shape));
        }

        @Test
        void backslashEscapedQuotesDoNotEndAMySqlString() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a, b) VALUES ('it\\'s ? ok', ?)");

            assertEquals(1, shape.parameterCount());
            assertEquals("'it\\'s ? ok'", literalOf(shape, "a"));
            assertEquals(1, only(shape, "b").parameterIndex());
        }

        @Test
        void aTrailingBackslashStillEndsAStandardString() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (path, b) VALUES ('C:\\', ?)");

            assertEquals("'C:\\'", literalOf(shape, "path"));
            assertEquals(1, only(shape, "b").parameterIndex());
        }

        @Test
        void prefixedStringLiteralsAreOneLiteral() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO t (a, b, c, d) VALUES (X'0A?F', _utf8mb4'h?', U&'d\\0061t?', b'101')");

            assertEquals(0, shape.parameterCount());
            assertEquals(List.of("X'0A?F'", "_utf8mb4'h?'", "U&'d\\0061t?'", "b'101'"),
                    shape.columns().stream().map(ColumnSource::literal).toList());
        }

        @Test
        void arraySubscriptsAreNotMistakenForBracketedNames() {
            SqlShape shape = SqlStatementParser.parse("UPDATE t SET tags[?] = ?, n = ? WHERE id = ?");

            assertEquals(4, shape.parameterCount());
            assertEquals(3, only(shape, "n").parameterIndex());
            assertEquals(4, only(shape, "id").parameterIndex());
        }
    }

    @Nested
    class Identifiers {

        @Test
        void keepsSpacesAndCaseOfQuotedIdentifiers() {
            SqlShape shape = SqlStatementParser.parse(
                    "INSERT INTO \"My Schema\".\"Order Lines\" (\"Line No\", `unit price`, [Tax Rate]) VALUES (?, ?, ?)");

            assertEquals("Order Lines", shape.table());
            assertEquals(List.of("Line No=?1 (VALUE)", "unit price=?2 (VALUE)", "Tax Rate=?3 (VALUE)"),
                    describe(shape));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "INSERT INTO users (id) VALUES (?)|''",
                "INSERT INTO shop.users (id) VALUES (?)|shop.",
                "INSERT INTO \"My Schema\".\"Order Lines\" (id) VALUES (?)|\"My Schema\".",
                "UPDATE `db`.`users` SET a = ? WHERE id = ?|`db`.",
                "DELETE FROM sales.dbo.orders WHERE id = ?|sales.dbo.",
                "DELETE FROM sales..orders WHERE id = ?|sales..",
                "UPDATE users, others SET users.a = ?|''"})
        void keepsWhatQualifiesTheTargetTableAsWritten(String sql, String qualifier) {
            assertEquals(qualifier, SqlStatementParser.parse(sql).qualifier(), sql);
        }

        @Test
        void aWhereEqualityKeepsItsColumnAsWrittenQuotesIncluded() {
            SqlShape shape = SqlStatementParser.parse(
                    "UPDATE t SET a = ? WHERE \"Line No\" = ? AND u.Id = 2 AND `k` = 3");

            assertEquals(List.of("\"Line No\"", "Id", "`k`"), shape.columns().stream()
                    .filter(source -> source.role() == Role.WHERE).map(ColumnSource::writtenName).toList());
            assertNull(only(shape, "a").writtenName());
        }

        @Test
        void findsSourcesOfAColumnWithoutRegardToCase() {
            SqlShape shape = SqlStatementParser.parse("UPDATE t SET Email = ? WHERE EMAIL = 'old@x'");

            List<ColumnSource> sources = shape.sourcesOf("email");
            assertEquals(2, sources.size());
            assertEquals("Email", sources.get(0).column());
            assertEquals(Role.VALUE, sources.get(0).role());
            assertEquals(Role.WHERE, sources.get(1).role());
            assertEquals("'old@x'", sources.get(1).literal());
        }

        @Test
        void aColumnWithoutSourcesGivesAnEmptyList() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a) VALUES (?)");

            assertTrue(shape.sourcesOf("b").isEmpty());
            assertTrue(shape.sourcesOf(null).isEmpty());
        }

        @Test
        void theShapeCannotBeChangedByItsReader() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a) VALUES (?)");

            assertThrows(UnsupportedOperationException.class, () -> shape.columns().clear());
            assertThrows(UnsupportedOperationException.class, () -> shape.sourcesOf("a").clear());
        }

        @Test
        void nonAsciiIdentifiersAreWholeNames() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO kunden (straße, 名前) VALUES (?, 'Ünal')");

            assertEquals(List.of("straße=?1 (VALUE)", "名前='Ünal' (VALUE)"), describe(shape));
        }
    }

    @Nested
    class Robustness {

        @ParameterizedTest
        @ValueSource(strings = {
            "INSERT INTO t (a, b) VALUES (?, 'unterminated",
            "INSERT INTO \"t (a) VALUES (?)",
            "INSERT INTO [t (a) VALUES (?)",
            "INSERT INTO `t (a) VALUES (?)",
            "INSERT INTO t (a) VALUES (?) /* unterminated",
            "INSERT INTO t (a) VALUES ($$ unterminated",
            "INSERT INTO t (a, b VALUES (?, ?",
            "INSERT INTO t (a)) VALUES ((?)",
            "INSERT INTO t ( , ) VALUES ( , )",
            "INSERT INTO t () VALUES ()",
            "INSERT INTO t (a) VALUES (?,",
            "INSERT INTO", "INSERT INTO t (", "INSERT INTO t (a) VALUES", "INSERT INTO t (a) VALUES (",
            "UPDATE", "UPDATE t", "UPDATE t SET", "UPDATE t SET a", "UPDATE t SET a =", "UPDATE t SET = ?",
            "UPDATE t SET (a, b) = (?", "UPDATE t SET a = ? WHERE", "UPDATE t SET a = ? WHERE id =",
            "DELETE", "DELETE FROM", "DELETE FROM t WHERE = = = ?", "DELETE FROM t WHERE id BETWEEN",
            "MERGE INTO t KEY (", "WITH", "WITH x AS (", "{", "{?", "{? =", "?", "??", "???", "'", "\"", "`", "[",
            "]", ")", "))))", "((((", "$", "$$", "$a", "$1$", "-", "--", "/*", "*/", "E'", "E'\\", "N", "U&",
            "x'", "0x", "1e", "1e+", ".", "..", "::", "'\\", "a.b.", "INSERT INTO a..", "INSERT INTO .t (a) VALUES (?)",
            "\u0000\u0001\u0002", "\uD800", "\uDC00INSERT", "\u00A0INSERT\u2003INTO\u3000t (a) VALUES (?)",
            "INSERT INTO t (a) VALUES (CAST(", "INSERT INTO t (a) VALUES (CAST(? AS", "INSERT INTO t (a) VALUES (-)",
            "INSERT INTO t (a) VALUES (?::)", "INSERT INTO t (a) VALUES (?::int", "DELETE FROM t WHERE ((((a = ?",
        })
        void garbageAndTruncatedSqlNeverThrows(String sql) {
            parseChecked(sql);
        }

        @Test
        void truncatedInsertStillPairsTheValuesItHas() {
            SqlShape shape = SqlStatementParser.parse("INSERT INTO t (a, b) VALUES (?, 'abc");

            assertEquals(1, only(shape, "a").parameterIndex());
            assertEquals("'abc", literalOf(shape, "b"));
        }

        @Test
        void everyPrefixOfRealStatementsParsesWithoutThrowing() {
            String[] statements = {
                "WITH s AS (SELECT ? AS v) INSERT INTO \"app\".t (a, `b`, [c]) VALUES (?::int, 'x''y', E'\\'?'), "
                        + "(CAST(? AS text), $$?$$, -1.5) ON CONFLICT (a) DO UPDATE SET b = ? -- done?",
                "UPDATE t AS x SET (a, b) = (?, N'?'), c = c + ? FROM u WHERE x.id = ? AND u.k BETWEEN ? AND ? "
                        + "/* end ? */ RETURNING *",
                "{? = call f(?, 'it\\'s', [x]., \"q\"\"?\")}",
            };
            for (String statement : statements) {
                for (int end = 0; end <= statement.length(); end++) {
                    String prefix = statement.substring(0, end);
                    parseChecked(prefix);
                }
            }
        }

        @Test
        void randomCharacterSoupNeverThrows() {
            String alphabet = "?'\"`[](){},;.:=-+*/\\$ \n\tEeNXxUu&_0123456789aSELECTINSERTUPDATEVALUESWHEREAND";
            Random random = new Random(20240601L);
            for (int round = 0; round < 5_000; round++) {
                StringBuilder sql = new StringBuilder(random.nextBoolean() ? "INSERT INTO t (a, b) VALUES " : "");
                int length = random.nextInt(60);
                for (int k = 0; k < length; k++) {
                    sql.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                parseChecked(sql.toString());
            }
        }

        @Test
        void randomKeywordSoupNeverThrows() {
            String[] fragments = {"INSERT", "INTO", "REPLACE", "UPSERT", "MERGE", "UPDATE", "DELETE", "WITH", "SELECT",
                "VALUES", "ROW", "SET", "WHERE", "FROM", "AND", "OR", "NOT", "BETWEEN", "AS", "ONLY", "KEY", "ON",
                "OVERRIDING", "CAST", "NULL", "t", "s.t", "\"q\"", "`b`", "[c]", "(", ")", "[", "]", "{", "}", ",", ";",
                ".", "..", "=", "-", "+", "*", "::", "::int", "?", "??", "'x'", "'", "\"", "`", "E'\\'", "$$", "$1",
                "1.5", "-- c\n", "/*", "*/"};
            Random random = new Random(7L);
            for (int round = 0; round < 20_000; round++) {
                StringBuilder sql = new StringBuilder();
                int length = random.nextInt(30);
                for (int k = 0; k < length; k++) {
                    sql.append(fragments[random.nextInt(fragments.length)]).append(random.nextInt(4) == 0 ? "" : " ");
                }
                parseChecked(sql.toString());
            }
        }

        @Test
        void aTenThousandColumnInsertIsMappedCompletely() {
            int count = 10_000;
            StringBuilder columns = new StringBuilder();
            StringBuilder values = new StringBuilder();
            for (int k = 0; k < count; k++) {
                columns.append(k == 0 ? "" : ", ").append("c").append(k);
                values.append(k == 0 ? "" : ", ").append(k % 2 == 0 ? "?" : "'v" + k + "'");
            }
            String sql = "INSERT INTO wide (" + columns + ") VALUES (" + values + ")";
            SqlShape shape = parseChecked(sql);

            assertEquals(count, shape.columns().size());
            assertEquals(count / 2, shape.parameterCount());
            assertEquals(5_000, only(shape, "c9998").parameterIndex());
            assertEquals("'v9999'", literalOf(shape, "c9999"));
        }

        @Test
        void aThousandRowInsertKeepsRowAndMarkerNumbering() {
            StringBuilder sql = new StringBuilder("INSERT INTO t (a, b) VALUES ");
            for (int row = 0; row < 1_000; row++) {
                sql.append(row == 0 ? "" : ", ").append("(?, ?)");
            }
            SqlShape shape = SqlStatementParser.parse(sql.toString());

            ColumnSource last = shape.columns().get(shape.columns().size() - 1);
            assertEquals(2_000, shape.columns().size());
            assertEquals(999, last.row());
            assertEquals(2_000, last.parameterIndex());
        }

        @Test
        void pathologicallyLongInputsComplete() {
            int size = 200_000;
            List<String> inputs = new ArrayList<>();
            inputs.add("INSERT INTO t (a) VALUES (" + "(".repeat(size) + "?" + ")".repeat(size) + ")");
            inputs.add("INSERT INTO t (a) VALUES (" + "(".repeat(size));
            inputs.add("DELETE FROM t WHERE " + "a = ? AND ".repeat(size / 10) + "b = ?");
            inputs.add("UPDATE t SET " + "a = ?, ".repeat(size / 10) + "b = ? WHERE " + "(".repeat(size));
            inputs.add("INSERT INTO t (a) VALUES ('" + "\\'".repeat(size) + "')");
            inputs.add("SELECT '" + "x".repeat(size));
            inputs.add("SELECT $a$" + "$a".repeat(size));
            inputs.add("SELECT \"" + "\"\"".repeat(size));
            inputs.add("/*" + "*".repeat(size));
            inputs.add("x.".repeat(size));
            inputs.add("?".repeat(size + 1));
            for (String sql : inputs) {
                parseChecked(sql);
            }
            assertEquals(1, only(parseChecked(inputs.get(0)), "a").parameterIndex());
        }
    }

    /**
     * Parses without the safety net that turns a parser bug into an empty shape, so a bug fails the test, and checks
     * the invariants every shape must keep whatever the input.
     */
    private static SqlShape parseChecked(String sql) {
        SqlShape shape = SqlStatementParser.parseUnguarded(sql);
        assertEquals(shape.toString(), SqlStatementParser.parse(sql).toString(), sql);
        assertNotNull(shape.columns(), sql);
        assertTrue(shape.parameterCount() >= 0, sql);
        for (ColumnSource source : shape.columns()) {
            assertNotNull(source.column(), sql);
            assertNotNull(source.role(), sql);
            assertTrue(source.parameterIndex() <= shape.parameterCount(), sql);
            assertFalse(source.isParameter() && source.isLiteral(), sql);
            if (source.isLiteral()) {
                assertEquals(source.literal(), sql.substring(source.literalStart(), source.literalEnd()), sql);
            } else {
                assertEquals(-1, source.literalStart(), sql);
                assertEquals(-1, source.literalEnd(), sql);
            }
        }
        return shape;
    }

    private static List<String> describe(SqlShape shape) {
        return shape.columns().stream().map(ColumnSource::toString).toList();
    }

    private static List<Boolean> exactNames(SqlShape shape) {
        return shape.columns().stream().map(ColumnSource::exactName).toList();
    }

    private static ColumnSource only(SqlShape shape, String column) {
        List<ColumnSource> sources = shape.sourcesOf(column);
        assertEquals(1, sources.size(), () -> column + " in " + shape);
        return sources.get(0);
    }

    private static String literalOf(SqlShape shape, String column) {
        ColumnSource source = only(shape, column);
        assertTrue(source.isLiteral(), () -> column + " in " + shape);
        return source.literal();
    }
}
