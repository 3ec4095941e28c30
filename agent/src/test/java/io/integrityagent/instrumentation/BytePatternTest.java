package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytePatternTest {

    private static final BytePattern JAVA_SQL = new BytePattern("java/sql/");

    @Test
    void thePatternIsFoundAnywhereIncludingAtTheStartTheEndAndAfterAPartialMatch() {
        assertTrue(JAVA_SQL.isIn(ascii("java/sql/")));
        assertTrue(JAVA_SQL.isIn(ascii("java/sql/Connection")));
        assertTrue(JAVA_SQL.isIn(ascii("xxjava/sqjava/sql/")));
        assertTrue(JAVA_SQL.isIn(ascii("Ljava/util/List;java/sql/SQLException")));
        assertFalse(JAVA_SQL.isIn(ascii("java/sql")));
        assertFalse(JAVA_SQL.isIn(ascii("java/util/java/sq")));
        assertFalse(JAVA_SQL.isIn(ascii("ava/sql/")));
        assertFalse(JAVA_SQL.isIn(new byte[0]));
    }

    @Test
    void bytesAboveAsciiAreSteppedOverLikeAnyOther() {
        assertTrue(JAVA_SQL.isIn(new byte[] {(byte) 0xff, (byte) 0x80, 'j', 'a', 'v', 'a', '/', 's', 'q', 'l', '/'}));
        assertFalse(JAVA_SQL.isIn(new byte[] {'j', 'a', 'v', 'a', '/', 's', 'q', 'l', (byte) 0xaf}));
    }

    /** Every answer is a plain scan's, over texts made of the pattern's own bytes, where partial matches abound. */
    @Test
    void answersAsAPlainScanDoes() {
        Random random = new Random(42);
        String alphabet = "java/sql;L";
        for (String pattern : new String[] {"java/sql/", "(Ljava/lang/String;Z)Ljava/lang/Class;", "aa", "x"}) {
            BytePattern search = new BytePattern(pattern);
            for (int round = 0; round < 20_000; round++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                if (random.nextInt(4) == 0) {
                    text.insert(random.nextInt(text.length() + 1), pattern);
                }
                assertEquals(text.indexOf(pattern) >= 0, search.isIn(ascii(text.toString())), pattern + " in " + text);
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
