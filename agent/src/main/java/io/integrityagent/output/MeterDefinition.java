package io.integrityagent.output;

import java.util.List;

/**
 * One of the agent's meters as every registry shows it: name, description and tag keys. The agent counts each
 * meter once ({@link AgentMetrics}); registries only read those counts, so all of them agree.
 */
public final class MeterDefinition {

    private final String name;
    private final String description;
    private final List<String> tagKeys;

    MeterDefinition(String name, String description, String... tagKeys) {
        this.name = name;
        this.description = description;
        this.tagKeys = List.of(tagKeys);
    }

    /** The Micrometer name, e.g. {@code db.integrity.violations} (Prometheus: {@code db_integrity_violations_total}). */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The tag keys, in the order {@link Series#tagKeyValues()} pairs them with their values. */
    public List<String> tagKeys() {
        return tagKeys;
    }
}
