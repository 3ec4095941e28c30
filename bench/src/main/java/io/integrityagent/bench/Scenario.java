package io.integrityagent.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One measured JDBC operation, the benchmark method that performs it, and the configurations it runs under. */
public enum Scenario {

    INSERT("insert", "prepared insert, 3 binds (long, String, int)", PreparedInsertBenchmark.class, "insert"),
    SELECT("select", "select by primary key, row read", SelectByKeyBenchmark.class, "select"),
    BATCH("batch", "batch of 50 inserts (addBatch x50, executeBatch)", BatchInsertBenchmark.class, "batchOf50"),
    VIOLATION("violation", "insert violating UNIQUE, exception caught", UniqueViolationBenchmark.class, "violate"),
    CHURN("churn", "statement churn: prepare, bind, execute, read, close", StatementChurnBenchmark.class,
            "prepareExecuteClose");

    private final String id;
    private final String label;
    private final String benchmark;

    Scenario(String id, String label, Class<?> benchmarkClass, String method) {
        this.id = id;
        this.label = label;
        this.benchmark = benchmarkClass.getName() + "." + method;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The JMH benchmark name: the fully qualified class name, a dot, the method. */
    public String benchmark() {
        return benchmark;
    }

    /**
     * Every configuration, except that the agent with its log off runs only where the agent logs anything: on the
     * violation path (elsewhere it would measure the same as the default agent).
     */
    public List<Configuration> configurations() {
        List<Configuration> all = new ArrayList<>(Arrays.asList(Configuration.values()));
        if (this != VIOLATION) {
            all.remove(Configuration.INTEGRITY_LOG_OFF);
        }
        return all;
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
}
