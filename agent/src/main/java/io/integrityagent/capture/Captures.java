package io.integrityagent.capture;

import io.integrityagent.bootstrap.CaptureHolder;

/**
 * Finds the capture of a statement: in the field the agent added to its class, or, for classes that were
 * already loaded when the agent arrived (attach) and so could not get a field, in a weak identity table.
 */
public final class Captures {

    private static final WeakIdentityTable<StatementCapture> ALREADY_LOADED = new WeakIdentityTable<>();

    private Captures() {
    }

    /** The statement's capture, created on first use. */
    public static StatementCapture of(Object statement) {
        if (statement instanceof CaptureHolder) {
            CaptureHolder holder = (CaptureHolder) statement;
            StatementCapture capture = (StatementCapture) holder.integrity$capture();
            if (capture == null) {
                capture = new StatementCapture();
                holder.integrity$capture(capture);
            }
            return capture;
        }
        return ALREADY_LOADED.computeIfAbsent(statement, StatementCapture::new);
    }

    /** The statement's capture if it has one; never creates it. */
    public static StatementCapture peek(Object statement) {
        if (statement instanceof CaptureHolder) {
            return (StatementCapture) ((CaptureHolder) statement).integrity$capture();
        }
        return ALREADY_LOADED.get(statement);
    }

    /** Drops what the statement captured; called when the application closes it. */
    public static void release(Object statement) {
        if (statement instanceof CaptureHolder) {
            ((CaptureHolder) statement).integrity$capture(null);
        } else {
            ALREADY_LOADED.remove(statement);
        }
    }
}
