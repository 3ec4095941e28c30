package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.bootstrap.CaptureHolder;
import io.integrityagent.bootstrap.Hooks;
import io.integrityagent.bootstrap.JdbcHooks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transformer applied to a real driver's class files (H2's), defined and verified by the JVM in a class
 * loader of their own, with hooks that record what they are told.
 */
class JdbcTransformerTest {

    private final List<String> failures = new ArrayList<>();
    private final JdbcTransformer transformer = readyTransformer(
            new InstrumentationFailures(() -> failures.add("counted")));
    private final RecordingHooks recorded = new RecordingHooks();
    private JdbcHooks installed;

    private static JdbcTransformer readyTransformer(InstrumentationFailures failures) {
        JdbcInstrumentation jdbc = new JdbcInstrumentation(null, failures);
        jdbc.rewriteFromNow();
        return jdbc.transformer();
    }

    @BeforeEach
    void recordHooks() {
        installed = Hooks.jdbc;
        Hooks.jdbc = recorded;
    }

    @AfterEach
    void restoreHooks() {
        Hooks.jdbc = installed;
    }

    @Test
    void aPreparedInsertReportsItsSqlBindsAndExecutionInOrder() throws Exception {
        try (Connection connection = h2Connection("binds")) {
            connection.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), n BIGINT)");
            recorded.calls.clear();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                insert.setInt(1, 7);
                insert.setString(2, "seven");
                insert.setLong(3, 70L);
                assertEquals(1, insert.executeUpdate());
            }
        }
        assertEquals(List.of("prepared INSERT INTO t VALUES (?, ?, ?)", "boundInt 1 7", "boundObject 2 seven",
                "boundLong 3 70", "executing", "executed null null"), recorded.calls.subList(0, 6));
        assertTrue(recorded.calls.contains("closed"));
        assertEquals(List.of(), failures);
    }

    @Test
    void aFailingExecutionHandsTheHooksTheVeryExceptionTheApplicationGets() throws Exception {
        try (Connection connection = h2Connection("failing")) {
            Statement statement = connection.createStatement();
            statement.execute("CREATE TABLE u (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO u VALUES (1)");
            recorded.calls.clear();

            SQLException thrown = assertThrows(SQLException.class, () -> statement.execute("INSERT INTO u VALUES (1)"));

            assertEquals(List.of("executing", "executed INSERT INTO u VALUES (1) " + thrown.getClass().getName()),
                    recorded.calls);
            assertSame(thrown, recorded.lastThrown);
        }
    }

    @Test
    void batchesAndCommitsArePairedUp() throws Exception {
        List<String> calls;
        try (Connection connection = h2Connection("batch")) {
            connection.createStatement().execute("CREATE TABLE b (id INT PRIMARY KEY)");
            connection.setAutoCommit(false);
            recorded.calls.clear();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO b VALUES (?)")) {
                insert.setInt(1, 1);
                insert.addBatch();
                insert.executeBatch();
            }
            connection.commit();
            calls = List.copyOf(recorded.calls);
        }
        assertEquals(List.of("prepared INSERT INTO b VALUES (?)", "boundInt 1 1", "addingBatch", "batchEntryAdded",
                "executingBatch", "executedBatch null"), calls.subList(0, 6));
        assertEquals(List.of("executing", "committed null"), calls.subList(calls.size() - 2, calls.size()));
    }

    @Test
    void aStatementClassGetsACaptureField() throws Exception {
        try (Connection connection = h2Connection("field")) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
                assertTrue(statement instanceof CaptureHolder);
                CaptureHolder holder = (CaptureHolder) statement;
                assertNull(holder.integrity$capture());
                holder.integrity$capture("kept");
                assertEquals("kept", holder.integrity$capture());
            }
        }
    }

    /** The driver's statement behind them records everything once; the proxies' own records were a copy. */
    @Test
    void poolsProxyStatementsAndConnectionsAreLeftAsTheyAre() throws Exception {
        for (String proxy : List.of("com.zaxxer.hikari.pool.HikariProxyPreparedStatement",
                "com.zaxxer.hikari.pool.HikariProxyConnection", "org.apache.commons.dbcp2.DelegatingPreparedStatement",
                "com.mchange.v2.c3p0.impl.NewProxyPreparedStatement", "io.agroal.pool.wrapper.StatementWrapper")) {
            assertNull(transform(Class.forName(proxy, false, getClass().getClassLoader())), proxy);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void classFilesNamingNeitherJavaSqlNorLoadClassArePassedOver() throws Exception {
        assertNull(transformer.transform(null, getClass().getClassLoader(), "java/lang/Object", null, null,
                classFile(Plain.class)));
        assertNull(transform(Plain.class));
    }

    @Test
    void aClassLoaderAsksTheBootstrapLoaderForTheBootstrapPackageAndOtherwiseGoesItsOwnWay() throws Exception {
        byte[] transformed = transform(OwnWayLoader.class);
        assertTrue(transformed != null, "a loader overriding loadClass is transformed");
        Class<?> loaderType = new DefiningLoader(OwnWayLoader.class.getName(), transformed).loadClass(
                OwnWayLoader.class.getName());
        ClassLoader loader = (ClassLoader) loaderType.getDeclaredConstructor().newInstance();

        // Not in the bootstrap loader in a unit test: the loader's own way answers, as it would have.
        ClassNotFoundException notThere = assertThrows(ClassNotFoundException.class,
                () -> loader.loadClass(Hooks.class.getName()));
        assertEquals("own way: " + Hooks.class.getName(), notThere.getMessage());
        assertSame(String.class, loader.loadClass("java.lang.String"));
    }

    static class Plain {
        int answer() {
            return 42;
        }
    }

    /** Refuses every name that is not the JDK's: as an OSGi bundle's loader would the bootstrap package. */
    public static class OwnWayLoader extends ClassLoader {
        public OwnWayLoader() {
            super(null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("java.")) {
                return super.loadClass(name, resolve);
            }
            throw new ClassNotFoundException("own way: " + name);
        }
    }

    private Connection h2Connection(String name) throws Exception {
        URL h2 = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader drivers = new TransformingLoader(new URL[] {h2}, getClass().getClassLoader(), transformer);
        Driver driver = (Driver) drivers.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
        return driver.connect("jdbc:h2:mem:" + name, new Properties());
    }

    private byte[] transform(Class<?> type) throws Exception {
        return transformer.transform(null, type.getClassLoader(), type.getName().replace('.', '/'), null, null,
                classFile(type));
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Loads the driver's classes itself, child first, through the transformer, as the JVM would call it. */
    private static final class TransformingLoader extends URLClassLoader {
        private final JdbcTransformer transformer;

        TransformingLoader(URL[] jars, ClassLoader parent, JdbcTransformer transformer) {
            super(jars, parent);
            this.transformer = transformer;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && name.startsWith("org.h2.")) {
                    loaded = findClass(name);
                }
                return loaded != null ? loaded : super.loadClass(name, resolve);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String path = name.replace('.', '/');
            try (InputStream in = getResourceAsStream(path + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] original = in.readAllBytes();
                byte[] transformed = transformer.transform(null, this, path, null, null, original);
                byte[] defined = transformed == null ? original : transformed;
                return defineClass(name, defined, 0, defined.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    /** Defines one class from the bytes given; everything else from the JDK. */
    private static final class DefiningLoader extends ClassLoader {
        private final String name;
        private final byte[] classFile;

        DefiningLoader(String name, byte[] classFile) {
            super(JdbcTransformerTest.class.getClassLoader());
            this.name = name;
            this.classFile = classFile;
        }

        @Override
        protected Class<?> loadClass(String requested, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(requested)) {
                if (requested.equals(name)) {
                    Class<?> loaded = findLoadedClass(requested);
                    return loaded != null ? loaded : defineClass(requested, classFile, 0, classFile.length);
                }
                return super.loadClass(requested, resolve);
            }
        }
    }

    /** Records each call as a line; never throws, as the agent's hooks never do. */
    private static final class RecordingHooks implements JdbcHooks {
        final List<String> calls = new ArrayList<>();
        Throwable lastThrown;

        private void record(String call) {
            calls.add(call);
        }

        private String thrown(Throwable thrown) {
            lastThrown = thrown;
            return thrown == null ? "null" : thrown.getClass().getName();
        }

        @Override public void prepared(Object statement, String sql) { record("prepared " + sql); }
        @Override public void boundObject(Object statement, int index, Object value) { record("boundObject " + index + " " + value); }
        @Override public void boundNull(Object statement, int index) { record("boundNull " + index); }
        @Override public void boundInt(Object statement, int index, int value) { record("boundInt " + index + " " + value); }
        @Override public void boundLong(Object statement, int index, long value) { record("boundLong " + index + " " + value); }
        @Override public void boundDouble(Object statement, int index, double value) { record("boundDouble " + index + " " + value); }
        @Override public void boundFloat(Object statement, int index, float value) { record("boundFloat " + index + " " + value); }
        @Override public void boundBoolean(Object statement, int index, boolean value) { record("boundBoolean " + index + " " + value); }
        @Override public void boundPlaceholder(Object statement, int index, String setterName) { record("boundPlaceholder " + index + " " + setterName); }
        @Override public void parametersCleared(Object statement) { record("parametersCleared"); }
        @Override public void addingBatch(Object statement) { record("addingBatch"); }
        @Override public void batchEntryAdded(Object statement) { record("batchEntryAdded"); }
        @Override public void sqlBatchAdded(Object statement, String sql) { record("sqlBatchAdded " + sql); }
        @Override public void batchCleared(Object statement) { record("batchCleared"); }
        @Override public void closed(Object statement) { record("closed"); }
        @Override public void executing() { record("executing"); }
        @Override public void executingBatch(Object statement) { record("executingBatch"); }
        @Override public void executed(Object statement, String sql, Throwable thrown) { record("executed " + sql + " " + thrown(thrown)); }
        @Override public void executedBatch(Object statement, Throwable thrown) { record("executedBatch " + thrown(thrown)); }
        @Override public void committed(Object connection, Throwable thrown) { record("committed " + thrown(thrown)); }
    }
}
