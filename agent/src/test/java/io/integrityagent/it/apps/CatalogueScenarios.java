package io.integrityagent.it.apps;

import java.io.OutputStream;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;

/**
 * The scenarios of the {@link ViolationCatalogue}, one method each, named like the scenario: every kind of
 * violation through every way of executing a statement, at commit and through wrappers, plus statements that
 * succeed and errors that are not violations. Each prints what the application can observe ({@link Fingerprint}).
 */
public final class CatalogueScenarios {

    /** Where Derby writes its log instead of a derby.log in the working directory. */
    public static final OutputStream DERBY_LOG = OutputStream.nullOutputStream();

    private static final String INSERT_USER = "INSERT INTO users (id, name, email, age) VALUES (?, ?, ?, ?)";

    private CatalogueScenarios() {
    }

    /** What a scenario works with: the database, the URL of the run's own place on it, and its connections. */
    public static final class Run {
        final CatalogueDatabase database;
        /** The run's own schema or database on a server. */
        final String place;
        final String url;
        final Connection c;
        /** The connection whose batches must report the failing entry by their update counts. */
        final Connection counted;

        Run(CatalogueDatabase database, String place, String url, Connection c, Connection counted) {
            this.database = database;
            this.place = place;
            this.url = url;
            this.c = c;
            this.counted = counted;
        }
    }

    static void uniqueViaPreparedExecuteUpdate(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(
                "INSERT INTO users (id, name, email, age, password) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "Ada Twin");
            ps.setString(3, "ada@example.com");
            ps.setInt(4, 30);
            ps.setString(5, "hunter2-twin");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("uniqueViaPreparedExecuteUpdate", e);
        }
    }

