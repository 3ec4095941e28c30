package io.integrityagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The JSON Lines events the agent wrote during one run, looked up by the scenario method that caused them. */
final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> all;

    private Events(List<JsonNode> all) {
        this.all = all;
    }

    static Events read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Events(List.of());
        }
        return new Events(Files.readAllLines(file).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object per line: " + line, e);
            }
        }).collect(Collectors.toList()));
    }

    List<JsonNode> all() {
        return all;
    }

    /** The events whose call site is the scenario method {@code scenario}. */
    List<JsonNode> from(String scenario) {
        return all.stream().filter(e -> e.path("callSite").asText().contains("." + scenario + "("))
                .collect(Collectors.toList());
    }

    /** The one event of {@code scenario}; fails when there is none or more than one. */
    JsonNode single(String scenario) {
        List<JsonNode> events = from(scenario);
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one event from " + scenario + " but got " + events.size()
                    + ":\n" + events.stream().map(JsonNode::toString).collect(Collectors.joining("\n")));
        }
        return events.get(0);
    }
}
