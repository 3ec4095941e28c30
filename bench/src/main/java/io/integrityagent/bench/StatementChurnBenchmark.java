package io.integrityagent.bench;

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
 * A new statement per operation: prepare, bind, execute, read, close — millions of statements per run. Prices
 * what an observer keeps per statement (created on prepare, dropped on close); state that were not released
 * would show as growing allocation and falling throughput across iterations. H2 caches the parsed query per
 * session, so the driver's own prepare stays cheap and the observers' share visible.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StatementChurnBenchmark {

    private BenchDatabase database;
    private long nextId = 1;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        database = BenchDatabase.open("churn");
        database.createItems(SelectByKeyBenchmark.ROWS);
        try (PreparedStatement sample = database.connection().prepareStatement(BenchDatabase.SELECT_ITEM)) {
            Attachment.verify(database, sample);
        }
    }

    @Benchmark
    public void prepareExecuteClose(Blackhole row) throws SQLException {
        long id = nextId;
        nextId = id == SelectByKeyBenchmark.ROWS ? 1 : id + 1;
        try (PreparedStatement select = database.connection().prepareStatement(BenchDatabase.SELECT_ITEM)) {
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
    public void close() throws SQLException {
        Attachment.verifyLogged(database.configuration());
        database.close();
    }
}
