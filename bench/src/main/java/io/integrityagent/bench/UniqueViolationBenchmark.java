package io.integrityagent.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A prepared INSERT that violates the same UNIQUE constraint every time; the application catches the
 * exception. This is the path where the Integrity Agent does its real work (recognise, explain, count, log).
 *
 * <p>The benchmark JVM has no SLF4J, so the agent writes its explanations to stderr; for the trial, stderr is
 * redirected to a file so that console speed cannot dominate (the agent writes one explanation per constraint
 * and call site, then counts repeats and summarises them once a minute). The same file proves afterwards that
 * the agent explained the violation, or, with {@code log.format=off}, that it wrote nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UniqueViolationBenchmark {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String EXPLANATION = "Integrity violation: unique constraint";

    private BenchDatabase database;
    private PreparedStatement insert;
    private long lastId;
    private PrintStream originalStderr;
    private Path stderrFile;

    @Setup(Level.Trial)
    public void open() throws SQLException, IOException {
        database = BenchDatabase.open("violation");
        database.createMembers();
        insert = database.connection().prepareStatement(BenchDatabase.INSERT_MEMBER);
        Attachment.verify(database, insert);
        stderrFile = Files.createTempFile("unique-violation-stderr", ".txt");
        originalStderr = System.err;
        System.setErr(new PrintStream(new FileOutputStream(stderrFile.toFile()), true, StandardCharsets.UTF_8));
    }

    @Benchmark
    public int violate() throws SQLException {
        insert.setLong(1, ++lastId);
        insert.setString(2, BenchDatabase.TAKEN_EMAIL);
        insert.setInt(3, 2);
        try {
            insert.executeUpdate();
        } catch (SQLException expected) {
            if (!UNIQUE_VIOLATION.equals(expected.getSQLState())) {
                throw expected;
            }
            return expected.getErrorCode();
        }
        throw new IllegalStateException("the insert did not violate member_email_unique");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        System.err.close();
        System.setErr(originalStderr);
        String stderr = Files.readString(stderrFile);
        Files.delete(stderrFile);
        Configuration configuration = database.configuration();
        boolean explained = stderr.contains(EXPLANATION);
        if (explained != (configuration == Configuration.INTEGRITY)) {
            throw new IllegalStateException("configuration '" + configuration.id() + "' "
                    + (explained ? "explained" : "did not explain") + " the violation; its stderr:\n" + stderr);
        }
        Attachment.verifyLogged(configuration);
        insert.close();
        database.close();
    }
}