    static void primaryKeyViaPreparedExecute(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada Again");
            ps.execute();
        } catch (SQLException e) {
            Fingerprint.caught("primaryKeyViaPreparedExecute", e);
        }
    }

    /** A unique index that no constraint owns. */
    static void uniqueIndexViolated(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO tags (id, label) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, "urgent");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("uniqueIndexViolated", e);
        }
    }

    /** The team holds the separator MariaDB prints between a key's parts: its message cannot be split. */
    static void compositeUniqueKey(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(
                "INSERT INTO memberships (team, member, role) VALUES (?, ?, ?)")) {
            ps.setString(1, "core-api");
            ps.setString(2, "ada");
            ps.setString(3, "reviewer");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("compositeUniqueKey", e);
        }
    }

    static void uniqueViaPlainStatementLiterals(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.execute("INSERT INTO users (id, name, email, age) VALUES (3, 'Grace', 'ada@example.com', 45)");
        } catch (SQLException e) {
            Fingerprint.caught("uniqueViaPlainStatementLiterals", e);
        }
    }

    static void uniqueOnNullableColumn(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.execute("INSERT INTO profiles (id, handle) VALUES (2, 'ann')");
        } catch (SQLException e) {
            Fingerprint.caught("uniqueOnNullableColumn", e);
        }
    }

    /** The same values twice: the lookup compares a date, a timestamp, a boolean, numbers, bytes, text and a UUID. */
    static void uniqueOverEveryType(Run r) throws SQLException {
        String insert = "INSERT INTO typed_keys (id, d, ts, flag, amount, ratio, bin, code, u)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = r.c.prepareStatement(insert)) {
            for (int id = 1; id <= 2; id++) {
                ps.setInt(1, id);
                ps.setDate(2, java.sql.Date.valueOf("2024-05-01"));
                ps.setTimestamp(3, java.sql.Timestamp.valueOf("2024-05-01 10:30:00.125"));
                ps.setBoolean(4, true);
                ps.setBigDecimal(5, new java.math.BigDecimal("19.99"));
                ps.setDouble(6, 0.5);
                ps.setBytes(7, new byte[] {0x0a, (byte) 0xff, 0x00});
                ps.setString(8, "O'Brien \\ x");
                java.util.UUID uuid = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
                if (r.database.hasUuidType()) {
                    ps.setObject(9, uuid);
                } else {
                    ps.setString(9, uuid.toString());
                }
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            Fingerprint.caught("uniqueOverEveryType", e);
        }
    }

    /** The statement names the table with its schema (MariaDB: database), both quoted. */
    static void primaryKeyInQualifiedTable(Run r) {
        String table = r.database.qualified(r.place, "customers");
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada Qualified");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("primaryKeyInQualifiedTable", e);
        }
    }

    /** A table and a column whose names only quotes can write. */
    static void primaryKeyOfQuotedNames(Run r) {
        String sql = "INSERT INTO " + r.database.quoted("Order Lines") + " (" + r.database.quoted("Line No")
                + ", item) VALUES (?, ?)";
        try (PreparedStatement ps = r.c.prepareStatement(sql)) {
            ps.setInt(1, 1);
            ps.setString(2, "second first line");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("primaryKeyOfQuotedNames", e);
        }
    }

    /** Without a column list: the values pair with the columns only through the catalog, asked by exact name. */
    static void uniqueOfMixedCaseQuotedNames(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.execute("INSERT INTO " + r.database.quoted("Handles") + " VALUES (2, 'ann')");
        } catch (SQLException e) {
            Fingerprint.caught("uniqueOfMixedCaseQuotedNames", e);
        }
    }

    /** The lookup compares a value holding a line break, which the log must not write raw. */
    static void newlineInKeyValue(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO tags (id, label) VALUES (?, ?)")) {
            ps.setInt(1, 6);
            ps.setString(2, ViolationCatalogue.TWO_LINE_LABEL);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("newlineInKeyValue", e);
        }
    }

    static void tagCharacterInKeyValue(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO tags (id, label) VALUES (?, ?)")) {
            ps.setInt(1, 8);
            ps.setString(2, ViolationCatalogue.TAGGED_LABEL);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("tagCharacterInKeyValue", e);
        }
    }

    static void foreignKeyMissingParentViaPreparedExecute(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setLong(1, 101L);
            ps.setInt(2, 42);
            ps.execute();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyMissingParentViaPreparedExecute", e);
        }
    }

    /** The same missing parent through the assignment of an UPDATE. */
    static void foreignKeyMissingParentViaUpdate(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("UPDATE orders SET customer_id = ? WHERE id = ?")) {
            ps.setInt(1, 43);
            ps.setInt(2, 100);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyMissingParentViaUpdate", e);
        }
    }

    static void foreignKeyParentStillReferenced(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyParentStillReferenced", e);
        }
    }

    /** An UPDATE of a parent's key that rows still refer to: refused on the parent side. */
    static void foreignKeyParentKeyUpdated(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("UPDATE customers SET id = ? WHERE id = ?")) {
            ps.setInt(1, 2);
            ps.setInt(2, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyParentKeyUpdated", e);
        }
    }

    /** The missing parent's key is computed by the database: only its message can tell the value (51). */
    static void foreignKeyValueComputedByTheDatabase(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.executeUpdate("UPDATE orders SET customer_id = (SELECT MAX(id) + 50 FROM customers) WHERE id = 100");
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyValueComputedByTheDatabase", e);
        }
    }

    /** The parent table lives in another schema: the lookup must name it there. */
    static void foreignKeyToAnotherSchema(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO depots (id, region_id) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setInt(2, 9);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyToAnotherSchema", e);
        }
    }

    /** Deleting a parent of another schema that a table of the run's own still references. */
    static void foreignKeyFromAnotherSchema(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(
                "DELETE FROM " + r.database.otherPlace(r.place) + ".regions WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("foreignKeyFromAnotherSchema", e);
        }
    }

    static void notNullBoundAsNull(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(INSERT_USER)) {
            ps.setInt(1, 4);
            ps.setNull(2, Types.VARCHAR);
            ps.setString(3, "nameless@example.com");
            ps.setInt(4, 20);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("notNullBoundAsNull", e);
        }
    }

    static void notNullColumnLeftOut(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.executeUpdate("INSERT INTO users (id, email, age) VALUES (5, 'noname@example.com', 20)");
        } catch (SQLException e) {
            Fingerprint.caught("notNullColumnLeftOut", e);
        }
    }

    static void checkFailed(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(INSERT_USER)) {
            ps.setInt(1, 6);
            ps.setString(2, "Young");
            ps.setString(3, "young@example.com");
            ps.setInt(4, 12);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("checkFailed", e);
        }
    }

    /** The agent must not ask the catalog inside the application's transaction. */
    static void checkFailedInsideTransaction(Run r) throws SQLException {
        r.c.setAutoCommit(false);
        try (PreparedStatement ps = r.c.prepareStatement(INSERT_USER)) {
            ps.setInt(1, 7);
            ps.setString(2, "Younger");
            ps.setString(3, "younger@example.com");
            ps.setInt(4, 11);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("checkFailedInsideTransaction", e);
            r.c.rollback();
        } finally {
            r.c.setAutoCommit(true);
        }
    }

    /** A duplicate where the agent may not ask the catalog which constraint a named index belongs to. */
    static void uniqueInsideTransaction(Run r) throws SQLException {
        r.c.setAutoCommit(false);
        try (PreparedStatement ps = r.c.prepareStatement(INSERT_USER)) {
            ps.setInt(1, 8);
            ps.setString(2, "Ada in a transaction");
            ps.setString(3, "ada@example.com");
            ps.setInt(4, 30);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("uniqueInsideTransaction", e);
            r.c.rollback();
        } finally {
            r.c.setAutoCommit(true);
        }
    }

    /** PostgreSQL's Detail lists the whole updated row, stored password included. */
    static void checkFailedOnUpdate(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("UPDATE users SET age = ? WHERE id = ?")) {
            ps.setInt(1, 12);
            ps.setInt(2, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("checkFailedOnUpdate", e);
        }
    }

    /** The row an UPDATE targets exists: its lookup finds it. */
    static void notNullOnUpdate(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("UPDATE users SET name = ? WHERE id = ?")) {
            ps.setNull(1, Types.VARCHAR);
            ps.setInt(2, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("notNullOnUpdate", e);
        }
    }

    /** An unnamed CHECK on the column, which MariaDB names after the column. */
    static void columnCheckFailed(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("UPDATE users SET age = ? WHERE id = ?")) {
            ps.setInt(1, 200);
            ps.setInt(2, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("columnCheckFailed", e);
        }
    }

    static void exclusionOverlappingRange(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(
                "INSERT INTO bookings (id, room, during) VALUES (?, ?, ?::tsrange)")) {
            ps.setInt(1, 2);
            ps.setString(2, "Green");
            ps.setString(3, "[2024-05-01 11:00, 2024-05-01 13:00)");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("exclusionOverlappingRange", e);
        }
    }

    static void batchWithFailingMiddleEntry(Run r) {
        try (PreparedStatement ps = r.counted.prepareStatement(INSERT_USER)) {
            addUsers(ps, 10, "first@example.com", "ada@example.com", "third@example.com");
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchWithFailingMiddleEntry", e);
        }
    }

    static void batchWithTwoFailingEntries(Run r) {
        try (PreparedStatement ps = r.counted.prepareStatement(INSERT_USER)) {
            addUsers(ps, 20, "b1@example.com", "ada@example.com", "b3@example.com", "first@example.com");
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchWithTwoFailingEntries", e);
        }
    }

    /** On the connection with the driver's default URL options. */
    static void batchWithDriverDefaults(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(INSERT_USER)) {
            addUsers(ps, 30, "d1@example.com", "ada@example.com", "d3@example.com");
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchWithDriverDefaults", e);
        }
    }

    /** What Hibernate sends with hibernate.jdbc.batch_size set: every flush is a batch, often of one entry. */
    static void batchOfOneEntry(Run r) {
        try (PreparedStatement ps = r.counted.prepareStatement(INSERT_USER)) {
            addUsers(ps, 40, "ada@example.com");
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("batchOfOneEntry", e);
        }
    }

    private static void addUsers(PreparedStatement ps, int firstId, String... emails) throws SQLException {
        for (int i = 0; i < emails.length; i++) {
            ps.setInt(1, firstId + i);
            ps.setString(2, "Batch " + i);
            ps.setString(3, emails[i]);
            ps.setInt(4, 20 + i);
            ps.addBatch();
        }
    }

    static void plainStatementBatch(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (200, 1)");
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (201, 77)");
            s.addBatch("INSERT INTO orders (id, customer_id) VALUES (202, 1)");
            s.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("plainStatementBatch", e);
        }
    }

    /** With logServerErrorDetail=false pgjdbc keeps the Detail and the entry's SQL out of its messages. */
    static void batchWithoutServerDetailInMessages(Run r) throws SQLException {
        try (Connection quiet = r.database.open(r.url + "&logServerErrorDetail=false");
             PreparedStatement ps = quiet.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            for (int id : new int[] {20, 1, 21}) {
                ps.setInt(1, id);
                ps.setString(2, "Quiet " + id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            Fingerprint.caught("batchWithoutServerDetailInMessages", e);
        }
    }

    /** With reWriteBatchedInserts=true pgjdbc numbers the multi-row INSERTs it sent, not the entries. */
    static void batchRewrittenIntoMultiRowInserts(Run r) throws SQLException {
        try (Connection rewriting = r.database.open(r.url + "&reWriteBatchedInserts=true");
             PreparedStatement ps = rewriting.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            for (int id : new int[] {30, 1, 31}) {
                ps.setInt(1, id);
                ps.setString(2, "Rewritten " + id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            Fingerprint.caught("batchRewrittenIntoMultiRowInserts", e);
        }
    }

    static void throughForwardingWrapper(Run r) {
        Connection wrapped = new ForwardingConnection(r.c);
        try (PreparedStatement ps = wrapped.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setInt(1, 300);
            ps.setInt(2, 4242);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("throughForwardingWrapper", e);
        }
    }

    /** The foreign key is checked only when the transaction commits. */
    static void deferredForeignKeyAtCommit(Run r) throws SQLException {
        r.c.setAutoCommit(false);
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO shipments (id, order_id) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setInt(2, 999);
            Fingerprint.result("deferredInsert", ps.executeUpdate());
            r.c.commit();
        } catch (SQLException e) {
            Fingerprint.caught("deferredForeignKeyAtCommit", e);
        } finally {
            r.c.setAutoCommit(true);
        }
    }

    static void deferredForeignKeyAtCommitThroughWrapper(Run r) throws SQLException {
        Connection wrapped = new ForwardingConnection(r.c);
        wrapped.setAutoCommit(false);
        try (PreparedStatement ps = wrapped.prepareStatement("INSERT INTO shipments (id, order_id) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setInt(2, 998);
            Fingerprint.result("deferredInsertThroughWrapper", ps.executeUpdate());
            wrapped.commit();
        } catch (SQLException e) {
            Fingerprint.caught("deferredForeignKeyAtCommitThroughWrapper", e);
        } finally {
            wrapped.setAutoCommit(true);
        }
    }

    /** Switching autocommit on commits the open transaction, and with it checks the deferred constraint. */
    static void deferredForeignKeyWhenAutocommitIsSwitchedOn(Run r) throws SQLException {
        r.c.setAutoCommit(false);
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO shipments (id, order_id) VALUES (?, ?)")) {
            ps.setInt(1, 4);
            ps.setInt(2, 997);
            Fingerprint.result("deferredInsertBeforeAutocommit", ps.executeUpdate());
            r.c.setAutoCommit(true);
        } catch (SQLException e) {
            Fingerprint.caught("deferredForeignKeyWhenAutocommitIsSwitchedOn", e);
        }
        Fingerprint.result("autocommitAfterFailedSwitch", r.c.getAutoCommit());
        r.c.setAutoCommit(true);
    }

    static void secretValues(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO api_clients (id, api_token) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setString(2, ViolationCatalogue.SHORT_TOKEN);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("secretValues", e);
        }
    }

    static void secretLiteralInPlainStatement(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.execute("INSERT INTO api_clients (id, api_token) VALUES (3, '" + ViolationCatalogue.SHORT_TOKEN + "')");
        } catch (SQLException e) {
            Fingerprint.caught("secretLiteralInPlainStatement", e);
        }
    }

    static void longSecretCutShortByTheDatabase(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(
                "INSERT INTO client_keys (id, tenant_id, api_token) VALUES (?, ?, ?)")) {
            ps.setInt(1, 2);
            ps.setInt(2, 7);
            ps.setString(3, ViolationCatalogue.LONG_TOKEN);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("longSecretCutShortByTheDatabase", e);
        }
    }

    static void secretInBatchWithDriverDefaults(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement(
                "INSERT INTO client_keys (id, tenant_id, api_token) VALUES (?, ?, ?)")) {
            String[] tokens = {"tok-fresh-1", ViolationCatalogue.LONG_TOKEN, "tok-fresh-3"};
            for (int i = 0; i < tokens.length; i++) {
                ps.setInt(1, 10 + i);
                ps.setInt(2, 7);
                ps.setString(3, tokens[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            Fingerprint.caught("secretInBatchWithDriverDefaults", e);
        }
    }

    /** The statement names only the id; the token can come from the database's message alone. */
    static void secretKnownOnlyToTheDatabase(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("DELETE FROM api_clients WHERE id = ?")) {
            ps.setInt(1, 1);
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("secretKnownOnlyToTheDatabase", e);
        }
    }

    static void newlineInBoundValue(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Mallory\nWARN integrity - forged line\r\u001b[31m");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("newlineInBoundValue", e);
        }
    }

    /**
     * A violation aborts a PostgreSQL transaction: the server then refuses everything but a rollback. What the
     * server last ran on the connection, seen from a second one, shows that nothing ran after the failed statement.
     */
    static void violationAbortsTransaction(Run r) throws SQLException {
        int backend = backendPid(r);
        r.c.setAutoCommit(false);
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada in a transaction");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("violationAbortsTransaction", e);
        }
        Fingerprint.result("lastOnConnectionAfterViolation", lastStatementOf(r, backend));
        try (Statement s = r.c.createStatement()) {
            s.execute("SELECT count(*) FROM customers");
        } catch (SQLException e) {
            Fingerprint.caught("statementInAbortedTransaction", e);
        }
        r.c.rollback();
        r.c.setAutoCommit(true);
        try (Statement s = r.c.createStatement(); ResultSet count = s.executeQuery("SELECT count(*) FROM customers")) {
            count.next();
            Fingerprint.result("customersAfterRollback", count.getInt(1));
        }
    }

    /**
     * The same with the transaction begun by the application's own BEGIN: the driver still reports auto-commit,
     * while the server holds the transaction the violation aborted. Without a column list the INSERT is one whose
     * values the agent pairs with the catalog's column order when it may ask.
     */
    static void violationAbortsTransactionBegunBySql(Run r) throws SQLException {
        int backend = backendPid(r);
        try (Statement s = r.c.createStatement()) {
            s.execute("BEGIN");
        }
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO customers VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "Ada in a transaction");
            ps.executeUpdate();
        } catch (SQLException e) {
            Fingerprint.caught("violationAbortsTransactionBegunBySql", e);
        }
        Fingerprint.result("lastOnConnectionAfterViolationInSqlTransaction", lastStatementOf(r, backend));
        try (Statement s = r.c.createStatement()) {
            s.execute("ROLLBACK");
        }
    }

    private static int backendPid(Run r) throws SQLException {
        try (Statement s = r.c.createStatement(); ResultSet pid = s.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }

    /** What the server last ran on a connection, and its state, seen from a second connection. */
    private static String lastStatementOf(Run r, int backend) throws SQLException {
        try (Connection monitor = r.database.open(r.url);
             PreparedStatement activity = monitor.prepareStatement(
                     "SELECT state, query FROM pg_stat_activity WHERE pid = ?")) {
            activity.setInt(1, backend);
            try (ResultSet row = activity.executeQuery()) {
                row.next();
                return row.getString(1) + " | " + row.getString(2);
            }
        }
    }

    static void successfulStatements(Run r) throws SQLException {
        try (PreparedStatement insert = r.c.prepareStatement(INSERT_USER)) {
            insert.setInt(1, 50);
            insert.setString(2, "Grace");
            insert.setString(3, "grace@example.com");
            insert.setInt(4, 45);
            Fingerprint.result("successfulInsert", insert.executeUpdate());
            insert.setInt(1, 51);
            insert.setString(3, "grace2@example.com");
            insert.addBatch();
            insert.setInt(1, 52);
            insert.setString(3, "grace3@example.com");
            insert.addBatch();
            Fingerprint.result("successfulBatch", Arrays.toString(insert.executeBatch()));
        }
        try (Statement s = r.c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id, email FROM users ORDER BY id")) {
            StringBuilder all = new StringBuilder();
            while (rows.next()) {
                all.append(rows.getInt(1)).append('=').append(rows.getString(2)).append(' ');
            }
            Fingerprint.result("successfulQuery", all.toString().trim());
        }
    }

    static void successfulCommit(Run r) throws SQLException {
        r.c.setAutoCommit(false);
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO orders (id, customer_id) VALUES (?, ?)")) {
            ps.setInt(1, 103);
            ps.setInt(2, 1);
            ps.executeUpdate();
            r.c.commit();
            Fingerprint.result("successfulCommit", "committed");
        } finally {
            r.c.setAutoCommit(true);
        }
    }

    static void syntaxError(Run r) {
        try (Statement s = r.c.createStatement()) {
            s.execute("INSRT INTO users VALUES (1)");
        } catch (SQLException e) {
            Fingerprint.caught("syntaxError", e);
        }
    }

    static void divisionByZero(Run r) {
        try (PreparedStatement ps = r.c.prepareStatement("SELECT 1 / ? FROM customers")) {
            ps.setInt(1, 0);
            try (ResultSet rows = ps.executeQuery()) {
                Fingerprint.result("divisionByZero", rows.next() ? rows.getString(1) : "no row");
            }
        } catch (SQLException e) {
            Fingerprint.caught("divisionByZero", e);
        }
    }

    /** MariaDB Connector/J throws a constraint-violation exception for this (SQLSTATE 21000); it is none. */
    static void subqueryReturnsMoreThanOneRow(Run r) {
        try (Statement s = r.c.createStatement();
             ResultSet rows = s.executeQuery("SELECT (SELECT id FROM users) FROM customers")) {
            Fingerprint.result("subqueryReturnsMoreThanOneRow", rows.next() ? rows.getString(1) : "no row");
        } catch (SQLException e) {
            Fingerprint.caught("subqueryReturnsMoreThanOneRow", e);
        }
    }

    /** A retry loop that keeps failing the same way: explained once, then summarised. */
    static void repeatedViolations(Run r) throws SQLException {
        int times = 25;
        try (PreparedStatement ps = r.c.prepareStatement("INSERT INTO customers (id, name) VALUES (?, ?)")) {
            for (int i = 0; i < times; i++) {
                ps.setInt(1, 1);
                ps.setString(2, "Repeat " + i);
                try {
                    ps.executeUpdate();
                } catch (SQLException expected) {
                    // the same failure again
                }
            }
        }
        Fingerprint.result("repeatedViolations", times);
    }

    /** Which rows the batches and single statements left behind: the same with and without the agent. */
    static void rowsKept(Run r) throws SQLException {
        StringBuilder kept = new StringBuilder();
        try (Statement s = r.c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id FROM users UNION ALL SELECT id FROM orders ORDER BY 1")) {
            while (rows.next()) {
                kept.append(rows.getInt(1)).append(' ');
            }
        }
        Fingerprint.result("rowsKept", kept.toString().trim());
    }
}
