package io.integrityagent.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The select of {@link SelectByKeyBenchmark} through HikariCP: borrow, prepare, bind, execute, read the row,
 * close, give back — a read as a web request with a pool makes it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PooledSelectBenchmark {

    private BenchPool pool;
    private long nextId = 1;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        pool = BenchPool.open("pool-select", 2);
        pool.createItems(SelectByKeyBenchmark.ROWS);
        try (Connection connection = pool.connection();
             PreparedStatement sample = connection.prepareStatement(BenchDatabase.SELECT_ITEM)) {
            Attachment.verifyPooled(pool, sample);
        }
    }

    @Benchmark
    public void select(Blackhole row) throws SQLException {
        long id = nextId;
        nextId = id == SelectByKeyBenchmark.ROWS ? 1 : id + 1;
        try (Connection connection = pool.connection();
             PreparedStatement select = connection.prepareStatement(BenchDatabase.SELECT_ITEM)) {
            select.setLong(1, id);
            try (ResultSet found = select.executeQuery()) {
                if (!found.next()) {
                    throw new IllegalStateException("no item " + id);
                }
                row.consume(found.getLong(1));
                row.consume(found.getString(2));
                row.consume(found.getInt(3));
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }
}
