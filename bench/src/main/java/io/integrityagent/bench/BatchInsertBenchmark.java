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
 * One operation = 50 rows bound and added with addBatch, then one executeBatch; new keys, never failing. Every
 * observer keeps something per batch entry (the agent a copy of the bound values, so that it can name the entry
 * that failed), which this scenario prices. Prepared once per trial; the table is emptied before each iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchInsertBenchmark {

    static final int BATCH_SIZE = 50;

    private BenchDatabase database;
    private PreparedStatement insert;
    private long lastId;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        database = BenchDatabase.open("batch");
        database.execute(BenchDatabase.ITEM_TABLE);
        insert = database.connection().prepareStatement(BenchDatabase.INSERT_ITEM);
        Attachment.verify(database, insert);
    }

    @Setup(Level.Iteration)
    public void emptyTable() throws SQLException {
        database.execute("TRUNCATE TABLE item");
    }

    @Benchmark
    public int[] batchOf50() throws SQLException {
        for (int entry = 0; entry < BATCH_SIZE; entry++) {
            long id = ++lastId;
            insert.setLong(1, id);
            insert.setString(2, "item");
            insert.setInt(3, (int) id);
            insert.addBatch();
        }
        return insert.executeBatch();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        Attachment.verifyLogged(database.configuration());
        insert.close();
        database.close();
    }
}
