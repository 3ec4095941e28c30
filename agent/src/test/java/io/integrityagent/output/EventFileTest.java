package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrityagent.model.ViolationReport;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    @Test
    void appendsToExistingContent() throws Exception {
        Path file = dir.resolve("violations.jsonl");
        try (EventFile events = new EventFile(file, problems::add)) {
            events.write(Reports.uniqueViolation());
        }
        try (EventFile events = new EventFile(file, problems::add)) {
            events.write(Reports.uniqueViolation());
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        for (String line : lines) {
            assertEquals("uk_users_email", JSON.readTree(line).get("constraint").asText());
        }
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        int threads = 8;
        int perThread = 200;
        Path file = dir.resolve("violations.jsonl");
        // A long multi-line message makes a torn or interleaved line likely if writes were not atomic.
        String longMessage = "x".repeat(5_000) + "\nsecond line";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (EventFile events = new EventFile(file, problems::add)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String writer = "writer" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        events.write(ViolationReport.builder()
                                .constraint(writer)
                                .batchIndex(i)
                                .message(longMessage)
                                .build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(threads * perThread, lines.size());
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            JsonNode json = JSON.readTree(line);
            assertEquals(longMessage, json.get("message").asText());
            assertTrue(seen.add(json.get("constraint").asText() + "#" + json.get("batchIndex").asInt()));
        }
        assertEquals(threads * perThread, seen.size());
    }

    @Test
    void writeFailureSurfacesAsUncheckedIoException() throws Exception {
        EventFile events = new EventFile(dir.resolve("violations.jsonl"), problems::add);
        events.close();

        assertThrows(UncheckedIOException.class, () -> events.write(Reports.uniqueViolation()));
    }
}
