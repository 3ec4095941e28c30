package io.integrityagent.instrumentation;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rewrites a small statement class of the agent's own once, on the agent's start thread, and throws the result
 * away: the first rewrite loads and verifies ASM and the advice, some tens of milliseconds that would otherwise
 * fall on the application's thread when its first JDBC class loads.
 */
final class RewriterWarmUp {

    private RewriterWarmUp() {
    }

    static void run(ClassRewriter rewriter) throws Exception {
        // Named, not referenced: Sample.class would load it, and it would then be retransformed as a statement.
        String file = RewriterWarmUp.class.getName().replace('.', '/') + "$Sample.class";
        ClassLoader loader = RewriterWarmUp.class.getClassLoader();
        byte[] classFile;
        try (InputStream in = loader.getResourceAsStream(file)) {
            classFile = in.readAllBytes();
        }
        rewriter.rewrite(new LoadingClass(classFile, loader, RewriterWarmUp.class.getModule(), null));
    }

    /** Never instantiated: only its class file is read. */
    abstract static class Sample implements Statement {
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
}
