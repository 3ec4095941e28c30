package io.integrityagent.dialect;

import java.util.ArrayList;
import java.util.List;

/** Splits the value lists that databases print in their messages, such as {@code 1, 'a, b', NULL}. */
final class ValueLists {

    /** A key has a column or two: the list starts that small instead of at the default ten. */
    private static final int EXPECTED_ITEMS = 2;

    private ValueLists() {
    }

    /**
     * The comma-separated items of {@code list}, trimmed; commas inside single quotes do not split. Each item is
     * cut from the list once, already trimmed, as every violation of a key reads its values here.
     */
    static List<String> split(String list) {
        List<String> items = new ArrayList<>(EXPECTED_ITEMS);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                items.add(trimmed(list, start, i));
                start = i + 1;
            }
        }
        if (start < list.length() || !items.isEmpty()) {
            items.add(trimmed(list, start, list.length()));
        }
        return items;
    }

    /** {@code list.substring(from, to).trim()}, in one copy. */
    private static String trimmed(String list, int from, int to) {
        while (from < to && list.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && list.charAt(to - 1) <= ' ') {
            to--;
        }
        return list.substring(from, to);
    }
}
