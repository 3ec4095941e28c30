package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.util.Escaping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ConsoleSyntaxTest {

    private static ConsoleSyntax of(String system) {
        return ConsoleSyntax.of(DatabaseSystem.valueOf(system));
    }

    @Nested
    class Names {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                // a name the database reads bare as itself stays bare
                "H2|USERS|USERS", "HSQLDB|USERS|USERS", "DERBY|USERS|USERS", "ORACLE|USERS|USERS", "DB2|USERS|USERS",
                "POSTGRESQL|users|users", "MYSQL|users|users", "MARIADB|Users|Users", "SQLITE|users|users",
                "SQL_SERVER|Users|Users", "OTHER|USERS|USERS",
                // one that bare would fold to another name is quoted
                "H2|users|\"users\"", "DERBY|Users|\"Users\"", "POSTGRESQL|Users|\"Users\"", "POSTGRESQL|USERS|\"USERS\"",
                "OTHER|users|\"users\"",
                // spaces, reserved words and quotes inside the name
                "POSTGRESQL|Order Lines|\"Order Lines\"", "MYSQL|Order Lines|`Order Lines`",
                "SQL_SERVER|Order Lines|[Order Lines]", "SQLITE|Order Lines|\"Order Lines\"",
                "H2|ORDER|\"ORDER\"", "POSTGRESQL|user|\"user\"", "MARIADB|key|`key`", "SQLITE|group|\"group\"",
                // each database's own reserved words, which are not the standard's
                "POSTGRESQL|analyse|\"analyse\"", "POSTGRESQL|freeze|\"freeze\"", "MYSQL|div|`div`",
                "MARIADB|explain|`explain`", "H2|QUALIFY|\"QUALIFY\"", "HSQLDB|COALESCE|\"COALESCE\"",
                "DERBY|MAX|\"MAX\"", "SQLITE|notnull|\"notnull\"",
                "POSTGRESQL|a\"b|\"a\"\"b\"", "MYSQL|a`b|`a``b`", "SQL_SERVER|a]b|[a]]b]",
                "H2|1ST|\"1ST\"", "POSTGRESQL|straße|\"straße\""})
        void aNameIsQuotedExactlyWhenItsBareFormWouldNotReachIt(String system, String name, String written) {
            assertEquals(written, of(system).name(name));
        }

        @Test
        void aNameWithAControlCharacterCannotBeWrittenSoThatItSurvivesTheLog() {
            assertNull(of("POSTGRESQL").name("users\nWARN forged"));
            assertNull(of("H2").name("T\u202eX"));
            assertNull(of("H2").name(""));
            assertNull(of("H2").name(null));
        }
    }

    @Nested
    class Literals {

        @ParameterizedTest
        @EnumSource(DatabaseSystem.class)
        void numbersAreWrittenAsTheyAreOnEveryDatabase(DatabaseSystem system) {
            ConsoleSyntax syntax = ConsoleSyntax.of(system);
            assertEquals("42", syntax.literal(42));
            assertEquals("-7", syntax.literal(-7L));
            assertEquals("3", syntax.literal((short) 3));
            assertEquals("12345678901234567890", syntax.literal(new BigInteger("12345678901234567890")));
            assertEquals("19.990", syntax.literal(new BigDecimal("19.990")));
            assertEquals("10000000000", syntax.literal(new BigDecimal("1E+10")));
            assertEquals("0.5", syntax.literal(0.5));
            assertEquals("1.0E10", syntax.literal(1e10));
            assertEquals("2.5", syntax.literal(2.5f));
            assertNull(syntax.literal(Double.NaN), "no literal compares equal to NaN everywhere");
            assertNull(syntax.literal(Double.POSITIVE_INFINITY));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "H2|TRUE|FALSE", "HSQLDB|TRUE|FALSE", "DERBY|TRUE|FALSE", "POSTGRESQL|TRUE|FALSE", "MYSQL|TRUE|FALSE",
                "MARIADB|TRUE|FALSE", "DB2|TRUE|FALSE", "OTHER|TRUE|FALSE",
                "SQLITE|1|0", "SQL_SERVER|1|0", "ORACLE|1|0"})
        void booleansAreTheDatabasesOwn(String system, String yes, String no) {
            assertEquals(yes, of(system).literal(true));
            assertEquals(no, of(system).literal(false));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
                "H2|'O''Brien \\ x'", "POSTGRESQL|'O''Brien \\ x'", "SQLITE|'O''Brien \\ x'",
                "HSQLDB|'O''Brien \\ x'", "DERBY|'O''Brien \\ x'", "SQL_SERVER|'O''Brien \\ x'",
                // MySQL and MariaDB read a backslash in a string as an escape
                "MYSQL|'O''Brien \\\\ x'", "MARIADB|'O''Brien \\\\ x'"})
        void stringsDoubleTheirQuotesAndOnMysqlTheirBackslashes(String system, String literal) {
            assertEquals(literal, of(system).literal("O'Brien \\ x"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
                "H2#'a' || CHAR(10) || 'WARN b'",
                "HSQLDB#'a' || CHAR(10) || 'WARN b'",
                "POSTGRESQL#'a' || chr(10) || 'WARN b'",
                "SQLITE#'a' || char(10) || 'WARN b'",
                "MYSQL#CONCAT('a', CHAR(0x0a USING utf8mb4), 'WARN b')",
                "MARIADB#CONCAT('a', CHAR(0x0a USING utf8mb4), 'WARN b')",
                "SQL_SERVER#CONCAT('a', NCHAR(10), 'WARN b')",
                "ORACLE#'a' || CHR(10) || 'WARN b'",
                "DB2#'a' || CHR(10) || 'WARN b'"})
        void aControlCharacterInAStringIsSpeltWithTheCharacterFunction(String system, String literal) {
            String written = of(system).literal("a\nWARN b");
            assertEquals(literal, written);
            assertEquals(written, Escaping.text(written), "the log writes it as it is");
        }

        @Test
        void aCharacterBeyondAsciiIsSpeltByItsCodeOrItsUtf8Bytes() {
            assertEquals("chr(8238) || 'x'", of("POSTGRESQL").literal("\u202ex"));
            assertEquals("CONCAT(CHAR(0xe280ae USING utf8mb4), 'x')", of("MARIADB").literal("\u202ex"));
            assertEquals("CONCAT(NCHAR(8238), 'x')", of("SQL_SERVER").literal("\u202ex"));
            assertNull(of("ORACLE").literal("\u202ex"), "CHR takes the database character set's code");
        }

        /** What each database's own function returned for these, checked on the real ones (H2 2.3 and 2.5). */
        @ParameterizedTest
        @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
                "H2#'ok' || CHAR(56128) || CHAR(56385)",
                "HSQLDB#'ok' || CHAR(56128) || CHAR(56385)",
                "POSTGRESQL#'ok' || chr(917569)",
                "MARIADB#CONCAT('ok', CHAR(0xf3a08181 USING utf8mb4))",
                "SQLITE#'ok' || char(917569)"})
        void aTagCharacterIsSpeltWholeSoThatThePastedLiteralStillMatches(String system, String literal) {
            String hidden = "ok" + new String(Character.toChars(0xE0041));
            String written = of(system).literal(hidden);
            assertEquals(literal, written);
            assertEquals(written, Escaping.text(written), "the log writes it as it is");
        }

        @Test
        void aTagCharacterOrALoneSurrogateWithoutASpellingHasNoLiteral() {
            String hidden = "ok" + new String(Character.toChars(0xE0041));
            assertNull(of("SQL_SERVER").literal(hidden), "NCHAR goes beyond 16 bits only in some collations");
            assertNull(of("DERBY").literal(hidden));
            assertNull(of("POSTGRESQL").literal("ok\ud800"), "no database stores a surrogate without its pair");
            assertNull(of("H2").literal("\udc41ok"));
            assertNull(of("H2").name("A" + hidden), "a name the log would escape cannot be pasted");
        }

        @Test
        void derbyHasNoCharacterFunctionSoSuchAStringHasNoLiteral() {
            assertNull(of("DERBY").literal("a\nb"));
            assertNull(of("OTHER").literal("a\tb"));
            assertEquals("'a b'", of("DERBY").literal("a b"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "H2|X'0aff00'", "HSQLDB|X'0aff00'", "DERBY|X'0aff00'", "MYSQL|X'0aff00'", "MARIADB|X'0aff00'",
                "SQLITE|X'0aff00'", "OTHER|X'0aff00'",
                "POSTGRESQL|decode('0aff00', 'hex')", "SQL_SERVER|0x0aff00", "ORACLE|HEXTORAW('0aff00')",
                "DB2|BX'0aff00'"})
        void bytesAreTheDatabasesHexLiteral(String system, String literal) {
            assertEquals(literal, of(system).literal(new byte[] {0x0a, (byte) 0xff, 0x00}));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "H2|DATE '2024-05-01'|TIME '10:30:00'|TIMESTAMP '2024-05-01 10:30:00.125'",
                "POSTGRESQL|DATE '2024-05-01'|TIME '10:30:00'|TIMESTAMP '2024-05-01 10:30:00.125'",
                "MARIADB|DATE '2024-05-01'|TIME '10:30:00'|TIMESTAMP '2024-05-01 10:30:00.125'",
                "HSQLDB|DATE '2024-05-01'|TIME '10:30:00'|TIMESTAMP '2024-05-01 10:30:00.125'",
                "DERBY|DATE('2024-05-01')|TIME('10:30:00')|TIMESTAMP('2024-05-01 10:30:00.125')",
                "DB2|DATE('2024-05-01')|TIME('10:30:00')|TIMESTAMP('2024-05-01 10:30:00.125')",
                "SQL_SERVER|CAST('2024-05-01' AS date)|CAST('10:30:00' AS time)"
                        + "|CAST('2024-05-01 10:30:00.125' AS datetime2)"})
        void datesAndTimesBoundAsJavaSqlOrJavaTimeAreTheSameLiteral(String system, String date, String time,
                                                                      String timestamp) {
            ConsoleSyntax syntax = of(system);
            assertEquals(date, syntax.literal(Date.valueOf("2024-05-01")));
            assertEquals(date, syntax.literal(LocalDate.of(2024, 5, 1)));
            assertEquals(time, syntax.literal(Time.valueOf("10:30:00")));
            assertEquals(time, syntax.literal(LocalTime.of(10, 30)));
            assertEquals(timestamp, syntax.literal(Timestamp.valueOf("2024-05-01 10:30:00.125")));
            assertEquals(timestamp, syntax.literal(LocalDateTime.of(2024, 5, 1, 10, 30, 0, 125_000_000)));
        }

        @Test
        void aTimestampWithAnOffsetIsWrittenWhereTheDatabaseHasSuchALiteral() {
            OffsetDateTime at = OffsetDateTime.of(2024, 5, 1, 10, 30, 0, 0, ZoneOffset.ofHours(2));
            assertEquals("TIMESTAMP WITH TIME ZONE '2024-05-01 10:30:00+02:00'", of("POSTGRESQL").literal(at));
            assertEquals("TIMESTAMP WITH TIME ZONE '2024-05-01 10:30:00+02:00'", of("H2").literal(at));
            assertEquals("CAST('2024-05-01 10:30:00+02:00' AS datetimeoffset)", of("SQL_SERVER").literal(at));
            assertNull(of("MARIADB").literal(at), "MariaDB has no type that keeps an offset");
            assertNull(of("DERBY").literal(at));
            assertNull(of("ORACLE").literal(LocalTime.of(10, 30)), "Oracle has no TIME type");
            assertNull(of("POSTGRESQL").literal(Instant.EPOCH), "drivers bind an Instant each their own way");
        }

        @Test
        void sqliteComparesWhatTheXerialDriverStores() {
            // java.sql dates and times are stored as milliseconds since 1970, java.time values as their text.
            Timestamp at = Timestamp.valueOf("2024-05-01 10:30:00.125");
            assertEquals(String.valueOf(at.getTime()), of("SQLITE").literal(at));
            assertEquals(String.valueOf(Date.valueOf("2024-05-01").getTime()),
                    of("SQLITE").literal(Date.valueOf("2024-05-01")));
            assertEquals("'2024-05-01T10:30'", of("SQLITE").literal(LocalDateTime.of(2024, 5, 1, 10, 30)));
        }

        @ParameterizedTest
        @EnumSource(DatabaseSystem.class)
        void aUuidIsItsTextWhichEveryDatabaseComparesWithItsUuidType(DatabaseSystem system) {
            assertEquals("'123e4567-e89b-12d3-a456-426614174000'",
                    ConsoleSyntax.of(system).literal(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
        }

        @Test
        void anObjectOfAnotherTypeHasNoLiteral() {
            assertNull(of("POSTGRESQL").literal(new Object()));
            assertNull(of("H2").literal(new java.util.Date(0)));
        }
    }

    @Nested
    class PrintedAndWritten {

        @Test
        void h2PrintsEachValueAsItsOwnLiteral() {
            ConsoleSyntax h2 = of("H2");
            assertEquals("'ada@example.com'", h2.printed("'ada@example.com'"));
            assertEquals("'O''Brien'", h2.printed("'O''Brien'"));
            assertEquals("42", h2.printed("42"));
            assertEquals("-1.5E3", h2.printed("-1.5E3"));
            assertEquals("X'0aff'", h2.printed("X'0aff'"));
            assertEquals("DATE '2024-05-01'", h2.printed("DATE '2024-05-01'"));
            assertEquals("TIMESTAMP WITH TIME ZONE '2024-05-01 10:30:00+02'",
                    h2.printed("TIMESTAMP WITH TIME ZONE '2024-05-01 10:30:00+02'"));
            assertEquals("TRUE", h2.printed("TRUE"));
            assertEquals("NULL", h2.printed("NULL"));
            assertNull(h2.printed("CAST(0.5 AS DOUBLE PRECISION)"), "not one literal it can vouch for");
            assertNull(h2.printed("U&'a\\000ab'"));
        }

        @Test
        void postgresqlPrintsTheTextOfAValueWhichQuotedComparesWithEveryType() {
            ConsoleSyntax postgres = of("POSTGRESQL");
            assertEquals("'ada@example.com'", postgres.printed("ada@example.com"));
            assertEquals("'42'", postgres.printed("42"), "a text column holding 42 must match too");
            assertEquals("'a, (b)'", postgres.printed("a, (b)"));
            assertEquals("'''abc'''", postgres.printed("'abc'"), "printed as it is: the quotes are the value's");
        }

        /** What MariaDB 10.11 and H2 2.5 printed for such values, as a hostile test found on the real ones. */
        @Test
        void aPrintedValueThatMayStandForAnotherHasNoLiteral() {
            ConsoleSyntax mariadb = of("MARIADB");
            assertNull(mariadb.printed("'tag?'"), "a character beyond what MariaDB shows is printed as ?");
            assertNull(mariadb.printed("'esc\\001B[31mred'"), "a control character is printed as \\ and its code");
            assertNull(of("MYSQL").printed("'what?'"));
            assertNull(of("H2").printed("'del\\007f'"), "H2 prints DEL so, without the U& of an escape");
            assertEquals("'ada@example.com'", mariadb.printed("'ada@example.com'"));
            assertEquals("'O''Brien'", mariadb.printed("'O'Brien'"));
        }

        @Test
        void elsewhereAPrintedNumberIsANumberAndQuotedTextIsText() {
            assertEquals("42", of("DERBY").printed("42"));
            assertEquals("'''x'''", of("DERBY").printed("'x'"), "Derby prints a key's text unquoted");
            assertEquals("'abc'", of("HSQLDB").printed("abc"));
            assertNull(of("DERBY").printed(null));
        }

        @Test
        void aLiteralTheApplicationWroteIsKeptAsWrittenUnlessTheLogWouldChangeIt() {
            assertEquals("E'a\\tb'", of("POSTGRESQL").written("E'a\\tb'"));
            assertEquals("$$x$$", of("POSTGRESQL").written("$$x$$"));
            assertEquals("'a' || chr(10) || 'b'", of("POSTGRESQL").written("'a\nb'"));
            assertNull(of("POSTGRESQL").written("E'a\nb'"), "a prefixed string with a raw line break");
            assertNull(of("MARIADB").written("'a\\n\nb'"), "its backslashes would have to be read first");
            assertEquals("NULL", of("H2").written("NULL"));
        }
    }
}
