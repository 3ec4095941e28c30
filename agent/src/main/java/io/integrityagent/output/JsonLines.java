package io.integrityagent.output;

import io.integrityagent.model.Handling;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.util.Escaping;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Encodes a report as one line of JSON (JSON Lines). Dependency-free on purpose: the agent must not bring a JSON
 * library into the application. Every field is always present, unknown ones as {@code null}, so consumers see a
 * stable shape.
 */
public final class JsonLines {

    private JsonLines() {
    }

    /** The report as a single JSON object on one line, without a trailing newline. */
    public static String encode(ViolationReport r) {
        return object(r, UnaryOperator.identity()).toString();
    }

    /** The report as a line of a JSON Lines file: {@link #encode}'s object and the newline, in one copy. */
    static String line(ViolationReport r) {
        return object(r, UnaryOperator.identity()).append('\n').toString();
    }

    /**
     * The report as {@link #encode} writes it, with each text first escaped the way the text log shows it
     * ({@link Escaping#text}), for a browser: what it displays of a value after {@code JSON.parse} is what the
     * log line shows, never a raw line break or bidi control. It holds nothing {@link #encode} does not.
     */
    public static String encodeShown(ViolationReport r) {
        return object(r, Escaping::text).toString();
    }

    private static StringBuilder object(ViolationReport r, UnaryOperator<String> shown) {
        StringBuilder out = new StringBuilder(1024).append('{');
        name(out, "timestamp");
        appendString(out, shown.apply(r.timestamp() == null ? null : r.timestamp().toString()));
        name(out, "kind");
        appendString(out, shown.apply(r.kind() == null ? null : r.kind().label()));
        name(out, "db");
        appendString(out, shown.apply(r.db()));
        name(out, "sqlState");
        appendString(out, shown.apply(r.sqlState()));
        name(out, "vendorCode");
        out.append(r.vendorCode()); // append(Object) writes a null Integer as null
        name(out, "constraint");
        appendString(out, shown.apply(r.constraint()));
        name(out, "index");
        appendString(out, shown.apply(r.index()));
        name(out, "table");
        appendString(out, shown.apply(r.table()));
        name(out, "columns");
        appendArray(out, r.columns(), shown);
        name(out, "values");
        appendObject(out, r.values(), shown);
        name(out, "referencedTable");
        appendString(out, shown.apply(r.referencedTable()));
        name(out, "referencingTable");
        appendString(out, shown.apply(r.referencingTable()));
        name(out, "sql");
        appendString(out, shown.apply(r.sql()));
        name(out, "parameters");
        appendArray(out, r.parameters(), shown);
        name(out, "batchIndex");
        out.append(r.batchIndex());
        name(out, "failingEntry");
        appendString(out, shown.apply(r.failingEntry()));
        name(out, "operation");
        appendString(out, shown.apply(r.operation()));
        name(out, "exception");
        appendString(out, shown.apply(r.exception()));
        name(out, "message");
        appendString(out, shown.apply(r.message()));
        name(out, "callSite");
        appendString(out, shown.apply(r.callSite()));
        name(out, "traceId");
        appendString(out, shown.apply(r.traceId()));
        name(out, "spanId");
        appendString(out, shown.apply(r.spanId()));
        name(out, "context");
        appendObject(out, r.context(), shown);
        name(out, "explanation");
        appendString(out, shown.apply(r.explanation()));
        name(out, "lookup");
        appendString(out, shown.apply(r.lookup()));
        name(out, "remedy");
        appendString(out, shown.apply(r.remedy()));
        name(out, "handling");
        appendHandling(out, r.handling(), shown);
        return out.append('}');
    }

    private static void appendHandling(StringBuilder out, Handling handling, UnaryOperator<String> shown) {
        if (handling == null) {
            out.append("null");
            return;
        }
        out.append('{');
        name(out, "stack");
        appendString(out, shown.apply(handling.stack()));
        name(out, "thrown");
        appendString(out, shown.apply(handling.thrown()));
        name(out, "catch");
        appendString(out, shown.apply(handling.catchType()));
        name(out, "cause");
        appendString(out, shown.apply(handling.cause()));
        name(out, "test");
        appendString(out, shown.apply(handling.test()));
        name(out, "surfaces");
        appendString(out, shown.apply(handling.surfaces()));
        name(out, "rollback");
        appendString(out, handling.rollback() == null ? null : shown.apply(handling.rollback().label()));
        name(out, "advice");
        appendString(out, shown.apply(handling.advice()));
        out.append('}');
    }

    /** Writes {@code "name":}, preceded by a comma unless it is the object's first member. */
    static void name(StringBuilder out, String name) {
        if (out.charAt(out.length() - 1) != '{') {
            out.append(',');
        }
        appendString(out, name);
        out.append(':');
    }

    static void appendString(StringBuilder out, String value) {
        Escaping.json(out, value);
    }

    private static void appendArray(StringBuilder out, List<String> values, UnaryOperator<String> shown) {
        if (values == null) {
            out.append("null");
            return;
        }
        out.append('[');
        for (Iterator<String> it = values.iterator(); it.hasNext(); ) {
            appendString(out, shown.apply(it.next()));
            if (it.hasNext()) {
                out.append(',');
            }
        }
        out.append(']');
    }

    private static void appendObject(StringBuilder out, Map<String, String> members, UnaryOperator<String> shown) {
        if (members == null) {
            out.append("null");
            return;
        }
        out.append('{');
        for (Map.Entry<String, String> member : members.entrySet()) {
            name(out, shown.apply(String.valueOf(member.getKey())));
            appendString(out, shown.apply(member.getValue()));
        }
        out.append('}');
    }
}
