package io.integrityagent.output;

import io.integrityagent.config.LogFormat;
import io.integrityagent.report.ViolationReport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Writes one explanation per violation at WARN, rate-limited so that a storm cannot flood the log: the first
 * violation of a constraint from a call site is written in full; repeats within the interval are counted and
 * summarised once per interval. A key that stays quiet for a whole interval is forgotten, so its next
 * violation is written in full again. Violations of the constraints named by {@code log.quiet} (those a service
 * expects, such as the duplicate of an insert-first upsert) are not written at all; metrics and events still
 * see them, as they never pass through here.
 */
public final class ViolationLog implements AutoCloseable {

    /** Beyond this many keys in one interval, violations are written in full without being tracked. */
    static final int MAX_TRACKED = 10_000;

    private final LogFormat format;
    private final Duration interval;
    private final ApplicationLogSinks sinks;
    private final Pattern quiet;
    private final Map<String, Repeats> repeats = new ConcurrentHashMap<>();
    private final ScheduledExecutorService summaries;

    /** @param quiet constraint names (matched whole) never logged, or null to log every violation */
    public ViolationLog(LogFormat format, Duration interval, ApplicationLogSinks sinks, Pattern quiet) {
        this.format = format;
        this.interval = interval;
        this.sinks = sinks;
        this.quiet = quiet;
        this.summaries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "integrity-agent-log-summary");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        summaries.scheduleAtFixedRate(this::summarise, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void log(ViolationReport report) {
        if (isQuiet(report)) {
            return;
        }
        LogSink sink = sinks.forLoader(Thread.currentThread().getContextClassLoader());
        String key = keyOf(report);
        Repeats seen = repeats.get(key);
        if (seen != null) {
            seen.count.incrementAndGet();
            return;
        }
        if (repeats.size() < MAX_TRACKED) {
            repeats.putIfAbsent(key, new Repeats(report, sink));
        }
        sink.warn(format == LogFormat.JSON ? JsonLines.encode(report) : TextFormat.format(report));
    }

    /** Writes the summaries that are due now; runs on the summary thread every interval. */
    void summarise() {
        for (Map.Entry<String, Repeats> entry : repeats.entrySet()) {
            Repeats seen = entry.getValue();
            long count = seen.count.getAndSet(0);
            if (count == 0) {
                repeats.remove(entry.getKey(), seen);
            } else {
                seen.sink.warn(summary(seen.first, count));
            }
        }
    }

    private String summary(ViolationReport first, long count) {
        String what = first.constraint() != null ? first.kind().noun() + " " + first.constraint()
                : first.kind().noun() + (first.table() == null ? "" : " on " + first.table());
        String from = first.callSite() == null ? "" : " from " + first.callSite();
        return "Integrity violation repeated: " + what + from + " was violated " + count + " more time"
                + (count == 1 ? "" : "s") + " in the last " + interval.getSeconds() + " s (each constraint and"
                + " call site is explained once, then summarised every " + interval.getSeconds() + " s)";
    }

    private boolean isQuiet(ViolationReport report) {
        return quiet != null && report.constraint() != null && quiet.matcher(report.constraint()).matches();
    }

    private static String keyOf(ViolationReport report) {
        String constraint = report.constraint() != null ? report.constraint()
                : report.kind().label() + ":" + report.table();
        return constraint + "@" + report.callSite();
    }

    @Override
    public void close() {
        summaries.shutdownNow();
    }

    private static final class Repeats {
        final ViolationReport first;
        final LogSink sink;
        final AtomicLong count = new AtomicLong();

        Repeats(ViolationReport first, LogSink sink) {
            this.first = first;
            this.sink = sink;
        }
    }
}
