package io.integrityagent.ui;

import io.integrityagent.output.JsonLines;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.util.Escaping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON of {@code /violations}: the groups, most recently violated first, each with its counts and call sites
 * and its samples as the events file writes them ({@link JsonLines#encodeShown}). Every text is escaped the way
 * the text log shows it, so the page displays a line break or a bidi control as its visible escape.
 */
final class ViolationsJson {

    private ViolationsJson() {
    }

    static String render(RecentViolations.Snapshot snapshot) {
        StringBuilder out = new StringBuilder(4096).append('{');
        member(out, "since", snapshot.since);
        member(out, "now", snapshot.now);
        member(out, "total", snapshot.total);
        member(out, "droppedGroups", snapshot.droppedGroups);
        member(out, "droppedViolations", snapshot.droppedViolations);
        name(out, "limits");
        out.append('{');
        member(out, "groups", snapshot.maxGroups);
        member(out, "samples", snapshot.maxSamples);
        member(out, "callSites", RecentViolations.CALL_SITES_PER_GROUP);
        out.append('}');
        name(out, "groups");
        out.append('[');
        for (int i = 0; i < snapshot.groups.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            group(out, snapshot.groups.get(i));
        }
        return out.append("]}").toString();
    }

    private static void group(StringBuilder out, GroupView group) {
        out.append('{');
        member(out, "id", group.id);
        member(out, "kind", group.names.kind);
        member(out, "constraint", group.names.constraint);
        member(out, "index", group.names.index);
        member(out, "table", group.names.table);
        name(out, "columns");
        strings(out, group.names.columns);
        member(out, "db", group.names.db);
        member(out, "count", group.count);
        member(out, "lastMinute", group.lastMinute);
        member(out, "firstSeen", group.firstSeen);
        member(out, "lastSeen", group.lastSeen);
        name(out, "callSites");
        out.append('[');
        List<GroupView.CallSiteCount> mostFirst = new ArrayList<>(group.callSites);
        mostFirst.sort(Comparator.comparingLong((GroupView.CallSiteCount site) -> site.count).reversed());
        for (int i = 0; i < mostFirst.size(); i++) {
            out.append(i > 0 ? ",{" : "{");
            member(out, "callSite", mostFirst.get(i).callSite);
            member(out, "count", mostFirst.get(i).count);
            out.append('}');
        }
        out.append(']');
        member(out, "otherCallSites", group.otherCallSites);
        member(out, "samplesNotKept", group.samplesNotKept);
        name(out, "samples");
        out.append('[');
        for (int i = 0; i < group.samples.size(); i++) {
            ViolationReport sample = group.samples.get(i);
            out.append(i > 0 ? "," : "").append(JsonLines.encodeShown(sample));
        }
        out.append("]}");
    }

    private static void member(StringBuilder out, String name, String value) {
        name(out, name);
        Escaping.json(out, Escaping.text(value));
    }

    private static void member(StringBuilder out, String name, Instant value) {
        member(out, name, value == null ? null : value.toString());
    }

    private static void member(StringBuilder out, String name, long value) {
        name(out, name);
        out.append(value);
    }

    private static void strings(StringBuilder out, List<String> values) {
        if (values == null) {
            out.append("null");
            return;
        }
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Escaping.json(out, Escaping.text(values.get(i)));
        }
        out.append(']');
    }

    /** Writes {@code "name":}, after a comma unless it opens an object. */
    private static void name(StringBuilder out, String name) {
        char last = out.charAt(out.length() - 1);
        if (last != '{') {
            out.append(',');
        }
        Escaping.json(out, name);
        out.append(':');
    }
}
