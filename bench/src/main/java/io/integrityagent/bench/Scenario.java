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
     * How many times the run's warm-up the storm's 32 threads warm up, after its pre-warm on one thread
     * ({@link #STORM_PREWARM_FACTOR}). The pre-warm is there because 32 threads on 2 cores leave the JIT's compiler
     * threads little CPU: warmed up by the 32 threads alone, for 60 s, no agent reached only about half its settled
     * throughput on a slower machine (86-104k ops/s at 60 s, 177k at 120 s, 200k at 300 s), so the ratio measured how
     * fast each configuration compiles rather than what it costs. A storm in a service hits code it has long run.
     */
    public static final int STORM_WARMUP_FACTOR = 6;

    /**
     * How many times the run's warm-up the storm first runs its operation on one thread, before JMH's warm-up, so
     * that the JIT compiles the violation paths of H2, HikariCP and the agent with a core to itself.
     */
    public static final int STORM_PREWARM_FACTOR = 4;

    /** The system property that tells a storm fork how long to pre-warm, in milliseconds. */
    public static final String PREWARM_PROPERTY = "bench.storm.prewarmMillis";

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

    /** How long this scenario's forks run their operation before JMH's warm-up (the storm's pre-warm), in ms. */
    public long prewarmMillis(int runWarmupIterations, long runWarmupMillis) {
        return group == Group.STORM ? runWarmupIterations * runWarmupMillis * STORM_PREWARM_FACTOR : 0;
    }
}
