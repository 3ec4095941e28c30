package io.integrityagent.dialect;

import java.util.ArrayList;
import java.util.List;

/** Splits the value lists that databases print in their messages, such as {@code 1, 'a, b', NULL}. */
final class ValueLists {

    private ValueLists() {
    }

    /** The comma-separated items of {@code list}, trimmed; commas inside single quotes do not split. */
    static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                items.add(item.toString().trim());
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        if (item.length() > 0 || !items.isEmpty()) {
            items.add(item.toString().trim());
        }
        return items;
    }
}
