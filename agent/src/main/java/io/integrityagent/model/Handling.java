package io.integrityagent.model;

/**
 * How the application can handle a violation where it surfaces: what its code at the call site receives, what
 * to catch and test, when it surfaces, and what happens to the transaction. Holds class names, SQLSTATEs and
 * vendor codes only, never a value.
 */
public final class Handling {

    /** What to do with the transaction; {@link #label()} is what events carry. */
    public enum Rollback {
        /** The transaction cannot go on: roll it back. */
        REQUIRED("required"),
        /** The database undid only the statement; the transaction can go on. */
        STATEMENT("statement"),
        /** Auto-commit: the statement was its own transaction, and nothing is left to roll back. */
        NONE("none"),
        /** The failure came at commit, which has ended the transaction already. */
        DONE("done");

        private final String label;

        Rollback(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String stack;
    private final String thrown;
    private final String catchType;
    private final String cause;
    private final String test;
    private final String surfaces;
    private final Rollback rollback;
    private final String advice;

    /**
     * @param stack     the layer between the call site and the driver ({@link AccessPath.Layer#label()})
     * @param thrown    the class of what reaches the call site
     * @param catchType the type to name in the catch clause: {@code thrown} or a supertype of it
     * @param cause     the exception to look for among the causes of the caught one, or null when the caught one
     *                  says enough itself
     * @param test      a Java expression on {@code e}, the exception named by {@code cause} (or without it the
     *                  caught one), that tells this kind of violation from other failures; null when the type does
     * @param surfaces  {@link AccessPath.Moment#label()}
     * @param rollback  null when the connection's transaction state could not be read
     * @param advice    all of it in a few sentences
     */
    public Handling(String stack, String thrown, String catchType, String cause, String test, String surfaces,
                    Rollback rollback, String advice) {
        this.stack = stack;
        this.thrown = thrown;
        this.catchType = catchType;
        this.cause = cause;
        this.test = test;
        this.surfaces = surfaces;
        this.rollback = rollback;
        this.advice = advice;
    }

    public String stack() { return stack; }
    public String thrown() { return thrown; }
    public String catchType() { return catchType; }
    public String cause() { return cause; }
    public String test() { return test; }
    public String surfaces() { return surfaces; }
    public Rollback rollback() { return rollback; }
    public String advice() { return advice; }

    /** A generous estimate of the heap it holds of its own: the advice; its other strings are names and constants. */
    public long estimatedBytes() {
        return 80 + 56 + 2L * advice.length() + (test == null ? 0 : 56 + 2L * test.length());
    }
}
