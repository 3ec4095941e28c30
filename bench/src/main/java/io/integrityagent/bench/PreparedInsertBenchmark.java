package io.integrityagent.bench;

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
 * A prepared INSERT with three binds (long, String, int) and a new key every time, so it never fails.
 *
 * <p>The statement is prepared once per trial, so the measured operation is bind + execute: the path every
 * observer hooks on each execution of a statement an application reuses. Preparing and closing it in every
 * operation would bury that under H2's prepare; that per-statement cost is measured on its own by
 * {@link StatementChurnBenchmark}. The table is emptied before each iteration, so every iteration inserts into
 * an equally small index whichever configuration runs (a faster one would otherwise fill a deeper tree).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PreparedInsertBenchmark {

    private BenchDatabase database;
    private PreparedStatement insert;
    private long lastId;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        database = BenchDatabase.open("insert");
        database.execute(BenchDatabase.ITEM_TABLE);
        insert = database.connection().prepareStatement(BenchDatabase.INSERT_ITEM);
        Attachment.verify(database, insert);
    }

    @Setup(Level.Iteration)
    public void emptyTable() throws SQLException {
        database.execute("TRUNCATE TABLE item");
    }

    @Benchmark
    public int insert() throws SQLException {
        long id = ++lastId;
        insert.setLong(1, id);
        insert.setString(2, "item");
        insert.setInt(3, (int) id);
        return insert.executeUpdate();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        Attachment.verifyLogged(database.configuration());
        insert.close();
        database.close();
    }
}
