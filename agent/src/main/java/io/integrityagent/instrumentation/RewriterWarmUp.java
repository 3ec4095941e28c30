package io.integrityagent.instrumentation;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rewrites a small statement and connection class of the agent's own once, on the agent's start thread, and
 * throws the results away: the first rewrites load and verify ASM and the advice, some tens of milliseconds that
 * would otherwise fall on the application's thread when its first JDBC classes load.
 */
final class RewriterWarmUp {

    private RewriterWarmUp() {
    }

    static void run(ClassRewriter rewriter) throws Exception {
        rewrite(rewriter, "SampleStatement");
        rewrite(rewriter, "SampleConnection");
    }

    /** Named, not referenced: referencing a sample would load it, and it would be instrumented for real. */
    private static void rewrite(ClassRewriter rewriter, String sample) throws Exception {
        String file = RewriterWarmUp.class.getName().replace('.', '/') + "$" + sample + ".class";
        ClassLoader loader = RewriterWarmUp.class.getClassLoader();
        byte[] classFile;
        try (InputStream in = loader.getResourceAsStream(file)) {
            classFile = in.readAllBytes();
        }
        rewriter.rewrite(new LoadingClass(classFile, loader, RewriterWarmUp.class.getModule(), null));
    }

    /** Never instantiated: only its class file is read. */
    abstract static class SampleStatement implements Statement {
        @Override
        public boolean execute(String sql) throws SQLException {
            return false;
        }

        @Override
        public ResultSet executeQuery(String sql) throws SQLException {
            return null;
        }

        @Override
        public int executeUpdate(String sql) throws SQLException {
            return 0;
        }
    }

    /** Never instantiated: only its class file is read. */
    abstract static class SampleConnection implements Connection {
        @Override
        public void commit() throws SQLException {
        }

        @Override
        public PreparedStatement prepareStatement(String sql) throws SQLException {
            return null;
        }
    }
}
