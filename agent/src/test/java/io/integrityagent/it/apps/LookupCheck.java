package io.integrityagent.it.apps;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the lookup query of each scenario's first event the way a user would: pasted as printed, on a connection of
 * its own, right after the scenario and before the next one changes the rows. Asked for with
 * {@code -Dit.events=…} (the agent's events file) and {@code -Dit.lookups=…} (where the rows go); the agent
 * writes an event before the failing call returns, so it is in the file when the scenario is over. Nothing is
 * printed, so the application's output stays the same with and without the agent.
 *
 * <p>Each line of the lookups file is one JSON object: {@code scenario}, {@code lookup} and either {@code rows}
 * (each row its columns' text joined by {@code |}, NULL as {@code NULL}, bytes in hex, the rows sorted) or
 * {@code error}. A
 * lookup with a placeholder for the user to fill in is not run.
 */
final class LookupCheck {

    /** What a lookup holds when the user must fill in a value first. */
    static final String PLACEHOLDER_NOTE = " -- fill in ";

    private final Path events;
    private final Path lookups;
    private final ConnectionSource connections;
    private Connection own;
    private long eventsRead;

    private LookupCheck(Path events, Path lookups, ConnectionSource connections) {
        this.events = events;
        this.lookups = lookups;
        this.connections = connections;
    }

    /** The check the test asked for, or null when it asked for none (the run without the agent). */
    static LookupCheck ifAsked(ConnectionSource connections) {
        String events = System.getProperty("it.events");
        String lookups = System.getProperty("it.lookups");
        return events == null || lookups == null ? null
                : new LookupCheck(Path.of(events), Path.of(lookups), connections);
    }

    /** Runs the lookup of the first event {@code scenario} made, if it has one. */
    void after(String scenario) throws IOException {
        List<String> lines = newEventLines();
        if (lines.isEmpty()) {
            return;
        }
        String lookup = MiniJson.stringField(lines.get(0), "lookup");
        if (lookup == null || lookup.contains(PLACEHOLDER_NOTE)) {
            return;
        }
        String result;
        try {
            result = "\"rows\":" + MiniJson.array(rowsOf(lookup));
        } catch (SQLException e) {
            result = "\"error\":" + MiniJson.string(e.toString());
        }
        String line = "{\"scenario\":" + MiniJson.string(scenario) + ",\"lookup\":" + MiniJson.string(lookup) + ","
                + result + "}\n";
        Files.writeString(lookups, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void close() throws SQLException {
        if (own != null) {
            own.close();
        }
    }

    private List<String> rowsOf(String lookup) throws SQLException {
        if (own == null) {
            own = connections.open();
        }
        List<String> rows = new ArrayList<>();
        try (Statement s = own.createStatement(); ResultSet result = s.executeQuery(lookup)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(text(result, i));
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        return rows;
    }

    /** A column's value as text: NULL as {@code NULL}, bytes in hex ({@code 0x0aff}). */
    private static String text(ResultSet result, int column) throws SQLException {
        Object value = result.getObject(column);
        if (value instanceof byte[]) {
            StringBuilder hex = new StringBuilder("0x");
            for (byte b : (byte[]) value) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        }
        return value == null ? "NULL" : result.getString(column);
    }

    /** The lines the agent appended to the events file since the last call. */
    private List<String> newEventLines() throws IOException {
        if (!Files.exists(events)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(events.toFile(), "r")) {
            long length = file.length();
            byte[] appended = new byte[(int) (length - eventsRead)];
            file.seek(eventsRead);
            file.readFully(appended);
            eventsRead = length;
            List<String> lines = new ArrayList<>();
            for (String line : new String(appended, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    /** Opens the connection the lookups run on. */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }
}
