package io.integrityagent.output;

import io.integrityagent.report.ViolationReport;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON line per violation to a file (UTF-8). Existing content is kept, so restarts and several
 * processes can share a file. The stream is unbuffered and each line goes out in a single write, so a line is
 * on disk (in the OS) as soon as {@link #write} returns and lines from different threads never interleave.
 */
public final class EventFile implements Closeable {

    private final Path path;
    private final OutputStream out;

    /** Opens {@code path} for appending, creating it and its parent directories if needed. */
    public EventFile(Path path) throws IOException {
        this.path = path;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Appends the report as one line. Safe to call from any thread.
     *
     * @throws UncheckedIOException if the line cannot be written (disk full, file closed, …); the caller decides
     *         how to count it, the report is lost
     */
    public void write(ViolationReport report) {
        byte[] line = (JsonLines.encode(report) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to " + path, e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
