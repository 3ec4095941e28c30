package io.integrityagent.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's stderr sent to a temporary file for a trial. The benchmark JVMs have no SLF4J provider, so the agent
 * writes its explanations to stderr: a file keeps console speed out of the measurement (the agent writes one
 * explanation per constraint and call site, then counts repeats and summarises them once a minute), and shows
 * afterwards what the agent wrote.
 */
final class StderrFile {

    private final PrintStream original;
    private final Path file;

    private StderrFile(PrintStream original, Path file) {
        this.original = original;
        this.file = file;
    }

    static StderrFile redirect(String name) throws IOException {
        Path file = Files.createTempFile(name + "-stderr", ".txt");
        PrintStream original = System.err;
        System.setErr(new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8));
        return new StderrFile(original, file);
    }

    /** Puts the original stderr back; returns what was written meanwhile and deletes the file. */
    String restore() throws IOException {
        System.err.close();
        System.setErr(original);
        String written = Files.readString(file);
        Files.delete(file);
        return written;
    }
}
