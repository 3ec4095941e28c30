package io.integrityagent.ui;

import io.integrityagent.model.ViolationReport;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The violations of one constraint on one table: counts, the call sites they came from, and the last few
 * reports as they were. Every part is bounded: at most {@code maxCallSites} call sites (the least recently seen
 * give their counts to "other call sites") and {@code maxSamples} samples; of the reports it keeps nothing else
 * but the names that make the group (the same in each). Not thread-safe: the store's lock guards it, and it is
 * only read through {@link #view}.
 */
final class ViolationGroup {

    /** One report kept as it is, with the heap it is estimated to hold. */
    static final class Sample {
        final ViolationReport report;
        final long bytes;

        Sample(ViolationReport report, long bytes) {
            this.report = report;
            this.bytes = bytes;
        }
    }

    private final long id;
    private final GroupView.Names names;
    private final Instant firstSeen;
    private final int maxCallSites;
    private final int maxSamples;
    private final MinuteCounter lastMinute = new MinuteCounter();
    private final LinkedHashMap<String, long[]> callSites = new LinkedHashMap<>(16, 0.75f, true);
    /** Newest first. */
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private Instant lastSeen;
    private long count;
    private long otherCallSites;
    private long samplesNotKept;

    ViolationGroup(long id, ViolationReport first, Instant firstSeen, int maxCallSites, int maxSamples) {
        this.id = id;
        this.names = new GroupView.Names(first);
        this.firstSeen = firstSeen;
        this.maxCallSites = maxCallSites;
        this.maxSamples = maxSamples;
    }

    /**
     * Counts the report, seen at {@code seen}, and keeps it as the newest sample ({@code null}: too heavy to keep).
     *
     * @return the bytes of the samples this pushed out
     */
    long add(ViolationReport report, Instant seen, Sample sample) {
        count++;
        lastSeen = seen;
        lastMinute.count(seen.getEpochSecond());
        countCallSite(report.callSite());
        if (sample == null) {
            samplesNotKept++;
            return 0;
        }
        samples.addFirst(sample);
        long released = 0;
        while (samples.size() > maxSamples) {
            released += samples.removeLast().bytes;
        }
        return released;
    }

    /** Drops the oldest sample to make room for others; returns its bytes, 0 when none is left. */
    long dropOldestSample() {
        Sample oldest = samples.pollLast();
        return oldest == null ? 0 : oldest.bytes;
    }

    long count() {
        return count;
    }

    private void countCallSite(String callSite) {
        String site = callSite == null ? "(unknown)" : callSite;
        long[] counted = callSites.get(site);
        if (counted != null) {
            counted[0]++;
            return;
        }
        callSites.put(site, new long[] {1});
        Iterator<long[]> eldestFirst = callSites.values().iterator();
        while (callSites.size() > maxCallSites && eldestFirst.hasNext()) {
            otherCallSites += eldestFirst.next()[0];
            eldestFirst.remove();
        }
    }

    /** A copy of what the page shows, made under the store's lock so that it can be rendered outside it. */
    GroupView view(long nowEpochSecond) {
        List<GroupView.CallSiteCount> sites = new ArrayList<>(callSites.size());
        for (Map.Entry<String, long[]> site : callSites.entrySet()) {
            sites.add(new GroupView.CallSiteCount(site.getKey(), site.getValue()[0]));
        }
        List<ViolationReport> reports = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            reports.add(sample.report);
        }
        return new GroupView(id, names, count, lastMinute.lastMinute(nowEpochSecond), firstSeen,
                lastSeen, sites, otherCallSites, reports, samplesNotKept);
    }
}
