package io.integrityagent.capture;

import io.integrityagent.bootstrap.CaptureHolder;

/**
 * Finds the capture of a statement: in the field the agent added to its class, or, for classes that were
 * already loaded when the agent arrived (attach) and so could not get a field, in a weak identity table.
 */
public final class Captures {

    private static final WeakIdentityTable<StatementCapture> ALREADY_LOADED = new WeakIdentityTable<>();
    /**
     * Per thread, the capture of the last statement closed, reset, for the next statement to take: an application
     * preparing a statement for each query (as through a pool) then allocates nothing for it.
     */
    private static final ThreadLocal<StatementCapture[]> SPARE = ThreadLocal.withInitial(() -> new StatementCapture[1]);

    private Captures() {
    }

    /** The statement's capture, created on first use. */
    public static StatementCapture of(Object statement) {
        if (statement instanceof CaptureHolder) {
            CaptureHolder holder = (CaptureHolder) statement;
            StatementCapture capture = (StatementCapture) holder.integrity$capture();
            if (capture == null) {
                capture = spareOrNew();
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

    /**
     * Drops what the statement captured; called when the application closes it. A report never keeps a capture
     * (it copies the values and takes the batch away), so the capture is free for the next statement.
     */
    public static void release(Object statement) {
        if (statement instanceof CaptureHolder) {
            CaptureHolder holder = (CaptureHolder) statement;
            Object capture = holder.integrity$capture();
            if (capture != null) {
                holder.integrity$capture(null);
                StatementCapture released = (StatementCapture) capture;
                released.reset();
                SPARE.get()[0] = released;
            }
        } else {
            ALREADY_LOADED.remove(statement);
        }
    }

    private static StatementCapture spareOrNew() {
        StatementCapture[] spare = SPARE.get();
        StatementCapture capture = spare[0];
        if (capture == null) {
            return new StatementCapture();
        }
        spare[0] = null;
        return capture;
    }
}
