package io.integrityagent.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * A violation storm: {@value #THREADS} threads on a HikariCP pool of {@value #POOL_SIZE} connections, each
 * operation a borrowed connection, a prepared insert that violates one constraint and the exception caught. Each
 * thread takes the four kinds in turn (unique, foreign key with a missing parent, NOT NULL, CHECK), so every kind
 * is explained and counted from many threads at once. Nothing is ever inserted. Under the agent, its counts per
 * kind must equal what the threads caught ({@link AgentCounts}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(ViolationStormBenchmark.THREADS)
public class ViolationStormBenchmark {

    static final int THREADS = 32;
    /** HikariCP's default maximum: the threads queue for connections, as a busy service's do. */
    static final int POOL_SIZE = 10;

    static final String INSERT_ORDER = "INSERT INTO storm_order (id, email, parent_id, quantity) VALUES (?, ?, ?, ?)";
    private static final String[] SCHEMA = {
        "CREATE TABLE storm_parent (id BIGINT PRIMARY KEY)",
        "INSERT INTO storm_parent (id) VALUES (1)",
        "CREATE TABLE storm_order (id BIGINT PRIMARY KEY, email VARCHAR(100), parent_id BIGINT,"
                + " quantity INT NOT NULL, CONSTRAINT storm_email_unique UNIQUE (email),"
                + " CONSTRAINT storm_parent_fk FOREIGN KEY (parent_id) REFERENCES storm_parent (id),"
                + " CONSTRAINT storm_quantity_positive CHECK (quantity > 0))",
        "INSERT INTO storm_order (id, email, parent_id, quantity) VALUES (0, '" + BenchDatabase.TAKEN_EMAIL
                + "', 1, 1)",
    };
    private static final String EXPLANATION = "Integrity violation: ";

    /** The four violations, each with the agent's label of its kind and the SQLSTATE H2 reports. */
    enum Kind {
        UNIQUE("unique", "23505") {
            @Override
            void bind(PreparedStatement insert) throws SQLException {
                bindRow(insert, BenchDatabase.TAKEN_EMAIL, 1, 1);
            }
        },
        FOREIGN_KEY("foreign_key", "23506") {
            @Override
            void bind(PreparedStatement insert) throws SQLException {
                bindRow(insert, null, 999, 1);
            }
        },
        NOT_NULL("not_null", "23502") {
            @Override
            void bind(PreparedStatement insert) throws SQLException {
                bindRow(insert, null, 1, null);
            }
        },
        CHECK("check", "23513") {
            @Override
            void bind(PreparedStatement insert) throws SQLException {
                bindRow(insert, null, 1, -1);
            }
        };

        private static final Kind[] ALL = values();

        final String label;
        final String sqlState;

        Kind(String label, String sqlState) {
            this.label = label;
            this.sqlState = sqlState;
        }

        /** Binds email, parent and quantity (parameters 2-4); the id is bound by the caller. */
        abstract void bind(PreparedStatement insert) throws SQLException;

        private static void bindRow(PreparedStatement insert, String email, long parent, Integer quantity)
                throws SQLException {
            if (email == null) {
                insert.setNull(2, Types.VARCHAR);
            } else {
                insert.setString(2, email);
            }
            insert.setLong(3, parent);
            if (quantity == null) {
                insert.setNull(4, Types.INTEGER);
            } else {
                insert.setInt(4, quantity);
            }
        }
    }

    /**
     * One thread's turn through the kinds and its own ids: no two threads ever insert the same key at once, so a
     * failing insert never waits on another thread's row lock or meets its primary key.
     */
    @State(Scope.Thread)
    public static class Worker {
        private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

        private long nextId;
        private int turn;

        @Setup(Level.Trial)
        public void start() {
            nextId = (THREAD_NUMBERS.incrementAndGet() * 1L) << 40;
        }

        long nextId() {
            return ++nextId;
        }

        Kind nextKind() {
            Kind kind = Kind.ALL[turn];
            turn = (turn + 1) % Kind.ALL.length;
            return kind;
        }
    }

    private final Map<Kind, LongAdder> caught = new EnumMap<>(Kind.class);
    private BenchPool pool;
    private StderrFile stderr;

    @Setup(Level.Trial)
    public void open() throws SQLException, IOException {
        for (Kind kind : Kind.ALL) {
            caught.put(kind, new LongAdder());
        }
        pool = BenchPool.open("storm", POOL_SIZE);
        pool.execute(SCHEMA);
        try (Connection connection = pool.connection();
             PreparedStatement sample = connection.prepareStatement(INSERT_ORDER)) {
            Attachment.verifyPooled(pool, sample);
        }
        stderr = StderrFile.redirect("violation-storm");
        prewarm(Long.getLong(Scenario.PREWARM_PROPERTY, 0));
    }

    /**
     * Runs the operation on this one thread for {@code millis}, its violations caught and counted like the
     * measured ones: the JIT compiles the violation paths with a core to itself before 32 threads crowd it out
     * ({@link Scenario#STORM_WARMUP_FACTOR}).
     */
    private void prewarm(long millis) throws SQLException {
        Worker worker = new Worker();
        worker.start();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            violate(worker);
        }
    }

    @Benchmark
    public int violate(Worker worker) throws SQLException {
        Kind kind = worker.nextKind();
        try (Connection connection = pool.connection();
             PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
            insert.setLong(1, worker.nextId());
            kind.bind(insert);
            insert.executeUpdate();
        } catch (SQLException expected) {
            if (!kind.sqlState.equals(expected.getSQLState())) {
                throw expected;
            }
            caught.get(kind).increment();
            return expected.getErrorCode();
        }
        throw new IllegalStateException("the " + kind.label + " insert violated nothing");
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, InterruptedException {
        String written = stderr.restore();
        Configuration configuration = pool.configuration();
        boolean explained = written.contains(EXPLANATION);
        if (explained != (configuration == Configuration.INTEGRITY)) {
            throw new IllegalStateException("configuration '" + configuration.id() + "' "
                    + (explained ? "explained" : "did not explain") + " the violations; its stderr:\n" + written);
        }
        Map<String, Long> byLabel = new TreeMap<>();
        caught.forEach((kind, count) -> byLabel.put(kind.label, count.sum()));
        AgentCounts.verify(configuration, byLabel);
        pool.close();
    }
}
