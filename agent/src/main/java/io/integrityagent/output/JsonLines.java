package io.integrityagent.output;

import io.integrityagent.model.ViolationReport;
import io.integrityagent.util.Escaping;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
        return object(r).toString();
    }

    /** The report as a line of a JSON Lines file: {@link #encode}'s object and the newline, in one copy. */
    static String line(ViolationReport r) {
        return object(r).append('\n').toString();
    }

    private static StringBuilder object(ViolationReport r) {
        StringBuilder out = new StringBuilder(1024).append('{');
        name(out, "timestamp");
        appendString(out, r.timestamp() == null ? null : r.timestamp().toString());
        name(out, "kind");
        appendString(out, r.kind() == null ? null : r.kind().label());
        name(out, "db");
        appendString(out, r.db());
        name(out, "sqlState");
        appendString(out, r.sqlState());
        name(out, "vendorCode");
        out.append(r.vendorCode()); // append(Object) writes a null Integer as null
        name(out, "constraint");
        appendString(out, r.constraint());
        name(out, "index");
        appendString(out, r.index());
        name(out, "table");
        appendString(out, r.table());
        name(out, "columns");
        appendArray(out, r.columns());
        name(out, "values");
        appendObject(out, r.values());
        name(out, "referencedTable");
        appendString(out, r.referencedTable());
        name(out, "referencingTable");
        appendString(out, r.referencingTable());
        name(out, "sql");
        appendString(out, r.sql());
        name(out, "parameters");
        appendArray(out, r.parameters());
        name(out, "batchIndex");
        out.append(r.batchIndex());
        name(out, "failingEntry");
        appendString(out, r.failingEntry());
        name(out, "operation");
        appendString(out, r.operation());
        name(out, "exception");
        appendString(out, r.exception());
        name(out, "message");
        appendString(out, r.message());
        name(out, "callSite");
        appendString(out, r.callSite());
        name(out, "traceId");
        appendString(out, r.traceId());
        name(out, "spanId");
        appendString(out, r.spanId());
        name(out, "context");
        appendObject(out, r.context());
        name(out, "explanation");
        appendString(out, r.explanation());
        name(out, "remedy");
        appendString(out, r.remedy());
        return out.append('}');
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

    private static void appendArray(StringBuilder out, List<String> values) {
        if (values == null) {
            out.append("null");
            return;
        }
        out.append('[');
        for (Iterator<String> it = values.iterator(); it.hasNext(); ) {
            appendString(out, it.next());
            if (it.hasNext()) {
                out.append(',');
            }
        }
        out.append(']');
    }

    private static void appendObject(StringBuilder out, Map<String, String> members) {
        if (members == null) {
            out.append("null");
            return;
        }
        out.append('{');
        for (Map.Entry<String, String> member : members.entrySet()) {
            name(out, String.valueOf(member.getKey()));
            appendString(out, member.getValue());
        }
        out.append('}');
    }
}
