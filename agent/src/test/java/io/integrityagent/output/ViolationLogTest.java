package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrityagent.config.LogFormat;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.util.Escaping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ViolationLogTest {

    private static final String FORGED = "WARN integrity - forged";
    /** Every way a reader may split lines: not only \n and \r. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u0085\u2028\u2029]");
    private static final Duration HOUR = Duration.ofHours(1);

    private final ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
    private final LogSink sink = written::add;
    private final AtomicLong clock = new AtomicLong(1_764_578_424_123L); // 2025-12-01T08:40:24.123Z

    private ViolationLog log(LogFormat format) {
        return new ViolationLog(format, HOUR, loader -> sink, clock::get, null);
    }

    private static ViolationReport hostile() {
        return ViolationReport.builder()
                .kind(ViolationKind.UNIQUE)
                .db("postgresql")
                .sqlState("23505")
                .exception("org.postgresql.util.PSQLException")
                .constraint("u\r" + FORGED + "\u2028" + FORGED + "\u202e")
                .table("t\n" + FORGED)
                .callSite("com.example.App.save(App.java:12)")
                .build();
    }

    @Test
    void quietNamesMatchTheConstraintOrTheOnlyIndexKnown() {
        ViolationReport indexOnly = ViolationReport.builder().kind(ViolationKind.UNIQUE).db("h2database")
                .sqlState("23505").exception("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException")
                .index("UK_CUSTOMERS_EMAIL_INDEX_6").table("CUSTOMERS").callSite("com.example.Shop.signUp(Shop.java:9)")
                .build();
        try (ViolationLog log = new ViolationLog(LogFormat.TEXT, HOUR, loader -> sink, clock::get,
                Pattern.compile("UK_CUSTOMERS_EMAIL.*|uk_users_email", Pattern.CASE_INSENSITIVE))) {
            log.log(indexOnly);
            log.log(Reports.uniqueViolation());
        }
        assertEquals(List.of(), new ArrayList<>(written));
    }

    @Test
    void summaryOfAViolationKnownOnlyByItsIndexNamesTheIndex() {
        ViolationReport indexOnly = ViolationReport.builder().kind(ViolationKind.UNIQUE).db("h2database")
                .sqlState("23505").exception("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException")
                .index("UK_CUSTOMERS_EMAIL_INDEX_6").table("CUSTOMERS").callSite("com.example.Shop.signUp(Shop.java:9)")
                .build();
        try (ViolationLog log = log(LogFormat.TEXT)) {
            log.log(indexOnly);
            log.log(indexOnly);
            written.clear();
            log.summarise();
        }
        assertTrue(written.peek().startsWith("Integrity violation repeated: unique index UK_CUSTOMERS_EMAIL_INDEX_6"
                + " from com.example.Shop.signUp(Shop.java:9) was violated 1 more time"), written.peek());
    }

    /** NOT NULL is named by no database: a NULL in another column, or another index, is another violation. */
    @Test
    void violationsOfUnnamedConstraintsAreExplainedOncePerColumnIndexAndOperation() {
        try (ViolationLog log = log(LogFormat.TEXT)) {
            log.log(notNull("name", "INSERT"));
            log.log(notNull("email", "INSERT"));
            log.log(notNull("email", "UPDATE"));
            log.log(notNull("email", "UPDATE"));
            log.log(indexOnly("IX_TOK"));
            log.log(indexOnly("UQ_LP_INDEX_4"));
            assertEquals(5, written.size(), String.join("\n", written));
            written.clear();
            log.summarise();
        }
        assertEquals(1, written.size(), String.join("\n", written));
        assertTrue(written.peek().contains(" 1 more time"), written.peek());
    }

    private static ViolationReport notNull(String column, String operation) {
        return ViolationReport.builder().kind(ViolationKind.NOT_NULL).db("postgresql").sqlState("23502")
                .exception("org.postgresql.util.PSQLException").table("users").columns(List.of(column))
                .operation(operation).callSite("com.example.Users.save(Users.java:7)").build();
    }

    private static ViolationReport indexOnly(String index) {
        return ViolationReport.builder().kind(ViolationKind.UNIQUE).db("h2database").sqlState("23505")
                .exception("org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException").index(index).table("ACC")
                .operation("INSERT").callSite("com.example.Accounts.open(Accounts.java:3)").build();
    }

    @Test
    void textSummaryEscapesTheNamesTheDatabaseSupplied() {
        try (ViolationLog log = log(LogFormat.TEXT)) {
            log.log(hostile());
            log.log(hostile());
            written.clear();
            log.summarise();
        }
        assertEquals(1, written.size());
        String summary = written.peek();
        assertEquals(List.of(summary), LINE_BREAK.splitAsStream(summary).collect(Collectors.toList()));
        assertFalse(summary.chars().anyMatch(c -> Escaping.mustEscape((char) c)), summary);
        assertTrue(summary.contains("unique constraint u\\r" + FORGED + "\\u2028" + FORGED + "\\u202e from"),
                summary);
    }

    @Test
    void jsonSummaryIsOneObjectWhoseFieldsKeepTheNamesExactly() throws Exception {
        try (ViolationLog log = log(LogFormat.JSON)) {
            log.log(hostile());
            log.log(hostile());
            log.log(hostile());
            written.clear();
            log.summarise();
        }
        String line = written.peek();
        assertFalse(line.chars().anyMatch(c -> Escaping.mustEscape((char) c)), line);
        JsonNode summary = new ObjectMapper().readTree(line);
        assertEquals("repeated", summary.get("summary").asText());
        assertEquals(2, summary.get("count").asLong());
        assertEquals(hostile().constraint(), summary.get("constraint").asText());
        assertEquals(hostile().table(), summary.get("table").asText());
        assertTrue(summary.get("message").asText().startsWith("Integrity violation repeated: unique constraint"));
    }

    @Test
    void summaryStatesTheCountAndTheSpanOfTheRepeats() {
        try (ViolationLog log = log(LogFormat.TEXT)) {
            log.log(Reports.uniqueViolation());
            log.log(Reports.uniqueViolation());
            clock.addAndGet(12_300);
            log.log(Reports.uniqueViolation());
            log.log(Reports.uniqueViolation());
            written.clear();
            log.summarise();
        }
        assertEquals(List.of("Integrity violation repeated: unique constraint uk_users_email from"
                + " com.example.UserRepository.save(UserRepository.java:42) was violated 3 more times in the 12.3 s"
                + " between 2025-12-01T08:40:24.123Z and 2025-12-01T08:40:36.423Z (each constraint, operation and call"
                + " site is explained in full once, then summarised every 3600 s)"), new ArrayList<>(written));
    }

    @Test
    void spanShorterThanASecondIsGivenInMilliseconds() {
        try (ViolationLog log = log(LogFormat.TEXT)) {
            log.log(Reports.uniqueViolation());
            log.log(Reports.uniqueViolation());
            clock.addAndGet(27);
            log.log(Reports.uniqueViolation());
            written.clear();
            log.summarise();
        }
        assertTrue(written.peek().contains(" was violated 2 more times in the 27 ms between"
                + " 2025-12-01T08:40:24.123Z and 2025-12-01T08:40:24.150Z ("), written.peek());
    }

    @Test
    void singleRepeatIsSummarisedWithItsTime() {
        try (ViolationLog log = log(LogFormat.TEXT)) {
            log.log(Reports.uniqueViolation());
            log.log(Reports.uniqueViolation());
            written.clear();
            log.summarise();
        }
        assertTrue(written.peek().contains(" was violated 1 more time at 2025-12-01T08:40:24.123Z ("),
                written.peek());
    }

    @Test
    void pendingRepeatsAreWrittenAtExit() {
        ViolationLog log = log(LogFormat.TEXT);
        log.log(Reports.uniqueViolation());
        for (int i = 0; i < 5; i++) {
            log.log(Reports.uniqueViolation());
        }
        log.flushAtExit();
        assertEquals(2, written.size());
        assertTrue(written.toArray(new String[0])[1].contains(" was violated 5 more times "), written.toString());
    }

    @Test
    void flushAtExitGivesUpOnABlockedLogInsteadOfHoldingTheJvm() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blocking = new AtomicBoolean();
        LogSink stuck = line -> {
            if (blocking.get()) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ViolationLog log = new ViolationLog(LogFormat.TEXT, HOUR, loader -> stuck, clock::get, null);
        log.log(Reports.uniqueViolation());
        log.log(Reports.uniqueViolation());
        blocking.set(true);
        long start = System.nanoTime();
        log.flushAtExit();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();
        assertTrue(waitedMillis < ViolationLog.EXIT_FLUSH_MILLIS + 2_000, waitedMillis + " ms");
    }

    @Test
    void everyViolationIsInTheLogOnceInFullOrInASummaryCountWhileSummariesRunConcurrently() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        ViolationLog log = log(LogFormat.TEXT);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    log.log(Reports.uniqueViolation());
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        // Summaries (which forget quiet keys) race with the writers on purpose.
        while (writers.stream().anyMatch(Thread::isAlive)) {
            log.summarise();
        }
        log.flushAtExit();

        Pattern repeated = Pattern.compile(" was violated (\\d+) more time");
        long inFull = 0;
        long inSummaries = 0;
        for (String line : written) {
            Matcher m = repeated.matcher(line);
            if (m.find()) {
                inSummaries += Long.parseLong(m.group(1));
            } else {
                inFull++;
            }
        }
        assertEquals((long) threads * perThread, inFull + inSummaries);
    }
}
