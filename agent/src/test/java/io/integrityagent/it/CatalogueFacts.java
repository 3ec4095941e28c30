package io.integrityagent.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One database's expectations of the scenario catalogue, read from {@code catalogue/<database>.facts} next to
 * this class. The file has a section per scenario, {@code [scenarioName]}, holding either one line
 * {@code not applicable: why} or one fact a line, {@code key op expected}:
 * <ul>
 *   <li>{@code key} is a field of the scenario's event ({@code kind}, {@code values.EMAIL}, {@code parameters.1});
 *       or {@code events} (how many events the scenario made; 1 unless stated), {@code explained} (how many full
 *       explanations the log holds of it), {@code summarised} (how many repeats the log's summaries count), or
 *       {@code stdout}, {@code stderr}, {@code metrics} (the whole text of the run); or {@code lookupRows}, the rows
 *       the event's {@code lookup} found when the application ran it as printed, on a connection of its own, right
 *       after the scenario (a JSON array, each row its columns joined by {@code |}, bytes in hex);</li>
 *   <li>{@code op} is {@code =} (equals; a list or object as JSON, whose escapes stand for their characters, a
 *       JSON null as {@code null}), {@code ~} (contains), {@code !~} (does not contain), {@code ^} (starts with) or
 *       {@code $} (ends with);</li>
 *   <li>{@code expected} is the rest of the line, taken literally.</li>
 * </ul>
 * A section {@code [run]} holds facts about the whole run. Lines starting with {@code #} are comments.
 */
final class CatalogueFacts {

    static final String RUN = "run";

    private static final Pattern SECTION = Pattern.compile("\\[(\\w+)]");
    private static final Pattern FACT = Pattern.compile("(\\S+) (=|~|!~|\\^|\\$) ?(.*)");
    private static final String NOT_APPLICABLE = "not applicable:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Fact>> facts = new LinkedHashMap<>();
    private final Map<String, String> notApplicable = new LinkedHashMap<>();

    static CatalogueFacts forDatabase(String database) {
        String resource = "catalogue/" + database + ".facts";
        try (InputStream in = CatalogueFacts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no expectations for " + database + ": " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CatalogueFacts parse(String resource, String text) {
        CatalogueFacts parsed = new CatalogueFacts();
        String section = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher header = SECTION.matcher(trimmed);
            Matcher fact = FACT.matcher(trimmed);
            if (header.matches()) {
                section = header.group(1);
                if (parsed.facts.containsKey(section) || parsed.notApplicable.containsKey(section)) {
                    throw new AssertionError(resource + ":" + number + ": [" + section + "] twice");
                }
                parsed.facts.put(section, new ArrayList<>());
            } else if (section == null) {
                throw new AssertionError(resource + ":" + number + ": a fact outside any [section]");
            } else if (trimmed.startsWith(NOT_APPLICABLE)) {
                parsed.facts.remove(section);
                parsed.notApplicable.put(section, trimmed.substring(NOT_APPLICABLE.length()).strip());
            } else if (fact.matches()) {
                parsed.facts.get(section).add(new Fact(fact.group(1), fact.group(2), fact.group(3),
                        resource + ":" + number));
            } else {
                throw new AssertionError(resource + ":" + number + ": neither a fact nor a section: " + line);
            }
        }
        return parsed;
    }

    /** The scenarios that apply, in the file's order, without {@code run}. */
    List<String> applicableScenarios() {
        List<String> scenarios = new ArrayList<>(facts.keySet());
        scenarios.remove(RUN);
        return scenarios;
    }

    Map<String, String> notApplicable() {
        return notApplicable;
    }

    List<Fact> in(String section) {
        return facts.getOrDefault(section, List.of());
    }

    /** How many events the scenario must make: its {@code events} fact, else one. */
    int expectedEvents(String scenario) {
        return in(scenario).stream().filter(f -> f.key.equals("events")).findFirst()
                .map(f -> Integer.parseInt(f.expected)).orElse(1);
    }

    /** One expectation: {@code key op expected}, with where it was written for the failure message. */
    static final class Fact {
        final String key;
        final String op;
        final String expected;
        final String where;

        Fact(String key, String op, String expected, String where) {
            this.key = key;
            this.op = op;
            this.expected = expected;
            this.where = where;
        }

        boolean holdsFor(String actual) {
            switch (op) {
                case "=":
                    return expected.equals(actual) || sameJson(expected, actual);
                case "~":
                    return actual.contains(expected);
                case "!~":
                    return !actual.contains(expected);
                case "^":
                    return actual.startsWith(expected);
                default:
                    return actual.endsWith(expected);
            }
        }

        /** A list or object compared as JSON, so that a fact may write an invisible character as its escape. */
        private static boolean sameJson(String expected, String actual) {
            if (!expected.startsWith("[") && !expected.startsWith("{")) {
                return false;
            }
            try {
                return JSON.readTree(expected).equals(JSON.readTree(actual));
            } catch (IOException notJson) {
                return false;
            }
        }

        @Override
        public String toString() {
            return key + " " + op + " " + expected + " (" + where + ")";
        }
    }
}
