package io.integrityagent.bench.run;

import io.integrityagent.bench.Attachment;
import io.integrityagent.bench.BenchDatabase;
import io.integrityagent.bench.DiscardingP6SpyLogger;
import io.integrityagent.bench.DiscardingQueryLogListener;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs each kind of statement the benchmarks run, once, under one configuration: the JVM checks its own
 * attachment ({@link Attachment}), and {@link AttachmentChecks} reads what the agents wrote about it.
 */
public final class AttachmentProbe {

    static final String OK = "PROBE OK";
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
                try {
                    insertMember(insert, 2, BenchDatabase.TAKEN_EMAIL);
                    throw new IllegalStateException("the probe's duplicate insert succeeded");
                } catch (SQLException expected) {
                    System.out.println("PROBE violation SQLSTATE " + expected.getSQLState());
                }
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
            System.out.println(OK + " " + database.configuration().id());
        }
    }

    private static void insertMember(PreparedStatement insert, long id, String email) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, email);
        insert.setInt(3, 1);
        insert.executeUpdate();
    }
}
