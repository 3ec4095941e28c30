package io.integrityagent.it.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database a run of the {@link ViolationCatalogue} works on, told by its JDBC URL: how to log in, where the
 * run's own tables live (a schema or database of its own on a shared server) and the DDL of the catalogue's tables,
 * where the databases' syntax or features differ.
 */
enum CatalogueDatabase {
    H2("jdbc:h2:", "sa"),
    POSTGRESQL("jdbc:postgresql:", "postgres"),
    MARIADB("jdbc:mariadb:", "root"),
    MYSQL("jdbc:mysql:", "root"),
    SQLITE("jdbc:sqlite:", null),
    HSQLDB("jdbc:hsqldb:", null),
    DERBY("jdbc:derby:", null);

    private final String urlPrefix;
    private final String user;

    CatalogueDatabase(String urlPrefix, String user) {
        this.urlPrefix = urlPrefix;
        this.user = user;
    }

    static CatalogueDatabase of(String url) {
        for (CatalogueDatabase database : values()) {
            if (url.startsWith(database.urlPrefix)) {
                return database;
            }
        }
        throw new IllegalArgumentException("the catalogue does not know the database of " + url);
    }

    boolean isMysqlFamily() {
        return this == MARIADB || this == MYSQL;
    }

    Connection open(String url) throws SQLException {
        Connection c = user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, "");
        if (isMysqlFamily()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'");
            }
        }
        return c;
    }

    /**
     * The URL of the run's own place on a server, {@code name}, after creating it; embedded databases are the
     * run's own already. SQLite's is a file of this JVM's, since each connection to {@code :memory:} has a database
     * of its own and the lookups run on a second connection.
     */
    String createPlace(String url, String name) throws SQLException, IOException {
        switch (this) {
            case POSTGRESQL:
                try (Connection c = open(url); Statement s = c.createStatement()) {
                    for (String schema : List.of(name, otherPlace(name))) {
                        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                        s.execute("CREATE SCHEMA " + schema);
                    }
                }
                return url + "?currentSchema=" + name;
            case MARIADB:
            case MYSQL:
                try (Connection c = open(url); Statement s = c.createStatement()) {
                    for (String database : List.of(name, otherPlace(name))) {
                        s.execute("DROP DATABASE IF EXISTS " + database);
                        s.execute("CREATE DATABASE " + database);
                    }
                }
                return url.substring(0, url.lastIndexOf('/') + 1) + name;
            case SQLITE:
                Files.deleteIfExists(sqliteFile(name));
                return "jdbc:sqlite:" + sqliteFile(name);
            default:
                return url;
        }
    }

    private static Path sqliteFile(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), name + "-" + ProcessHandle.current().pid() + ".db");
    }

    void dropPlace(String url, String name) throws SQLException, IOException {
        if (this == SQLITE) {
            Files.deleteIfExists(sqliteFile(name));
        }
        if (this == POSTGRESQL || isMysqlFamily()) {
            try (Connection c = open(url); Statement s = c.createStatement()) {
                for (String place : List.of(name, otherPlace(name))) {
                    s.execute(this == POSTGRESQL ? "DROP SCHEMA IF EXISTS " + place + " CASCADE"
                            : "DROP DATABASE IF EXISTS " + place);
                }
            }
        }
    }

    /**
     * The schema (MariaDB: database) beside the run's own, for a foreign key that crosses from one to the other;
     * null for SQLite, whose foreign keys cannot.
     */
    String otherPlace(String place) {
        switch (this) {
            case POSTGRESQL:
            case MARIADB:
            case MYSQL:
                return place + "_ref";
            case SQLITE:
                return null;
            default:
                return "REF_DATA";
        }
    }

    /**
     * The URL of a second connection for the counted batches, or null when they run on the main one: MariaDB
     * Connector/J's default bulk protocol fails a batch as a whole, so its update counts tell the failing entry
     * only with the protocol off.
     */
    String countedBatchUrl(String url) {
        return this == MARIADB ? url + "?useBulkStmts=false" : null;
    }

    /** Whether the database has a UUID type that {@code setObject} binds a {@link java.util.UUID} to. */
    boolean hasUuidType() {
        return this == H2 || this == POSTGRESQL || this == HSQLDB;
    }

    /** {@code name} as a quoted identifier of this database. */
    String quoted(String name) {
        return isMysqlFamily() ? "`" + name + "`" : "\"" + name + "\"";
    }

    /**
     * The qualified name of a catalogue table as a user would write it with quotes: the run's schema or database on a
     * server, the default schema of an embedded database.
     */
    String qualified(String place, String table) {
        switch (this) {
            case POSTGRESQL:
            case MARIADB:
            case MYSQL:
                return quoted(place) + "." + quoted(table);
            case SQLITE:
                return quoted("main") + "." + quoted(table);
            case DERBY:
                return quoted("APP") + "." + quoted(table.toUpperCase(java.util.Locale.ROOT));
            default:
                return quoted("PUBLIC") + "." + quoted(table.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A key over a value of every common type, each spelt differently as a literal by each database. */
    private String typedKeysTable() {
        String timestamp = isMysqlFamily() ? "DATETIME(3)" : "TIMESTAMP";
        String binary = this == POSTGRESQL ? "BYTEA" : this == DERBY ? "VARCHAR(8) FOR BIT DATA"
                : this == SQLITE ? "BLOB" : "VARBINARY(8)";
        String real = this == POSTGRESQL || this == H2 ? "DOUBLE PRECISION" : "DOUBLE";
        String uuid = hasUuidType() ? "UUID" : "CHAR(36)";
        return "CREATE TABLE typed_keys (id INT NOT NULL, d DATE NOT NULL, ts " + timestamp + " NOT NULL,"
                + " flag BOOLEAN NOT NULL, amount DECIMAL(10,2) NOT NULL, ratio " + real + " NOT NULL, bin " + binary
                + " NOT NULL, code VARCHAR(20) NOT NULL, u " + uuid + " NOT NULL, CONSTRAINT pk_typed_keys PRIMARY KEY"
                + " (id), CONSTRAINT uq_typed_keys UNIQUE (d, ts, flag, amount, ratio, bin, code, u))";
    }

    /** Every constraint is named, so that no generated name (Derby's hold a UUID) makes two runs differ. */
    List<String> schema(String place) {
        List<String> ddl = new ArrayList<>();
        if (this == SQLITE) {
            ddl.add("PRAGMA foreign_keys = ON"); // off by default: SQLite would not check them at all
        }
        ddl.add("CREATE TABLE customers (id INT NOT NULL, name VARCHAR(100) NOT NULL,"
                + " CONSTRAINT pk_customers PRIMARY KEY (id))");
        ddl.add("CREATE TABLE orders (id INT NOT NULL, customer_id INT NOT NULL, CONSTRAINT pk_orders PRIMARY KEY (id),"
                + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))");
        // Only MariaDB names an unnamed column CHECK after its column; the others generate a name.
        String age = isMysqlFamily() ? "age INT CHECK (age < 150)" : "age INT";
        ddl.add("CREATE TABLE users (id INT NOT NULL, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL, "
                + age + ", password VARCHAR(100), CONSTRAINT pk_users PRIMARY KEY (id),"
                + " CONSTRAINT uq_users_email UNIQUE (email), CONSTRAINT ck_users_age CHECK (age >= 18))");
        ddl.add("CREATE TABLE memberships (team VARCHAR(50) NOT NULL, member VARCHAR(50) NOT NULL, role VARCHAR(50),"
                + " CONSTRAINT uq_memberships_team_member UNIQUE (team, member))");
        ddl.add("CREATE TABLE tags (id INT NOT NULL, label VARCHAR(50), CONSTRAINT pk_tags PRIMARY KEY (id))");
        ddl.add("CREATE UNIQUE INDEX ix_tags_label ON tags (label)");
        // A unique constraint on a nullable column: Derby backs it with an index it reports as not unique.
        ddl.add("CREATE TABLE profiles (id INT NOT NULL, handle VARCHAR(50), CONSTRAINT pk_profiles PRIMARY KEY (id),"
                + " CONSTRAINT uq_profiles_handle UNIQUE (handle))");
        ddl.add("CREATE TABLE api_clients (id INT NOT NULL, api_token VARCHAR(100) NOT NULL,"
                + " CONSTRAINT pk_api_clients PRIMARY KEY (id), CONSTRAINT uq_api_clients_token UNIQUE (api_token))");
        ddl.add("CREATE TABLE token_grants (id INT NOT NULL, api_token VARCHAR(100) NOT NULL,"
                + " CONSTRAINT pk_token_grants PRIMARY KEY (id), CONSTRAINT fk_token_grants_client"
                + " FOREIGN KEY (api_token) REFERENCES api_clients (api_token))");
        ddl.add("CREATE TABLE client_keys (id INT NOT NULL, tenant_id INT NOT NULL, api_token VARCHAR(200) NOT NULL,"
                + " CONSTRAINT pk_client_keys PRIMARY KEY (id),"
                + " CONSTRAINT uq_client_keys_tenant UNIQUE (tenant_id, api_token))");
        ddl.add(typedKeysTable());
        ddl.add("CREATE TABLE " + quoted("Order Lines") + " (" + quoted("Line No") + " INT NOT NULL, item VARCHAR(50),"
                + " CONSTRAINT pk_order_lines PRIMARY KEY (" + quoted("Line No") + "))");
        // Names that would be regular, were they not quoted in a case the database does not fold to.
        ddl.add("CREATE TABLE " + quoted("Handles") + " (" + quoted("Id") + " INT NOT NULL, " + quoted("Handle")
                + " VARCHAR(50) NOT NULL, CONSTRAINT pk_handles PRIMARY KEY (" + quoted("Id") + "),"
                + " CONSTRAINT uq_handles_handle UNIQUE (" + quoted("Handle") + "))");
        if (this == POSTGRESQL) {
            ddl.add("CREATE TABLE shipments (id int PRIMARY KEY, order_id int NOT NULL,"
                    + " CONSTRAINT fk_shipments_order FOREIGN KEY (order_id) REFERENCES orders (id)"
                    + " DEFERRABLE INITIALLY DEFERRED)");
            ddl.add("CREATE TABLE bookings (id int PRIMARY KEY, room text NOT NULL, during tsrange NOT NULL,"
                    + " CONSTRAINT ex_bookings_overlap EXCLUDE USING gist (during WITH &&))");
        }
        String other = otherPlace(place);
        if (other != null) {
            if (!isMysqlFamily() && this != POSTGRESQL) {
                ddl.add("CREATE SCHEMA " + other);
            }
            ddl.add("CREATE TABLE " + other + ".regions (id INT NOT NULL, name VARCHAR(50) NOT NULL,"
                    + " CONSTRAINT pk_regions PRIMARY KEY (id))");
            ddl.add("CREATE TABLE depots (id INT NOT NULL, region_id INT NOT NULL, CONSTRAINT pk_depots"
                    + " PRIMARY KEY (id), CONSTRAINT fk_depots_region FOREIGN KEY (region_id) REFERENCES " + other
                    + ".regions (id))");
            ddl.add("INSERT INTO " + other + ".regions VALUES (1, 'North')");
            ddl.add("INSERT INTO depots VALUES (1, 1)");
        }
        ddl.add("INSERT INTO customers VALUES (1, 'Ada Lovelace')");
        ddl.add("INSERT INTO orders VALUES (100, 1)");
        ddl.add("INSERT INTO users VALUES (1, 'Ada', 'ada@example.com', 36, 's3cret-ada')");
        ddl.add("INSERT INTO memberships VALUES ('core-api', 'ada', 'lead')");
        ddl.add("INSERT INTO tags VALUES (1, 'urgent')");
        ddl.add("INSERT INTO profiles VALUES (1, 'ann')");
        ddl.add("INSERT INTO tags VALUES (5, '" + ViolationCatalogue.TWO_LINE_LABEL + "')");
        ddl.add("INSERT INTO tags VALUES (7, '" + ViolationCatalogue.TAGGED_LABEL + "')");
        ddl.add("INSERT INTO " + quoted("Order Lines") + " VALUES (1, 'first line')");
        ddl.add("INSERT INTO " + quoted("Handles") + " VALUES (1, 'ann')");
        ddl.add("INSERT INTO api_clients VALUES (1, '" + ViolationCatalogue.SHORT_TOKEN + "')");
        ddl.add("INSERT INTO token_grants VALUES (1, '" + ViolationCatalogue.SHORT_TOKEN + "')");
        ddl.add("INSERT INTO client_keys VALUES (1, 7, '" + ViolationCatalogue.LONG_TOKEN + "')");
        if (this == POSTGRESQL) {
            ddl.add("INSERT INTO bookings VALUES (1, 'Blue', '[2024-05-01 10:00, 2024-05-01 12:00)')");
        }
        return ddl;
    }
}
