package io.integrityagent.bench;

import java.sql.Connection;
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
 * The batch of {@link BatchInsertBenchmark} through HikariCP: borrow, prepare, 50 entries bound and added,
 * executeBatch, close, give back. The table is emptied before each iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PooledBatchBenchmark {

    private BenchPool pool;
    private long lastId;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        pool = BenchPool.open("pool-batch", 2);
        pool.execute(BenchDatabase.ITEM_TABLE);
        try (Connection connection = pool.connection();
             PreparedStatement sample = connection.prepareStatement(BenchDatabase.INSERT_ITEM)) {
            Attachment.verifyPooled(pool, sample);
        }
    }

    @Setup(Level.Iteration)
    public void emptyTable() throws SQLException {
        pool.execute("TRUNCATE TABLE item");
    }

    @Benchmark
    public int[] batchOf50() throws SQLException {
        try (Connection connection = pool.connection();
             PreparedStatement insert = connection.prepareStatement(BenchDatabase.INSERT_ITEM)) {
            for (int entry = 0; entry < BatchInsertBenchmark.BATCH_SIZE; entry++) {
                BenchDatabase.bindItem(insert, ++lastId);
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }
}
