package io.integrityagent.bench.run;

import io.integrityagent.bench.AgentCounts;
import io.integrityagent.bench.Attachment;
import io.integrityagent.bench.BenchDatabase;
import io.integrityagent.bench.BenchPool;
import io.integrityagent.bench.DiscardingP6SpyLogger;
import io.integrityagent.bench.DiscardingQueryLogListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Runs each kind of statement the benchmarks run, once, under one configuration, directly and through HikariCP:
 * the JVM checks its own attachment ({@link Attachment}) and, under the Integrity Agent, that the agent counted
 * each of its two violations once ({@link AgentCounts}); {@link AttachmentChecks} reads what the agents wrote.
 */
public final class AttachmentProbe {

    static final String OK = "PROBE OK";
    static final String COUNTED = "PROBE agent counted each violation once";
    static final String P6SPY_LINES = "PROBE p6spy lines formatted: ";
    static final String DATASOURCE_PROXY_ENTRIES = "PROBE datasource-proxy entries formatted: ";

    private AttachmentProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchDatabase database = BenchDatabase.open("probe")) {
            database.createItems(2);
            database.createMembers();
            try (PreparedStatement insert = database.connection().prepareStatement(BenchDatabase.INSERT_MEMBER)) {
                Attachment.verify(database, insert);
                insertMember(insert, 1, "probe@example.com");
                violate(insert, 2);
            }
            try (PreparedStatement select = database.connection().prepareStatement(BenchDatabase.SELECT_ITEM)) {
                select.setLong(1, 2);
                try (ResultSet found = select.executeQuery()) {
                    found.next();
                }
            }
            Attachment.verifyLogged(database.configuration());
            System.out.println(P6SPY_LINES + DiscardingP6SpyLogger.lines());
            System.out.println(DATASOURCE_PROXY_ENTRIES + DiscardingQueryLogListener.entries());
            throughPool();
            if (database.configuration().usesIntegrityAgent()) {
                AgentCounts.verify(database.configuration(), Map.of("unique", 2L));
                System.out.println(COUNTED);
            }
            System.out.println(OK + " " + database.configuration().id());
        }
    }

    /** A violation through HikariCP, whose proxy statement forwards to H2's: one count, as without the pool. */
    private static void throughPool() throws SQLException {
        try (BenchPool pool = BenchPool.open("probe-pool", 1)) {
            pool.execute(BenchDatabase.MEMBER_TABLE,
                    "INSERT INTO member (id, email, tier) VALUES (0, '" + BenchDatabase.TAKEN_EMAIL + "', 1)");
            try (Connection connection = pool.connection();
                 PreparedStatement insert = connection.prepareStatement(BenchDatabase.INSERT_MEMBER)) {
                Attachment.verifyPooled(pool, insert);
                violate(insert, 1);
            }
        }
    }

    private static void violate(PreparedStatement insert, long id) throws SQLException {
        try {
            insertMember(insert, id, BenchDatabase.TAKEN_EMAIL);
            throw new IllegalStateException("the probe's duplicate insert succeeded");
        } catch (SQLException expected) {
            System.out.println("PROBE violation SQLSTATE " + expected.getSQLState());
        }
    }

    private static void insertMember(PreparedStatement insert, long id, String email) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, email);
        insert.setInt(3, 1);
        insert.executeUpdate();
    }
}
