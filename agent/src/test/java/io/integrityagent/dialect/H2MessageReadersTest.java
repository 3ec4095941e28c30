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
 * The hand-written readers of H2's messages find what the regular expressions they replace found, on H2's own
 * messages and on many made of the same pieces (quotes, spaces, brackets, colons, comments, line breaks), each
 * delimiter now and then left out or doubled, so that taking the expressions out changed no report.
 */
class H2MessageReadersTest {

    /** A name H2 quoted, its quotes doubled inside the quoted message: {@code ""a b""}, {@code ""a""""b""}. */
    private static final String QUOTED = "\"\"(?:\"\"\"\"|\"(?!\")|[^\"])*+\"\"";
    private static final Pattern UNIQUE_INDEX = Pattern.compile(
            "\"(?:(?<constraint>(?:" + QUOTED + "|[^ \"])++) INDEX )?(?<index>(?:" + QUOTED + "|[^ \"])++) ON"
                    + " (?<table>(?:" + QUOTED + "|[^(\"])++)\\((?<cols>[^)]*)\\) VALUES (?<vals>[^\"]*)\"");
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "\"(?<constraint>(?:[^\"]|\"\")+?): (?<table>(?:" + QUOTED + "|[^ ])++) FOREIGN KEY\\((?<cols>[^)]*)\\)"
                    + " REFERENCES (?<reftable>(?:" + QUOTED + "|[^(])++)\\((?<refcols>[^)]*)\\) \\((?<vals>.*)\\)\"");
    private static final Pattern VALUE_COMMENT = Pattern.compile("/\\*.*?\\*/");
    private static final Pattern SORT_ORDER = Pattern.compile("\\s+(?:NULLS (?:FIRST|LAST)|ASC|DESC)\\b.*$");

    private static final String[] PIECES = {"\"", " ", "  ", "PUBLIC.UQ_X", "UQ", " INDEX ", "INDEX", " ON ", "ON",
        "(", ")", ") VALUES ", " VALUES ", "A NULLS FIRST", ", ", "B", " DESC", " ASC", "ASCII", " NULLS LAST", "/*",
        "*/", " /* 1 */ ", "'a, b'", "\n", "\r", "\u2028", "7", "_", "é", "$", ":", ": ", " FOREIGN KEY(",
        ") REFERENCES ", ") (", ")\"", "Unique index or primary key violation: ", "\"\"", "\"\"\"\"", "\"\"\"",
        "\"\"My Schema\"\"", "\"\"a(b\"\"", "\"\"x\"\"\"\"y\"\"", "."};

    private static final String[] INDEX_SHAPE = {"Unique index or primary key violation: ", "\"", "NAME", " INDEX ",
        "NAME", " ON ", "NAME", "(", "NAME", ") VALUES ", "NAME", "\"", "NAME"};
    private static final String[] FOREIGN_KEY_SHAPE = {"Referential integrity constraint violation: ", "\"", "NAME",
        ": ", "NAME", " FOREIGN KEY(", "NAME", ") REFERENCES ", "NAME", "(", "NAME", ") (", "NAME", ")\"", "NAME"};

    @Test
    void readH2sOwnMessagesAsTheExpressionsDid() {
        for (String message : List.of(
                "Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL INDEX PUBLIC.UQ_USERS_EMAIL_INDEX_4 ON"
                        + " PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* 1 */ 'ada@example.com' )\"",
                "Unique index or primary key violation: \"PUBLIC.UQ_COMP_INDEX_2 ON PUBLIC.COMP(A NULLS FIRST,"
                        + " B NULLS FIRST) VALUES ( /* 3 */ 1, 'a, b' )\"",
                "Unique index or primary key violation: \"PUBLIC.UQ_PARENT_CODE_INDEX_8 ON PUBLIC.PARENT(CODE) VALUES 7\"",
                "Unique index or primary key violation: \"PUBLIC.CONSTRAINT_4 PRIMARY KEY ON PUBLIC.USERS(ID)\"",
                "Referential integrity constraint violation: \"FK_ORDERS_CUSTOMER: PUBLIC.ORDERS FOREIGN"
                        + " KEY(CUSTOMER_ID) REFERENCES PUBLIC.CUSTOMERS(ID) (42)\"",
                "Referential integrity constraint violation: \"FK_A: PUBLIC.C FOREIGN KEY(X, Y) REFERENCES"
                        + " PUBLIC.P(A, B) (1, 'a)\"b')\"",
                "Unique index or primary key violation: \"\"\"My Schema\"\".\"\"qty \"\"\"\"uq\"\"\"\"\"\" INDEX"
                        + " \"\"My Schema\"\".\"\"qty \"\"\"\"uq\"\"\"\"_INDEX_6\"\" ON \"\"My Schema\"\".\"\"Order Items\"\""
                        + "(Qty NULLS FIRST) VALUES ( /* 1 */ 5 )\"",
                "Referential integrity constraint violation: \"Fk:One: PUBLIC.CHILD FOREIGN KEY(PID) REFERENCES"
                        + " \"\"My Schema\"\".PARENT(ID) (5)\"",
                "Referential integrity constraint violation: \"Fk\"\"Two: x: PUBLIC.C2 FOREIGN KEY(PID) REFERENCES"
                        + " \"\"My Schema\"\".PARENT(ID) (5)\"",
                "Referential integrity constraint violation: \"Fk_One: PUBLIC.\"\"Order Items\"\" FOREIGN KEY(OID)"
                        + " REFERENCES \"\"My Schema\"\".\"\"Parent (old)\"\"(Id) (7)\"")) {
            assertSameAsTheExpressions(message);
        }
    }

    @Test
    void readMessagesMadeOfTheSamePiecesAsTheExpressionsDid() {
        Random random = new Random(20261201);
        for (int i = 0; i < 50_000; i++) {
            assertSameAsTheExpressions(randomMessage(random, i % 2 == 0 ? INDEX_SHAPE : FOREIGN_KEY_SHAPE));
        }
    }

    /** The shape, its delimiters now and then replaced, doubled or left out, its names made of random pieces. */
    private static String randomMessage(Random random, String[] shape) {
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
        Matcher index = UNIQUE_INDEX.matcher(message);
        H2IndexMessage readIndex = H2IndexMessage.find(message);
        if (!index.find()) {
            assertNull(readIndex, message);
        } else {
            assertEquals(Arrays.asList(index.group("constraint"), index.group("index"), index.group("table"),
                    index.group("cols"), index.group("vals")),
                    readIndex == null ? null : Arrays.asList(readIndex.constraint, readIndex.index, readIndex.table,
                            readIndex.columns, readIndex.values), message);
        }
        Matcher foreignKey = FOREIGN_KEY.matcher(message);
        H2ForeignKeyMessage readForeignKey = H2ForeignKeyMessage.find(message);
        if (!foreignKey.find()) {
            assertNull(readForeignKey, message);
        } else {
            assertEquals(Arrays.asList(foreignKey.group("constraint"), foreignKey.group("table"),
                    foreignKey.group("cols"), foreignKey.group("reftable"), foreignKey.group("refcols"),
                    foreignKey.group("vals")),
                    readForeignKey == null ? null : Arrays.asList(readForeignKey.constraint, readForeignKey.table,
                            readForeignKey.columns, readForeignKey.referencedTable, readForeignKey.referencedColumns,
                            readForeignKey.values), message);
        }
        assertEquals(VALUE_COMMENT.matcher(message).replaceAll(""), H2Dialect.withoutComments(message), message);
        assertEquals(SORT_ORDER.matcher(message).replaceFirst(""), H2Dialect.withoutSortOrder(message), message);
    }
}
