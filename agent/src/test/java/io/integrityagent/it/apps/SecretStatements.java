package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An application whose violating statements carry secrets in places where no literal can be paired with its
 * column for certain (issue 7, items 2 and 3). Every password holds ZEBRA and every token OKAPI or QUOKKA, so a
 * test can look for them anywhere the agent wrote. Each scenario is a method of its own, so the agent's call site
 * names it.
 *
 * <p>Arguments: h2, postgresql or mariadb; the server's JDBC URL; user; a name for the scratch database.
 */
public final class SecretStatements {

    public static void main(String[] args) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.open(args[0], args[1], args[2], args[3])) {
            db.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(100) NOT NULL,"
                    + " age INT, password VARCHAR(100), api_token VARCHAR(100), note VARCHAR(100),"
                    + " CONSTRAINT ck_users_age CHECK (age >= 18))",
                    "INSERT INTO users (id, email, name, age) VALUES (1, 'ada@x', 'Ada', 36)");
            Connection c = db.connection;
            insertWithoutColumnList(c);
            insertWithoutColumnListInTransaction(c);
            insertFromSelect(c);
            insertWithAnExpression(c);
            if (!db.system.equals("h2")) {
                upsertSettingAPassword(c, db.system);
            }
            if (db.system.equals("mariadb")) {
                db.execute("CREATE TABLE api_keys (id INT PRIMARY KEY, email VARCHAR(100), api_token VARCHAR(100),"
                        + " UNIQUE KEY k (email, api_token(6)))",
                        "INSERT INTO api_keys VALUES (1, 'b4@x', 'QUOKKA-first-9f8e')");
                tokenPrefixKeyInTransaction(c);
                tokenPrefixKeyLiteralInTransaction(c);
                db.execute("CREATE TABLE accounts (id INT PRIMARY KEY, login VARCHAR(50), password VARCHAR(100),"
                        + " CONSTRAINT uq_login_password UNIQUE (login, password))",
                        "INSERT INTO accounts VALUES (1, 'bob', 'pw-1-ZEBRA'), (2, 'carl', 'pw-1-ZEBRA')",
                        "CREATE TABLE staged_keys (id INT, e VARCHAR(100), t VARCHAR(100))",
                        "INSERT INTO staged_keys VALUES (4, 'b4@x', 'QUOKKA-fourth-3c2b')");
                keyOverAColumnNotSentInTransaction(c);
                keyFromSelectInTransaction(c);
            }
        }
    }

    /** In auto-commit mode: the catalog tells which value goes into which column. */
    static void insertWithoutColumnList(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users VALUES (31, 'c2@x', 'n', 10, 'pw-31-ZEBRA', 'tok-31-OKAPI', NULL)");
        } catch (SQLException e) {
            Fingerprint.caught("insertWithoutColumnList", e);
        }
    }

    /** In a transaction the agent does not ask the catalog: nothing tells which value is the password. */
    static void insertWithoutColumnListInTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users VALUES (35, 'c6@x', 'n', 10, 'pw-35-ZEBRA', 'tok-35-OKAPI', NULL)");
        } catch (SQLException e) {
            Fingerprint.caught("insertWithoutColumnListInTransaction", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    static void insertFromSelect(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, email, name, age, password) SELECT 32, 'c3@x', 'n', 10, 'pw-32-ZEBRA'");
        } catch (SQLException e) {
            Fingerprint.caught("insertFromSelect", e);
        }
    }

    static void insertWithAnExpression(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, email, name, age, password)"
                    + " VALUES (33, 'c4@x', 'n', 10, CONCAT('pw-33-ZEBRA', ''))");
        } catch (SQLException e) {
            Fingerprint.caught("insertWithAnExpression", e);
        }
    }

    /** The row exists, so the conflict clause runs: it sets the password and breaks the CHECK. */
    static void upsertSettingAPassword(Connection c, String system) {
        String conflict = system.equals("postgresql") ? " ON CONFLICT (id) DO UPDATE SET" : " ON DUPLICATE KEY UPDATE";
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, email, name, age) VALUES (1, 'c5@x', 'n', 40)" + conflict
                    + " password = 'pw-34-ZEBRA', age = 10");
        } catch (SQLException e) {
            Fingerprint.caught("upsertSettingAPassword", e);
        }
    }

    /** MariaDB prints the key over the token's first 6 characters: QUOKKA. */
    static void tokenPrefixKeyInTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (id, email, api_token) VALUES (?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "b4@x");
            ps.setString(3, "QUOKKA-second-7d6c");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("tokenPrefixKeyInTransaction", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    static void tokenPrefixKeyLiteralInTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_keys (id, email, api_token) VALUES (3, 'b4@x', 'QUOKKA-third-5b4a')");
        } catch (SQLException e) {
            Fingerprint.caught("tokenPrefixKeyLiteralInTransaction", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The key is over login and password; the UPDATE sends the login only, and MariaDB prints both. */
    static void keyOverAColumnNotSentInTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET login = ? WHERE id = ?")) {
            ps.setString(1, "bob");
            ps.setInt(2, 2);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("keyOverAColumnNotSentInTransaction", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** No value is sent and no column named: the key MariaDB prints holds the token's start. */
    static void keyFromSelectInTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO api_keys SELECT id, e, t FROM staged_keys");
        } catch (SQLException e) {
            Fingerprint.caught("keyFromSelectInTransaction", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
