package io.integrityagent.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The database servers the live tests run against: PostgreSQL and MariaDB on this machine. When one is not
 * reachable the test is skipped with one clear line — except on CI ({@code CI=true}), where an unreachable
 * server fails the run, so a green CI always means the live suite ran.
 */
final class LiveServers {

    static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRESQL_USER = "postgres";
    static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    static final String MYSQL_URL = "jdbc:mysql://127.0.0.1:3306/test";
    static final String MARIADB_USER = "root";

    private LiveServers() {
    }

    static void requirePostgresql() {
        require("PostgreSQL", 5432);
    }

    static void requireMariadb() {
        require("MariaDB", 3306);
    }

    private static void require(String name, int port) {
        if (reachable(port)) {
            return;
        }
        String line = name + " at 127.0.0.1:" + port + " is not reachable";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(line + " and CI=true: the live tests must run on CI");
        }
        System.out.println("SKIPPED live tests: " + line);
        Assumptions.abort(line);
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
