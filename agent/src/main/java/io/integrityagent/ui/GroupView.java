package io.integrityagent.ui;

import io.integrityagent.model.ViolationReport;
import java.time.Instant;
import java.util.List;

/** What the page shows of one group at one moment: an immutable copy, rendered without holding the store's lock. */
final class GroupView {

    /** A call site and how many of the group's violations came from it. */
    static final class CallSiteCount {
        final String callSite;
        final long count;

        CallSiteCount(String callSite, long count) {
            this.callSite = callSite;
            this.count = count;
        }
    }

    /** What names a group: the same in each of its reports. */
    static final class Names {
        final String kind;
        final String constraint;
        final String index;
        final String table;
        final List<String> columns;
        final String db;

        Names(ViolationReport report) {
            kind = report.kind() == null ? null : report.kind().label();
            constraint = report.constraint();
            index = report.index();
            table = report.table();
            columns = report.columns();
            db = report.db();
        }
    }

    final long id;
    final Names names;
    final long count;
    final long lastMinute;
    final Instant firstSeen;
    final Instant lastSeen;
    /** Least recently seen first. */
    final List<CallSiteCount> callSites;
    final long otherCallSites;
    /** Newest first; the newest one's explanation and remedy are the group's. */
    final List<ViolationReport> samples;
    final long samplesNotKept;

    GroupView(long id, Names names, long count, long lastMinute, Instant firstSeen,
              Instant lastSeen, List<CallSiteCount> callSites, long otherCallSites, List<ViolationReport> samples,
              long samplesNotKept) {
        this.id = id;
        this.names = names;
        this.count = count;
        this.lastMinute = lastMinute;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.callSites = List.copyOf(callSites);
        this.otherCallSites = otherCallSites;
        this.samples = List.copyOf(samples);
        this.samplesNotKept = samplesNotKept;
    }
}
