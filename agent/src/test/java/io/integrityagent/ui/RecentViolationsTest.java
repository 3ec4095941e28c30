package io.integrityagent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentViolationsTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private static ViolationReport.Builder report(String constraint, String callSite, Instant at) {
        return ViolationReport.builder().timestamp(at).kind(ViolationKind.UNIQUE).db("h2database")
                .constraint(constraint).table("USERS").columns(List.of("EMAIL")).value("EMAIL", "'a@example.com'")
                .sql("INSERT INTO users (email) VALUES (?)").parameters(List.of("'a@example.com'"))
                .callSite(callSite).explanation("explained " + constraint).remedy("fix " + constraint);
    }

    private static RecentViolations store(int groups, int samples) {
        return new RecentViolations(groups, samples, RecentViolations.SAMPLE_BYTES,
                Clock.fixed(START.plusSeconds(30), ZoneOffset.UTC));
    }

    @Test
    void groupsByConstraintAndTableNewestFirstWithCountsCallSitesAndTimes() {
        RecentViolations recent = store(50, 5);
        recent.record(report("UQ_A", "A.save(A.java:1)", START).build());
        recent.record(report("UQ_B", "B.save(B.java:2)", START.plusSeconds(1)).build());
        recent.record(report("UQ_A", "A.retry(A.java:9)", START.plusSeconds(2)).build());
        recent.record(report("UQ_A", "A.save(A.java:1)", START.plusSeconds(3)).build());
        recent.record(report("UQ_A", "A.save(A.java:1)", START.plusSeconds(4)).table("ACCOUNTS").build());

        RecentViolations.Snapshot snapshot = recent.snapshot();

        assertEquals(5, snapshot.total);
        assertEquals(List.of("UQ_A on ACCOUNTS", "UQ_A on USERS", "UQ_B on USERS"), snapshot.groups.stream()
                .map(group -> group.names.constraint + " on " + group.names.table).collect(Collectors.toList()));
        GroupView users = snapshot.groups.get(1);
        assertEquals(3, users.count);
        assertEquals(START, users.firstSeen);
        assertEquals(START.plusSeconds(3), users.lastSeen);
        assertEquals("A.save(A.java:1)=2, A.retry(A.java:9)=1", users.callSites.stream()
                .sorted((a, b) -> Long.compare(b.count, a.count))
                .map(site -> site.callSite + "=" + site.count).collect(Collectors.joining(", ")));
        assertEquals(START.plusSeconds(3), users.samples.get(0).timestamp(), "newest sample first");
        assertEquals(3, users.samples.size());
    }

    @Test
    void countsOnlyTheLastMinuteAsTheRate() {
        RecentViolations recent = new RecentViolations(50, 5, RecentViolations.SAMPLE_BYTES,
                Clock.fixed(START.plusSeconds(100), ZoneOffset.UTC));
        recent.record(report("UQ_A", "A.save(A.java:1)", START).build());
        recent.record(report("UQ_A", "A.save(A.java:1)", START.plusSeconds(41)).build());
        recent.record(report("UQ_A", "A.save(A.java:1)", START.plusSeconds(99)).build());
        recent.record(report("UQ_A", "A.save(A.java:1)", START.plusSeconds(100)).build());

        GroupView group = recent.snapshot().groups.get(0);

        assertEquals(4, group.count);
        assertEquals(3, group.lastMinute);
    }

    @Test
    void manyDistinctConstraintsKeepOnlyTheMostRecentGroupsAndCountTheRest() {
        RecentViolations recent = store(50, 5);
        for (int i = 0; i < 10_000; i++) {
            recent.record(report("UQ_" + i, "A.save(A.java:1)", START.plusMillis(i)).build());
        }

        RecentViolations.Snapshot snapshot = recent.snapshot();

        assertEquals(50, snapshot.groups.size());
        assertEquals("UQ_9999", snapshot.groups.get(0).names.constraint);
        assertEquals("UQ_9950", snapshot.groups.get(49).names.constraint);
        assertEquals(10_000, snapshot.total);
        assertEquals(9_950, snapshot.droppedGroups);
        assertEquals(9_950, snapshot.droppedViolations);
    }

    @Test
    void manyCallSitesKeepTheMostRecentAndCountTheOthers() {
        RecentViolations recent = store(50, 5);
        for (int i = 0; i < 5_000; i++) {
            recent.record(report("UQ_A", "Caller" + i + ".save(Caller.java:" + i + ")", START).build());
        }

        GroupView group = recent.snapshot().groups.get(0);

        assertEquals(RecentViolations.CALL_SITES_PER_GROUP, group.callSites.size());
        assertEquals(5_000 - RecentViolations.CALL_SITES_PER_GROUP, group.otherCallSites);
        assertEquals(5_000, group.count);
        assertTrue(group.callSites.stream().anyMatch(site -> site.callSite.startsWith("Caller4999.")));
    }

    @Test
    void manySamplesKeepOnlyTheNewestFew() {
        RecentViolations recent = store(50, 3);
        for (int i = 0; i < 5_000; i++) {
            recent.record(report("UQ_A", "A.save(A.java:1)", START.plusMillis(i)).build());
        }

        GroupView group = recent.snapshot().groups.get(0);

        assertEquals(3, group.samples.size());
        assertEquals(START.plusMillis(4_999), group.samples.get(0).timestamp());
        assertEquals(START.plusMillis(4_997), group.samples.get(2).timestamp());
    }

    @Test
    void heavySamplesStayWithinTheByteBoundAndTheHeaviestAreOnlyCounted() {
        long bound = 1_000_000;
        RecentViolations recent = new RecentViolations(1000, 50, bound, Clock.fixed(START, ZoneOffset.UTC));
        List<String> manyParameters = IntStream.range(0, 200).mapToObj(i -> "'" + "x".repeat(190) + "'")
                .collect(Collectors.toList());
        for (int i = 0; i < 500; i++) {
            recent.record(report("UQ_" + (i % 100), "A.save(A.java:1)", START).parameters(manyParameters).build());
        }
        recent.record(report("UQ_HUGE", "A.save(A.java:1)", START)
                .parameters(IntStream.range(0, 2_000).mapToObj(i -> "'" + "y".repeat(190) + "'")
                        .collect(Collectors.toList())).build());

        RecentViolations.Snapshot snapshot = recent.snapshot();

        long kept = snapshot.groups.stream().flatMap(group -> group.samples.stream())
                .mapToLong(RecentViolations::bytesOf).sum();
        assertTrue(kept <= bound, kept + " bytes of samples kept");
        assertTrue(kept > bound / 2, "the bound is used, not emptied: " + kept);
        GroupView huge = snapshot.groups.get(0);
        assertEquals("UQ_HUGE", huge.names.constraint);
        assertEquals(1, huge.count);
        assertEquals(0, huge.samples.size());
        assertEquals(1, huge.samplesNotKept);
        assertEquals(101, snapshot.groups.size());
        assertEquals(501, snapshot.total);
    }

    @Test
    void aReportWithoutTimestampIsSeenNow() {
        RecentViolations recent = store(50, 5);
        recent.record(report("UQ_A", null, null).build());

        GroupView group = recent.snapshot().groups.get(0);

        assertEquals(START.plusSeconds(30), group.lastSeen);
        assertEquals("(unknown)", group.callSites.get(0).callSite);
        assertNull(group.names.index);
    }
}
