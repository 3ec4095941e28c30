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
 * The insert of {@link PreparedInsertBenchmark} as an application with a pool runs it: borrow a connection from
 * HikariCP, prepare (H2 and HikariCP each make a statement; the agent instruments both), bind, execute, close the
 * statement, give the connection back. The table is emptied before each iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PooledInsertBenchmark {

    private BenchPool pool;
    private long lastId;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        pool = BenchPool.open("pool-insert", 2);
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
    public int insert() throws SQLException {
        try (Connection connection = pool.connection();
             PreparedStatement insert = connection.prepareStatement(BenchDatabase.INSERT_ITEM)) {
            BenchDatabase.bindItem(insert, ++lastId);
            return insert.executeUpdate();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }
}
