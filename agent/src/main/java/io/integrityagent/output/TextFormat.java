package io.integrityagent.output;

import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.util.Escaping;
import java.util.List;

/**
 * The human-readable form of a report: a headline, then one indented line per aspect. Every field is
 * escaped, so whatever the application bound or the database said stays on its own line.
 */
public final class TextFormat {

    private TextFormat() {
    }

    public static String format(ViolationReport r) {
        StringBuilder text = new StringBuilder(512).append(headline(r));
        line(text, "what", r.explanation());
        line(text, "lookup", r.lookup());
        line(text, "fix", r.remedy());
        line(text, "handle", r.handling() == null ? null : r.handling().advice());
        line(text, "sent by", r.callSite());
        line(text, "sql", r.sql());
        if (r.parameters() != null && !r.parameters().isEmpty()) {
            line(text, "parameters", numbered(r.parameters()));
        }
        if (r.batchIndex() != null) {
            line(text, "batch", "entry " + r.batchIndex() + " (0-based) of the batch failed");
        }
        line(text, "entry", r.failingEntry());
        line(text, "database", database(r));
        return text.toString();
    }

    /**
     * What was violated, as far as it is known: "unique constraint UQ_X", "unique index UQ_X_INDEX_4" when only the
     * index is known (never presented as the constraint), or the kind alone ("NOT NULL constraint").
     */
    static String violatedName(ViolationReport r) {
        if (r.constraint() == null && r.index() != null) {
            return "unique index " + r.index();
        }
        return r.constraint() == null ? r.kind().noun() : r.kind().noun() + " " + r.constraint();
    }

    private static String headline(ViolationReport r) {
        StringBuilder headline = new StringBuilder("Integrity violation: ").append(violatedName(r));
        if (r.table() != null) {
            headline.append(" on ").append(r.table());
            if (r.columns() != null) {
                headline.append('(').append(String.join(", ", r.columns())).append(')');
            }
        }
        if (r.kind() == ViolationKind.FOREIGN_KEY && r.referencedTable() != null
                && !r.referencedTable().equals(r.table())) {
            headline.append(" referencing ").append(r.referencedTable());
        }
        if (r.operation() != null) {
            headline.append(" refused ").append(withArticle(r.operation()));
        }
        return Escaping.text(headline.toString());
    }

    private static String withArticle(String operation) {
        return ("AEIOU".indexOf(operation.charAt(0)) >= 0 ? "an " : "a ") + operation;
    }

    private static String database(ViolationReport r) {
        StringBuilder db = new StringBuilder(r.db());
        db.append(", SQLSTATE ").append(r.sqlState());
        if (r.vendorCode() != null && r.vendorCode() != 0) {
            db.append(", vendor code ").append(r.vendorCode());
        }
        db.append(", ").append(r.exception());
        if (r.message() != null) {
            db.append(": ").append(r.message());
        }
        return db.toString();
    }

    private static String numbered(List<String> parameters) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < parameters.size(); i++) {
            list.append(i == 0 ? "" : ", ").append('[').append(i + 1).append("] ").append(parameters.get(i));
        }
        return list.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null) {
            text.append("\n  ").append(label).append(':');
            for (int pad = label.length(); pad < 11; pad++) {
                text.append(' ');
            }
            text.append(Escaping.text(value));
        }
    }
}
