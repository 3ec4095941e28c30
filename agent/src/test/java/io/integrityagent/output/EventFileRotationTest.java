package io.integrityagent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events file follows logrotate and reports its problems once; a fake clock stands in for the check interval. */
class EventFileRotationTest {

    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();

    private EventFile open(Path file) {
        return new EventFile(file, problems::add, nanos::get);
    }

    private void aSecondPasses() {
        nanos.addAndGet(EventFile.CHECK_INTERVAL_NANOS);
    }

    @Test
    void afterARenameLaterEventsGoToANewFileAtTheConfiguredPath() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Path rotated = dir.resolve("events.jsonl.1");
        try (EventFile events = open(file)) {
            events.write(Reports.uniqueViolation());
            Files.move(file, rotated);
            events.write(Reports.uniqueViolation()); // before the next check: still the renamed file
            aSecondPasses();
            events.write(Reports.uniqueViolation());
            events.write(Reports.uniqueViolation());
        }
        assertEquals(2, Files.readAllLines(rotated).size());
        assertEquals(2, Files.readAllLines(file).size());
        assertEquals(List.of(), problems);
    }

    @Test
    void afterADeleteLaterEventsGoToANewFileAtTheConfiguredPath() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (EventFile events = open(file)) {
            events.write(Reports.uniqueViolation());
            Files.delete(file);
            aSecondPasses();
            events.write(Reports.uniqueViolation());
        }
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void unchangedFileIsNotReopened() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (EventFile events = open(file)) {
            events.write(Reports.uniqueViolation());
            aSecondPasses();
            events.write(Reports.uniqueViolation());
            Files.writeString(file, ""); // copytruncate: appends simply continue at the new end
            aSecondPasses();
            events.write(Reports.uniqueViolation());
        }
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void missingFolderIsNotCreatedSaidInOneLineAndUsedOnceItExists() throws Exception {
        Path folder = dir.resolve("not-yet");
        Path file = folder.resolve("events.jsonl");
        try (EventFile events = open(file)) {
            assertFalse(events.isOpen());
            assertFalse(Files.exists(folder));
            assertThrows(UncheckedIOException.class, () -> events.write(Reports.uniqueViolation()));
            aSecondPasses();
            assertThrows(UncheckedIOException.class, () -> events.write(Reports.uniqueViolation()));

            Files.createDirectory(folder);
            aSecondPasses();
            events.write(Reports.uniqueViolation());
            assertTrue(events.isOpen());
        }
        assertEquals(1, Files.readAllLines(file).size());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Integrity Agent: the folder of events.file does not exist: " + folder
                + "; it is not created."), problems.get(0));
    }

    @Test
    void fullDiskIsReportedOnceAndEveryLostEventThrowsToBeCounted() {
        Path full = Path.of("/dev/full");
        if (!Files.isWritable(full)) {
            return; // not Linux
        }
        try (EventFile events = open(full)) {
            for (int i = 0; i < 5; i++) {
                assertThrows(UncheckedIOException.class, () -> events.write(Reports.uniqueViolation()));
                aSecondPasses();
            }
        } catch (java.io.IOException closeFailed) {
            throw new AssertionError(closeFailed);
        }
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Integrity Agent: cannot append to events file /dev/full (No space left"
                + " on device)"), problems.get(0));
    }

    @Test
    void aWriteFromAnInterruptedThreadDoesNotCloseTheFileForEveryoneElse() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (EventFile events = open(file)) {
            Thread.currentThread().interrupt();
            try {
                events.write(Reports.uniqueViolation());
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt is left for the application");
            }
            events.write(Reports.uniqueViolation());
        }
        assertEquals(2, Files.readAllLines(file).size());
    }
}
