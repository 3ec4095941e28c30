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
 * A prepared SELECT by primary key that reads every column of the row found: the cheapest round trip there is,
 * so any per-execution cost of an observer shows most here. Prepared once per trial, like the insert.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SelectByKeyBenchmark {

    static final int ROWS = 10_000;

    private BenchDatabase database;
    private PreparedStatement select;
    private long nextId = 1;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        database = BenchDatabase.open("select");
        database.createItems(ROWS);
        select = database.connection().prepareStatement(BenchDatabase.SELECT_ITEM);
        Attachment.verify(database, select);
    }

    @Benchmark
    public void select(Blackhole row) throws SQLException {
        long id = nextId;
        nextId = id == ROWS ? 1 : id + 1;
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

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        Attachment.verifyLogged(database.configuration());
        select.close();
        database.close();
    }
}
