package io.integrityagent.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One measured JDBC operation, the benchmark method that performs it, the configurations it runs under and the
 * goal of the overhead issue it measures.
 */
public enum Scenario {

    INSERT("insert", "prepared insert, 3 binds (long, String, int)", PreparedInsertBenchmark.class, "insert",
            Group.HOT_PATH),
    SELECT("select", "select by primary key, row read", SelectByKeyBenchmark.class, "select", Group.HOT_PATH),
    BATCH("batch", "batch of 50 inserts (addBatch x50, executeBatch)", BatchInsertBenchmark.class, "batchOf50",
            Group.HOT_PATH),
    CHURN("churn", "statement churn: prepare, bind, execute, read, close", StatementChurnBenchmark.class,
            "prepareExecuteClose", Group.HOT_PATH),
    POOL_INSERT("pool-insert", "HikariCP: borrow, prepare insert, 3 binds, execute, close, return",
            PooledInsertBenchmark.class, "insert", Group.POOL),
    POOL_SELECT("pool-select", "HikariCP: borrow, prepare select by key, execute, read, close, return",
            PooledSelectBenchmark.class, "select", Group.POOL),
    POOL_BATCH("pool-batch", "HikariCP: borrow, prepare, 50 x addBatch, executeBatch, close, return",
            PooledBatchBenchmark.class, "batchOf50", Group.POOL),
    VIOLATION("violation", "insert violating UNIQUE, exception caught", UniqueViolationBenchmark.class, "violate",
            Group.VIOLATION),
    STORM("storm", "violation storm: " + ViolationStormBenchmark.THREADS + " threads, HikariCP ("
            + ViolationStormBenchmark.POOL_SIZE + " connections), unique/FK/NOT NULL/CHECK in turn",
            ViolationStormBenchmark.class, "violate", Group.STORM);

    /** What a scenario is for: which goal it measures, and so which configurations and JDKs it runs on. */
    public enum Group {
        /** Goal 1: the non-failing path, against the empty agent; on every JDK of the run, peers beside it. */
        HOT_PATH(1),
        /** Goal 2: the non-failing path through a pool. */
        POOL(2),
        /** Goal 3: the cost of one violation, with the log on and off; peers beside it. */
        VIOLATION(3),
        /** Goal 4: many threads violating at once, the agent's counts checked exactly. */
        STORM(4);

        private final int goal;

        Group(int goal) {
            this.goal = goal;
        }

        public int goal() {
            return goal;
        }
    }

    /**
     * How many times the run's warm-up the storm needs: 32 threads on 2 cores leave the JIT's compiler threads
     * little CPU, so the ratio would measure how fast each configuration compiles rather than what it costs.
     * Measured second by second over 60 s: no agent ran at 50-180k ops/s for 20 s, then settled at 320-340k; the
     * agent rose in steps, to 170k at 25 s and to its settled 225-240k only at 45 s, with C2 still compiling
     * (tier-4 compiles of H2's and the agent's violation paths until then).
     */
    public static final int STORM_WARMUP_FACTOR = 12;

    private final String id;
    private final String label;
    private final String benchmark;
    private final Group group;

    Scenario(String id, String label, Class<?> benchmarkClass, String method, Group group) {
        this.id = id;
        this.label = label;
        this.benchmark = benchmarkClass.getName() + "." + method;
        this.group = group;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Group group() {
        return group;
    }

    /** The JMH benchmark name: the fully qualified class name, a dot, the method. */
    public String benchmark() {
        return benchmark;
    }

    /**
     * The configurations this scenario is measured under. Peers only where the comparison with them is made (the
     * plain insert, select and violation; OpenTelemetry's capture of bind values, which the agent always does,
     * on the violation only); the agent with its log off only where the agent logs anything; the storm against no
     * agent only, which is its goal.
     */
    public List<Configuration> configurations() {
        List<Configuration> configurations = new ArrayList<>(List.of(Configuration.NONE));
        if (group != Group.STORM) {
            configurations.add(Configuration.EMPTY_AGENT);
        }
        configurations.add(Configuration.INTEGRITY);
        if (this == VIOLATION) {
            configurations.add(Configuration.INTEGRITY_LOG_OFF);
        }
        if (this == INSERT || this == SELECT || this == VIOLATION) {
            Arrays.stream(Configuration.values()).filter(Configuration::isPeer)
                    .filter(peer -> peer != Configuration.OPENTELEMETRY_PARAMETERS || this == VIOLATION)
                    .forEach(configurations::add);
        }
        return configurations;
    }

    /** Whether this scenario runs on every JDK of the run (else on the first only, which keeps the run short). */
    public boolean onEveryJdk() {
        return group == Group.HOT_PATH;
    }

    /** In a run that names no scenarios; the pool's batch is left to {@code --scenarios} for the time it takes. */
    public boolean byDefault() {
        return this != POOL_BATCH;
    }

    public static Scenario byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "'; known: "
                        + Arrays.stream(values()).map(Scenario::id).reduce((a, b) -> a + ", " + b).orElse("")));
    }

    /** The scenario of a JMH benchmark name, or null for a benchmark that is not part of the comparison. */
    public static Scenario ofBenchmark(String benchmark) {
        return Arrays.stream(values()).filter(s -> s.benchmark.equals(benchmark)).findFirst().orElse(null);
    }

    /** The warm-up iterations of this scenario's forks, given the run's. */
    public int warmupIterations(int runWarmupIterations) {
        return group == Group.STORM ? runWarmupIterations * STORM_WARMUP_FACTOR : runWarmupIterations;
    }
}
