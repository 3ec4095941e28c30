package io.integrityagent.ui;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request's query string, read strictly: {@code name=value} pairs joined by {@code &}, {@code +} for a space,
 * {@code %XX} for a UTF-8 byte. Anything else (a stray {@code %}, bytes that are not UTF-8, a name given twice)
 * is refused rather than guessed at.
 */
final class QueryString {

    private QueryString() {
    }

    /** The decoded pairs; an absent or empty query gives none. @throws IllegalArgumentException if malformed */
    static Map<String, String> parse(String rawQuery) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (pairs.put(name, value) != null) {
                throw new IllegalArgumentException("query parameter given twice");
            }
        }
        return pairs;
    }

    private static String decode(String encoded) {
        ByteBuffer bytes = ByteBuffer.allocate(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("incomplete percent-encoding");
                }
                bytes.put((byte) (hex(encoded.charAt(i + 1)) << 4 | hex(encoded.charAt(i + 2))));
                i += 2;
            } else if (c > 0x7f) {
                throw new IllegalArgumentException("character not percent-encoded");
            } else {
                bytes.put((byte) (c == '+' ? ' ' : c));
            }
        }
        bytes.flip();
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return text.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoding is not UTF-8", e);
        }
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        if (digit < 0 || c > 'f') {
            throw new IllegalArgumentException("bad percent-encoding");
        }
        return digit;
    }
}
