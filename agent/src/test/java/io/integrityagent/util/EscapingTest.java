package io.integrityagent.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EscapingTest {

    /** Everything that could start a line, reorder what a reader sees or hide between letters. */
    private static final String HOSTILE = "a\nb\rc\u0085d\u2028e\u2029f\u202ag\u202bh\u202ci\u202dj\u202ek"
            + "\u2066l\u2067m\u2068n\u2069o\u200ep\u200fq\u061cr\u0000s\u001bt\u007fu\tv"
            + "\u200bw\u2060x\u2064y\ufeffz\u00ad!\u180e.";

    @Test
    void textEscapesLineBreaksControlsBidirectionalAndZeroWidthCharactersInJavaNotation() {
        assertEquals("a\\nb\\rc\\u0085d\\u2028e\\u2029f\\u202ag\\u202bh\\u202ci\\u202dj\\u202ek"
                + "\\u2066l\\u2067m\\u2068n\\u2069o\\u200ep\\u200fq\\u061cr\\u0000s\\u001bt\\u007fu\\tv"
                + "\\u200bw\\u2060x\\u2064y\\ufeffz\\u00ad!\\u180e.",
                Escaping.text(HOSTILE));
    }

    @Test
    void textLeavesOrdinaryTextAloneWithoutCopying() {
        String ordinary = "unique constraint \"uq_users_email\" é ✓ 日本 \u200d emoji joiner stays";
        assertSame(ordinary, Escaping.text(ordinary));
    }

    @Test
    void jsonEscapesTheSameCharactersAndDecodesBackToTheOriginal() throws Exception {
        StringBuilder json = new StringBuilder();
        Escaping.json(json, HOSTILE + "\"\\");
        for (char c : json.toString().toCharArray()) {
            assertFalse(Escaping.mustEscape(c), () -> "raw U+" + Integer.toHexString(c) + " in " + json);
        }
        assertTrue(json.toString().contains("\\u202e"), json.toString());
        assertEquals(HOSTILE + "\"\\", new ObjectMapper().readValue(json.toString(), String.class));
    }

    @Test
    void everyInvisibleFormatCharacterButTheJoinersIsEscaped() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (Character.getType(c) == Character.FORMAT && c != '\u200c' && c != '\u200d') {
                assertTrue(Escaping.mustEscape(c), "U+" + Integer.toHexString(c));
            }
        }
    }

    @Test
    void everyCharacterThatMustBeEscapedIsInvisibleOrBreaksALine() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (Escaping.mustEscape(c)) {
                int type = Character.getType(c);
                assertTrue(type == Character.CONTROL || type == Character.FORMAT
                        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR,
                        "U+" + Integer.toHexString(c));
            }
        }
    }

    @Test
    void tagCharactersThatSpellHiddenTextAreEscapedAsTheirSurrogates() throws Exception {
        String hidden = "ok" + new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE0042));

        assertEquals("ok\\udb40\\udc41\\udb40\\udc42", Escaping.text(hidden));
        StringBuilder json = new StringBuilder();
        Escaping.json(json, hidden);
        assertEquals("\"ok\\udb40\\udc41\\udb40\\udc42\"", json.toString());
        assertEquals(hidden, new ObjectMapper().readValue(json.toString(), String.class));
    }

    @Test
    void everyFormatCharacterBeyondSixteenBitsIsEscaped() {
        for (int codePoint = Character.MIN_SUPPLEMENTARY_CODE_POINT; codePoint <= Character.MAX_CODE_POINT;
                codePoint++) {
            if (Character.getType(codePoint) == Character.FORMAT) {
                String raw = new String(Character.toChars(codePoint));
                assertFalse(Escaping.text(raw).equals(raw), "U+" + Integer.toHexString(codePoint));
            }
        }
    }

    @Test
    void aSurrogateWithoutItsPairIsEscapedAndAPairedSymbolIsNot() {
        assertEquals("a\\ud800b\\udc00", Escaping.text("a\ud800b\udc00"));
        String emoji = "done \ud83d\ude00";
        assertSame(emoji, Escaping.text(emoji));
    }
}
