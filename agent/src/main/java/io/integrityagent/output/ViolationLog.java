package io.integrityagent.output;

import io.integrityagent.config.LogFormat;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Writes one explanation per violation at WARN, rate-limited so that a storm cannot flood the log: the first
 * violation of a constraint by an operation from a call site is written in full; repeats within the interval are counted and
 * summarised once per interval, with the span of time they cover. A key that stays quiet for a whole interval
 * is forgotten, so its next violation is written in full again. What is still counted when the JVM exits is
 * written by {@link #flushAtExit()}. So every violation appears in the log exactly once: in full, or in the
 * count of a summary — except those of the constraints named by {@code log.quiet} (those a service expects,
 * such as the duplicate of an insert-first upsert), which are not written at all; metrics and events still
 * see them, as they never pass through here.
 *
 * <p>The application's thread takes no lock here: a repeat is a clock reading and a few atomic updates.
 */
public final class ViolationLog implements AutoCloseable {

    /** Beyond this many keys in one interval, violations are written in full without being tracked. */
    static final int MAX_TRACKED = 10_000;

    /** How long the JVM's exit waits at most for the last summaries, so a blocked log cannot hold it up. */
    static final long EXIT_FLUSH_MILLIS = 2_000;

    private final LogFormat format;
    private final Duration interval;
    private final Function<ClassLoader, LogSink> sinks;
    private final LongSupplier clock;
    private final Pattern quiet;
    private final Map<Key, Repeats> repeats = new ConcurrentHashMap<>();
    private final ScheduledExecutorService summaries;

    /**
     * @param quiet   constraint names (matched whole) never logged, or null to log every violation
     * @param threads the agent's thread group, where the summary thread goes
     */
    public ViolationLog(LogFormat format, Duration interval, ApplicationLogSinks sinks, Pattern quiet,
                        ThreadGroup threads) {
        this(format, interval, sinks::forLoader, System::currentTimeMillis, quiet, threads);
    }

    /** @param sinks the sink for the context class loader of the thread that logs */
    ViolationLog(LogFormat format, Duration interval, Function<ClassLoader, LogSink> sinks, LongSupplier clock,
                 Pattern quiet) {
        this(format, interval, sinks, clock, quiet, null);
    }

    private ViolationLog(LogFormat format, Duration interval, Function<ClassLoader, LogSink> sinks,
                         LongSupplier clock, Pattern quiet, ThreadGroup threads) {
        this.format = format;
        this.interval = interval;
        this.sinks = sinks;
        this.clock = clock;
        this.quiet = quiet;
        // Made on the thread of the first violation (see OutputsStart): the summary thread joins the agent's group,
        // not that thread's, and takes none of its inheritable thread locals, priority or context class loader,
        // which would keep an application's loader alive.
        this.summaries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(threads, task, "integrity-agent-log-summary", 0, false);
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY);
            thread.setContextClassLoader(ViolationLog.class.getClassLoader());
            return thread;
        });
        long millis = interval.toMillis();
        summaries.scheduleAtFixedRate(this::summarise, millis, millis, TimeUnit.MILLISECONDS);
    }

    public void log(ViolationReport report) {
        if (isQuiet(report)) {
            return;
        }
        Key key = new Key(report);
        Repeats seen = repeats.get(key);
        if (seen != null) {
            if (seen.repeat(clock.getAsLong())) {
                return;
            }
            repeats.remove(key, seen); // forgotten by the summary thread a moment ago: explain it again
        }
        // Worded before it is tracked: a report is kept for its summaries only once its text is made, so that what
        // makes the text (the statement's values among it) is never held by a report kept that long.
        String explained = format == LogFormat.JSON ? JsonLines.encode(report) : TextFormat.format(report);
        LogSink sink = sinks.apply(Thread.currentThread().getContextClassLoader());
        if (repeats.size() < MAX_TRACKED) {
            repeats.putIfAbsent(key, new Repeats(report, sink));
        }
        sink.warn(explained);
    }

    /** Writes the summaries that are due now and forgets quiet keys; runs on the summary thread. */
    void summarise() {
        for (Map.Entry<Key, Repeats> entry : repeats.entrySet()) {
            Repeats seen = entry.getValue();
            if (seen.retireIfQuiet()) {
                repeats.remove(entry.getKey(), seen);
                continue;
            }
            RepeatSummary due = seen.takeSummary(interval);
            if (due != null) {
                seen.sink.warn(format == LogFormat.JSON ? due.json() : due.text());
            }
        }
    }

    /**
     * Writes the summaries still pending, for a JVM shutdown hook. They are written on the summary thread, after
     * any summary it is writing now, and this waits for them at most {@link #EXIT_FLUSH_MILLIS}: if the
     * application's logging is blocked, the JVM exits without them rather than hang.
     */
    public void flushAtExit() {
        try {
            summaries.submit(this::summarise).get(EXIT_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception blockedOrClosed) {
            // Nothing more can be done at exit; the summaries written so far stand.
        } finally {
            summaries.shutdownNow();
        }
    }

    /** A violation known only by its unique index (H2 before 2.5 in a transaction) is quiet by the index's name. */
    private boolean isQuiet(ViolationReport report) {
        String name = report.constraint() != null ? report.constraint() : report.index();
        return quiet != null && name != null && quiet.matcher(name).matches();
    }


    @Override
    public void close() {
        summaries.shutdownNow();
    }

    /**
     * What is explained once and then summarised: a constraint — or, unnamed, the kind, table, index and columns
     * that stand for it — broken by one operation from one call site. NOT NULL has no name anywhere, and a
     * foreign key's missing parent (INSERT) and still-referenced row (DELETE) want opposite fixes.
     */
    private static final class Key {
        private final String constraint;
        private final ViolationKind kind;
        private final String table;
        private final String index;
        private final List<String> columns;
        private final String operation;
        private final String callSite;

        Key(ViolationReport report) {
            constraint = report.constraint();
            kind = report.kind();
            table = report.table();
            index = report.index();
            columns = report.columns();
            operation = report.operation();
            callSite = report.callSite();
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key)) {
                return false;
            }
            Key that = (Key) other;
            return Objects.equals(constraint, that.constraint) && kind == that.kind
                    && Objects.equals(table, that.table) && Objects.equals(index, that.index)
                    && Objects.equals(columns, that.columns) && Objects.equals(operation, that.operation)
                    && Objects.equals(callSite, that.callSite);
        }

        @Override
        public int hashCode() {
            int hash = Objects.hashCode(constraint);
            hash = 31 * hash + Objects.hashCode(kind);
            hash = 31 * hash + Objects.hashCode(table);
            hash = 31 * hash + Objects.hashCode(index);
            hash = 31 * hash + Objects.hashCode(columns);
            hash = 31 * hash + Objects.hashCode(operation);
            return 31 * hash + Objects.hashCode(callSite);
        }
    }

    /** The repeats of one key since its last summary. Updated by any thread, taken by the summary thread. */
    private static final class Repeats {
        /** The count of a key the summary thread has forgotten; a repeat that sees it is explained in full. */
        private static final long RETIRED = Long.MIN_VALUE;

        final ViolationReport first;
        final LogSink sink;
        private final AtomicLong count = new AtomicLong();
        /** When the first repeat since the last summary happened, 0 when there was none. */
        private final AtomicLong firstRepeatMillis = new AtomicLong();
        private volatile long lastRepeatMillis;

        Repeats(ViolationReport first, LogSink sink) {
            this.first = first;
            this.sink = sink;
        }

        /** Counts a repeat at {@code now}; false if this key was retired and the repeat was not counted. */
        boolean repeat(long now) {
            if (firstRepeatMillis.get() == 0) {
                firstRepeatMillis.compareAndSet(0, now);
            }
            lastRepeatMillis = now;
            return count.getAndIncrement() >= 0;
        }

        /** Retires a key without repeats since its last summary, so that no later repeat is counted here. */
        boolean retireIfQuiet() {
            return count.compareAndSet(0, RETIRED);
        }

        /** The summary of the repeats since the last one, or null when there were none. */
        RepeatSummary takeSummary(Duration interval) {
            long repeated = count.getAndSet(0);
            if (repeated <= 0) {
                return null;
            }
            long last = lastRepeatMillis;
            long firstRepeat = firstRepeatMillis.getAndSet(0);
            // A repeat racing with the previous summary may have left its count here and its time there.
            return new RepeatSummary(first, repeated, firstRepeat == 0 ? last : firstRepeat, last, interval);
        }
    }
}
