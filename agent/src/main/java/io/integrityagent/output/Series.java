package io.integrityagent.output;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One time series of an agent meter: its admitted tag values and its cumulative count since the agent started.
 * Registries bound later read the same count, so nothing counted before they existed is lost. Thread-safe.
 */
public final class Series {

    private final MeterDefinition meter;
    /** In the order of {@link MeterDefinition#tagKeys()}; only ever shown paired with their keys. */
    private final List<String> tagValues;
    private final LongAdder count = new LongAdder();

    Series(MeterDefinition meter, List<String> tagValues) {
        this.meter = meter;
        this.tagValues = List.copyOf(tagValues);
    }

    public MeterDefinition meter() {
        return meter;
    }

    /** Key, value, key, value…: the shape of Micrometer's {@code tags(String...)}. */
    public String[] tagKeyValues() {
        List<String> keys = meter.tagKeys();
        String[] keyValues = new String[keys.size() * 2];
        for (int i = 0; i < keys.size(); i++) {
            keyValues[2 * i] = keys.get(i);
            keyValues[2 * i + 1] = tagValues.get(i);
        }
        return keyValues;
    }

    /** The cumulative count, as a double because that is what a function counter reads. */
    public double count() {
        return count.sum();
    }

    void increment() {
        count.increment();
    }
}
