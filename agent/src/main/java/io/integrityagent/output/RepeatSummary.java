package io.integrityagent.output;

import io.integrityagent.model.ViolationReport;
import io.integrityagent.util.Escaping;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What one summary line says: how many more times a constraint was violated from one call site after its full
 * explanation, and the span of time those repeats cover. Written as text or as one JSON object, each through
 * {@link Escaping}, so a name the database supplied cannot start a line of its own.
 */
final class RepeatSummary {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ViolationReport first;
    private final long count;
    private final long firstRepeatMillis;
    private final long lastRepeatMillis;
    private final Duration interval;

    /**
     * @param first the report that was explained in full
     * @param count the repeats since then (or since the previous summary), at least 1
     */
    RepeatSummary(ViolationReport first, long count, long firstRepeatMillis, long lastRepeatMillis,
                  Duration interval) {
        this.first = first;
        this.count = count;
        // Under concurrent repeats the two clock readings can arrive out of order; the span never runs backwards.
        this.firstRepeatMillis = Math.min(firstRepeatMillis, lastRepeatMillis);
        this.lastRepeatMillis = lastRepeatMillis;
        this.interval = interval;
    }

    /**
     * E.g. {@code Integrity violation repeated: unique constraint uq_users_email from App.save(App.java:12) was
     * violated 41 more times in the 12.3 s between 2026-12-01T08:30:24.123Z and 2026-12-01T08:30:36.423Z (each
     * constraint, operation and call site is explained in full once, then summarised every 60 s)}.
     */
    String text() {
        return Escaping.text(sentence());
    }

    /** The summary as one JSON object on one line: its facts as fields, and the sentence as {@code message}. */
    String json() {
        StringBuilder out = new StringBuilder(512).append('{');
        JsonLines.name(out, "timestamp");
        JsonLines.appendString(out, Instant.now().toString());
        JsonLines.name(out, "summary");
        JsonLines.appendString(out, "repeated");
        JsonLines.name(out, "kind");
        JsonLines.appendString(out, first.kind() == null ? null : first.kind().label());
        JsonLines.name(out, "constraint");
        JsonLines.appendString(out, first.constraint());
        JsonLines.name(out, "table");
        JsonLines.appendString(out, first.table());
        JsonLines.name(out, "callSite");
        JsonLines.appendString(out, first.callSite());
        JsonLines.name(out, "count");
        out.append(count);
        JsonLines.name(out, "firstRepeat");
        JsonLines.appendString(out, TIME.format(Instant.ofEpochMilli(firstRepeatMillis)));
        JsonLines.name(out, "lastRepeat");
        JsonLines.appendString(out, TIME.format(Instant.ofEpochMilli(lastRepeatMillis)));
        JsonLines.name(out, "message");
        JsonLines.appendString(out, sentence());
        return out.append('}').toString();
    }

    private String sentence() {
        boolean named = first.constraint() != null || first.index() != null;
        String what = TextFormat.violatedName(first) + (named || first.table() == null ? "" : " on " + first.table());
        String from = first.callSite() == null ? "" : " from " + first.callSite();
        return "Integrity violation repeated: " + what + from + " was violated " + count + " more "
                + (count == 1 ? "time" : "times") + span() + " (each constraint, operation and call site is explained in"
                + " full once, then summarised every " + interval.getSeconds() + " s)";
    }

    private String span() {
        String last = TIME.format(Instant.ofEpochMilli(lastRepeatMillis));
        if (firstRepeatMillis == lastRepeatMillis) {
            return " at " + last;
        }
        long millis = lastRepeatMillis - firstRepeatMillis;
        String length = millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        return " in the " + length + " between " + TIME.format(Instant.ofEpochMilli(firstRepeatMillis))
                + " and " + last;
    }
}
