package io.integrityagent.output;

import io.integrityagent.model.ViolationReport;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Appends one JSON line per violation to a file (UTF-8). Existing content is kept, so restarts and several
 * processes can share a file. Each line goes out in a single unbuffered append ({@code O_APPEND}), so it is in
 * the OS as soon as {@link #write} returns and lines from different threads never interleave, without a lock.
 *
 * <p>Rotation, the way log shippers handle it: at most once a second, at a write, the configured path is
 * compared with the open file (by inode, the file key); when it was renamed or deleted, the path is opened
 * again (created if needed), and the old file is closed one check later, when no write can still be using it.
 * A copy-and-truncate rotation needs nothing: appends follow the end of the file.
 *
 * <p>The folder is never created: when it is missing, one line says so and the file is opened at the first
 * check after it appears. Until then, and whenever a write fails (disk full), events are lost: {@link #write}
 * throws so the caller counts each one, and only the first problem is reported, in one line.
 */
public final class EventFile implements Closeable {

    static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The identity of a file whose file system gives none: it is never taken for a rotated one. */
    private static final Object NO_FILE_KEY = new Object();

    private final Path path;
    private final Consumer<String> problems;
    private final LongSupplier nanoTime;
    private final AtomicLong nextCheck;
    private final AtomicBoolean problemReported = new AtomicBoolean();
    /** The file written to, null while the path cannot be opened. */
    private volatile Opened current;
    /** The file written to before the last reopening; closed at the next check. Guarded by {@code this}. */
    private Opened retired;
    private volatile boolean closed;

    /**
     * Opens {@code path} for appending; never throws.
     *
     * @param problems receives the one line that describes the first problem (missing folder, full disk, …)
     */
    public EventFile(Path path, Consumer<String> problems) {
        this(path, problems, System::nanoTime);
    }

    EventFile(Path path, Consumer<String> problems, LongSupplier nanoTime) {
        this.path = path;
        this.problems = problems;
        this.nanoTime = nanoTime;
        this.nextCheck = new AtomicLong(nanoTime.getAsLong() + CHECK_INTERVAL_NANOS);
        this.current = open();
    }

    /** Whether a file is open now; false while its folder is missing or it cannot be opened. */
    public boolean isOpen() {
        return current != null;
    }

    /**
     * Appends the report as one line. Safe to call from any thread.
     *
     * @throws UncheckedIOException if the line cannot be written (no file open, disk full, …); the caller
     *         counts it, the report is lost
     */
    public void write(ViolationReport report) {
        byte[] line = JsonLines.line(report).getBytes(StandardCharsets.UTF_8);
        checkIfDue();
        Opened file = current;
        if (file == null) {
            throw new UncheckedIOException(new IOException("events file " + path + " is not open"));
        }
        try {
            file.out.write(line);
        } catch (IOException e) {
            reportOnce("cannot append to events file " + path + " (" + e.getMessage() + "); events that cannot be"
                    + " written are lost and counted in integrity_agent_errors_total{stage=\"events\"};"
                    + " this is said only once");
            throw new UncheckedIOException("Cannot append to " + path, e);
        }
    }

    /** Lets one writer a second look at the path; the others go on without waiting. */
    private void checkIfDue() {
        long now = nanoTime.getAsLong();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + CHECK_INTERVAL_NANOS)) {
            reopenIfMoved();
        }
    }

    private synchronized void reopenIfMoved() {
        if (closed) {
            return;
        }
        closeQuietly(retired);
        retired = null;
        Opened file = current;
        if (file != null) {
            Object onDisk = identity(path);
            if (onDisk != null && (onDisk == NO_FILE_KEY || onDisk.equals(file.identity))) {
                return;
            }
        }
        Opened reopened = open();
        if (reopened != null) {
            current = reopened;
            retired = file;
        } // else keep appending to the old file, if any: better than losing the events
    }

    private Opened open() {
        Path folder = path.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            reportOnce("the folder of events.file does not exist: " + folder + "; it is not created. Events are"
                    + " lost, and counted in integrity_agent_errors_total{stage=\"events\"}, until it exists"
                    + " (checked at most once a second)");
            return null;
        }
        try {
            // Not Files.newOutputStream: its FileChannel holds a lock across every write, queueing the writers.
            OutputStream out = new FileOutputStream(path.toFile(), true);
            return new Opened(out, identity(path));
        } catch (IOException | SecurityException e) {
            reportOnce("cannot open events file " + path + " (" + e.getMessage() + "); events are lost, and"
                    + " counted in integrity_agent_errors_total{stage=\"events\"}, until it can be opened"
                    + " (tried at most once a second)");
            return null;
        }
    }

    /** The file key (device and inode) of the file at {@code path}, or null when there is none. */
    private static Object identity(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key == null ? NO_FILE_KEY : key;
        } catch (IOException | SecurityException missing) {
            return null;
        }
    }

    private void reportOnce(String problem) {
        if (problemReported.compareAndSet(false, true)) {
            problems.accept("Integrity Agent: " + problem);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        closeQuietly(retired);
        retired = null;
        Opened file = current;
        current = null;
        if (file != null) {
            file.out.close();
        }
    }

    private static void closeQuietly(Opened file) {
        if (file != null) {
            try {
                file.out.close();
            } catch (IOException ignored) {
                // It was only kept open for writes that may still have been under way.
            }
        }
    }

    private static final class Opened {
        final OutputStream out;
        final Object identity;

        Opened(OutputStream out, Object identity) {
            this.out = out;
            this.identity = identity;
        }
    }
}
