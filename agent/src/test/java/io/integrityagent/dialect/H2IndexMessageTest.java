package io.integrityagent.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written readers of H2's unique-index message find what the regular expressions they replace found, on
 * H2's own messages and on many made of the same pieces in random order (quotes, spaces, brackets, comments,
 * line breaks), so that taking the expressions out changed no report.
 */
class H2IndexMessageTest {

    private static final Pattern UNIQUE_INDEX = Pattern.compile(
            "\"(?:(?<constraint>[^ \"]+) INDEX )?(?<index>[^ \"]+) ON (?<table>[^(\"]+)\\((?<cols>[^)]*)\\)"
                    + " VALUES (?<vals>[^\"]*)\"");
    private static final Pattern VALUE_COMMENT = Pattern.compile("/\\*.*?\\*/");
    private static final Pattern SORT_ORDER = Pattern.compile("\\s+(?:NULLS (?:FIRST|LAST)|ASC|DESC)\\b.*$");

    private static final String[] PIECES = {"\"", " ", "  ", "PUBLIC.UQ_X", "UQ", " INDEX ", "INDEX", " ON ", "ON",
        "(", ")", ") VALUES ", " VALUES ", "A NULLS FIRST", ", ", "B", " DESC", " ASC", "ASCII", " NULLS LAST", "/*",
        "*/", " /* 1 */ ", "'a, b'", "\n", "\r", "\u2028", "7", "_", "é", "$", "Unique index or primary key violation: "};

    @Test
    void readsH2sOwnMessagesAsTheExpressionDid() {
        for (String message : List.of(
                "Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL INDEX PUBLIC.UQ_USERS_EMAIL_INDEX_4 ON"
                        + " PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* 1 */ 'ada@example.com' )\"",
                "Unique index or primary key violation: \"PUBLIC.UQ_COMP_INDEX_2 ON PUBLIC.COMP(A NULLS FIRST,"
                        + " B NULLS FIRST) VALUES ( /* 3 */ 1, 'a, b' )\"",
                "Unique index or primary key violation: \"PUBLIC.UQ_PARENT_CODE_INDEX_8 ON PUBLIC.PARENT(CODE) VALUES 7\"",
                "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_4 PRIMARY KEY ON PUBLIC.USERS(ID)\"")) {
            assertSameAsTheExpressions(message);
        }
    }

    @Test
    void readsMessagesMadeOfTheSamePiecesAsTheExpressionDid() {
        Random random = new Random(20261201);
        for (int i = 0; i < 50_000; i++) {
            assertSameAsTheExpressions(randomMessage(random));
        }
    }

    /**
     * The message's shape, each delimiter now and then left out or doubled and each name, column list and value
     * list made of random pieces, so that both whole matches and near misses come up often.
     */
    private static String randomMessage(Random random) {
        String[] shape = {"Unique index or primary key violation: ", "\"", "NAME", " INDEX ", "NAME", " ON ", "NAME",
            "(", "NAME", ") VALUES ", "NAME", "\"", "NAME"};
        StringBuilder message = new StringBuilder();
        for (String part : shape) {
            int dice = random.nextInt(10);
            if (part.equals("NAME")) {
                for (int piece = random.nextInt(4); piece > 0; piece--) {
                    message.append(PIECES[random.nextInt(PIECES.length)]);
                }
            } else if (dice == 0) {
                message.append(PIECES[random.nextInt(PIECES.length)]);
            } else if (dice == 1) {
                message.append(part).append(part);
            } else if (dice > 2) {
                message.append(part);
            }
        }
        return message.toString();
    }

    private static void assertSameAsTheExpressions(String message) {
        Matcher expected = UNIQUE_INDEX.matcher(message);
        H2IndexMessage actual = H2IndexMessage.find(message);
        if (!expected.find()) {
            assertNull(actual, message);
        } else {
            assertEquals(Arrays.asList(expected.group("constraint"), expected.group("index"), expected.group("table"),
                    expected.group("cols"), expected.group("vals")),
                    actual == null ? null : Arrays.asList(actual.constraint, actual.index, actual.table,
                            actual.columns, actual.values), message);
        }
        assertEquals(VALUE_COMMENT.matcher(message).replaceAll(""), H2Dialect.withoutComments(message), message);
        assertEquals(SORT_ORDER.matcher(message).replaceFirst(""), H2Dialect.withoutSortOrder(message), message);
    }
}
