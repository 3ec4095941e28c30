package io.integrityagent.it.apps;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Prints what an application can observe of an exception or a result — class, message, SQLSTATE, code,
 * chained exceptions, update counts and the full stack trace — so that runs with and without the agent can
 * be compared line by line.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static void caught(String scenario, SQLException e) {
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        String counts = e instanceof BatchUpdateException
                ? " counts=" + Arrays.toString(((BatchUpdateException) e).getUpdateCounts()) : "";
        System.out.println("CAUGHT " + scenario + " " + e.getClass().getName() + " state=" + e.getSQLState()
                + " code=" + e.getErrorCode() + counts + " next=" + describe(e.getNextException())
                + " cause=" + describe(e.getCause()));
        System.out.println(stack.toString().strip().indent(4).stripTrailing());
    }

    public static void result(String scenario, Object result) {
        System.out.println("RESULT " + scenario + " " + result);
    }

    private static String describe(Throwable t) {
        return t == null ? "none" : t.getClass().getName() + ": " + t.getMessage();
    }
}
