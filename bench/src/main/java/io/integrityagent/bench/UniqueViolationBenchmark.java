package io.integrityagent.bench;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
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
 * <p>For the trial, stderr goes to a file ({@link StderrFile}), which proves afterwards that the agent explained
 * the violation, or, with {@code log.format=off}, that it wrote nothing. Under the agent, its count of
 * violations must equal the violations caught here ({@link AgentCounts}).
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
    private long caught;
    private StderrFile stderr;

    @Setup(Level.Trial)
    public void open() throws SQLException, IOException {
        database = BenchDatabase.open("violation");
        database.createMembers();
        insert = database.connection().prepareStatement(BenchDatabase.INSERT_MEMBER);
        Attachment.verify(database, insert);
        stderr = StderrFile.redirect("unique-violation");
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
            caught++;
            return expected.getErrorCode();
        }
        throw new IllegalStateException("the insert did not violate member_email_unique");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException, InterruptedException {
        String written = stderr.restore();
        Configuration configuration = database.configuration();
        boolean explained = written.contains(EXPLANATION);
        if (explained != (configuration == Configuration.INTEGRITY)) {
            throw new IllegalStateException("configuration '" + configuration.id() + "' "
                    + (explained ? "explained" : "did not explain") + " the violation; its stderr:\n" + written);
        }
        AgentCounts.verify(configuration, Map.of("unique", caught));
        Attachment.verifyLogged(configuration);
        insert.close();
        database.close();
    }
}
