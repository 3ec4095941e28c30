package io.integrityagent.bench.run;

import io.integrityagent.bench.BenchDatabase;
import java.sql.PreparedStatement;

/**
 * The smallest application: open an H2 database, create a table, run one prepared insert, say so on stdout.
 * {@link StartupTimer} times JVM launch to that line, under each configuration.
 */
public final class FirstQuery {

    static final String DONE = "FIRST QUERY DONE";

    private FirstQuery() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchDatabase database = BenchDatabase.open("first")) {
            database.execute(BenchDatabase.ITEM_TABLE);
            try (PreparedStatement insert = database.connection().prepareStatement(BenchDatabase.INSERT_ITEM)) {
                insert.setLong(1, 1);
                insert.setString(2, "first");
                insert.setInt(3, 1);
                insert.executeUpdate();
            }
            System.out.println(DONE);
            System.out.flush();
        }
    }
}
