package io.integrityagent.ui;

import io.integrityagent.model.ViolationReport;
import io.integrityagent.util.LruCache;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live page shows: the violations since start, grouped by constraint and table, the most recently
 * violated groups kept. It holds the finished reports, already masked and cut as the events file has them, so the
 * page can never show more than the events do.
 *
 * <p>Bounded whatever the rate: at most {@code maxGroups} groups (the least recently violated are dropped and
 * only counted), {@link #CALL_SITES_PER_GROUP} call sites and {@code maxSamples} samples a group, and at most
 * {@link #SAMPLE_BYTES} of samples in all (the oldest samples of the least recent groups go first; a report
 * heavier than an eighth of that is counted but not kept).
 *
 * <p>{@link #record} runs on the application's thread: it weighs the report outside the lock and then only
 * updates counters and queues under it; rendering happens on the HTTP thread, from a {@link #snapshot}.
 */
public final class RecentViolations {

    static final int CALL_SITES_PER_GROUP = 20;
    static final long SAMPLE_BYTES = 4L << 20;

    private final int maxGroups;
    private final int maxSamples;
    private final long maxSampleBytes;
    private final Clock clock;
    private final Instant since;
    private final LinkedHashMap<String, ViolationGroup> groups = new LinkedHashMap<>(16, 0.75f, true);
    private long sampleBytes;
    private long total;
    private long lastId;
    private long droppedGroups;
    private long droppedViolations;

    public RecentViolations(int maxGroups, int maxSamples) {
        this(maxGroups, maxSamples, SAMPLE_BYTES, Clock.systemUTC());
    }

    RecentViolations(int maxGroups, int maxSamples, long maxSampleBytes, Clock clock) {
        this.maxGroups = maxGroups;
        this.maxSamples = maxSamples;
        this.maxSampleBytes = maxSampleBytes;
        this.clock = clock;
        this.since = clock.instant();
    }

    /** Counts the report in its group and keeps it as the group's newest sample. */
    public void record(ViolationReport report) {
        String key = groupKey(report);
        long bytes = bytesOf(report);
        ViolationGroup.Sample sample = bytes <= maxSampleBytes / 8 ? new ViolationGroup.Sample(report, bytes) : null;
        Instant seen = report.timestamp() == null ? clock.instant() : report.timestamp();
        synchronized (this) {
            total++;
            ViolationGroup group = groups.get(key);
            if (group == null) {
                group = new ViolationGroup(++lastId, report, seen, CALL_SITES_PER_GROUP, maxSamples);
                groups.put(key, group);
                dropLeastRecentGroups();
            }
            sampleBytes -= group.add(report, seen, sample);
            if (sample != null) {
                sampleBytes += sample.bytes;
                dropOldestSamples();
            }
        }
    }

    /** A copy of everything the page shows, most recently violated group first. */
    public Snapshot snapshot() {
        Instant now = clock.instant();
        List<GroupView> views;
        synchronized (this) {
            views = new ArrayList<>(groups.size());
            for (ViolationGroup group : groups.values()) {
                views.add(group.view(now.getEpochSecond()));
            }
            Collections.reverse(views);
            return new Snapshot(since, now, total, droppedGroups, droppedViolations, maxGroups, maxSamples, views);
        }
    }

    private void dropLeastRecentGroups() {
        Iterator<ViolationGroup> eldestFirst = groups.values().iterator();
        while (groups.size() > maxGroups && eldestFirst.hasNext()) {
            ViolationGroup dropped = eldestFirst.next();
            eldestFirst.remove();
            droppedGroups++;
            droppedViolations += dropped.count();
            long released;
            while ((released = dropped.dropOldestSample()) > 0) {
                sampleBytes -= released;
            }
        }
    }

    /** The oldest samples of the least recently violated groups go first; the newest sample is always light enough. */
    private void dropOldestSamples() {
        Iterator<ViolationGroup> eldestFirst = groups.values().iterator();
        ViolationGroup group = null;
        while (sampleBytes > maxSampleBytes) {
            long released = group == null ? 0 : group.dropOldestSample();
            if (released == 0) {
                if (!eldestFirst.hasNext()) {
                    return;
                }
                group = eldestFirst.next();
            }
            sampleBytes -= released;
        }
    }

    /** One group per kind, constraint (or index), table, columns and database. */
    private static String groupKey(ViolationReport report) {
        return report.kind() + "\u0000" + report.constraint() + "\u0000" + report.index() + "\u0000" + report.table()
                + "\u0000" + report.columns() + "\u0000" + report.db();
    }

    /** A generous estimate of the heap the report holds: its texts and a fixed share for everything else. */
    static long bytesOf(ViolationReport report) {
        long bytes = 512;
        for (String text : new String[] {report.db(), report.sqlState(), report.constraint(), report.index(),
                report.table(), report.referencedTable(), report.referencingTable(), report.sql(),
                report.failingEntry(), report.operation(), report.exception(), report.message(), report.callSite(),
                report.traceId(), report.spanId(), report.explanation(), report.lookup(), report.remedy(),
                report.handling() == null ? null : report.handling().advice()}) {
            bytes += LruCache.bytesOf(text);
        }
        bytes += bytesOf(report.columns()) + bytesOf(report.parameters());
        bytes += bytesOf(report.values()) + bytesOf(report.context());
        return bytes;
    }

    private static long bytesOf(List<String> texts) {
        long bytes = 0;
        if (texts != null) {
            for (String text : texts) {
                bytes += 16 + LruCache.bytesOf(text);
            }
        }
        return bytes;
    }

    private static long bytesOf(Map<String, String> members) {
        long bytes = 0;
        if (members != null) {
            for (Map.Entry<String, String> member : members.entrySet()) {
                bytes += 48 + LruCache.bytesOf(member.getKey()) + LruCache.bytesOf(member.getValue());
            }
        }
        return bytes;
    }

    /** Everything the page shows at one moment; immutable, so it is rendered without the lock. */
    public static final class Snapshot {
        final Instant since;
        final Instant now;
        final long total;
        final long droppedGroups;
        final long droppedViolations;
        final int maxGroups;
        final int maxSamples;
        /** Most recently violated first. */
        final List<GroupView> groups;

        Snapshot(Instant since, Instant now, long total, long droppedGroups, long droppedViolations, int maxGroups,
                 int maxSamples, List<GroupView> groups) {
            this.since = since;
            this.now = now;
            this.total = total;
            this.droppedGroups = droppedGroups;
            this.droppedViolations = droppedViolations;
            this.maxGroups = maxGroups;
            this.maxSamples = maxSamples;
            this.groups = List.copyOf(groups);
        }
    }
}
