package io.integrityagent.dialect;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a PostgreSQL error report that the agent uses. pgjdbc keeps them in the
 * {@code ServerErrorMessage} of its {@code PSQLException}; the agent cannot link against the driver, so it reads
 * them reflectively, with the accessors looked up once per class. An exception without one (built by hand, or by
 * a wrapper) is read from its message text: {@code ERROR: <message>} and an optional {@code Detail:} line.
 * The Detail is there even when {@code logServerErrorDetail=false} keeps it out of the message text.
 */
final class PostgresServerMessage {

    private static final ClassValue<Method> SERVER_ERROR_MESSAGE = new ClassValue<Method>() {
        @Override
        protected Method computeValue(Class<?> exceptionClass) {
            return accessor(exceptionClass, "getServerErrorMessage");
        }
    };
    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<Accessors>() {
        @Override
        protected Accessors computeValue(Class<?> messageClass) {
            return new Accessors(messageClass);
        }
    };
    /** pgjdbc's message for a failed batch: the entry (0-based), its SQL or {@code <unknown>}, then the error. */
    static final Pattern BATCH_ENTRY = Pattern.compile("^Batch entry (\\d{1,9}) (.*?) was aborted: ", Pattern.DOTALL);
    private static final String BATCH_SUFFIX = "  Call getNextException to see other errors in the batch.";
    private static final Pattern SEVERITY = Pattern.compile("^\\p{Lu}+: ");
    private static final Pattern DETAIL_LINE = Pattern.compile("\n  Detail: (.*?)(?=\n  \\p{Lu}[\\p{L} ]*: |$)",
            Pattern.DOTALL);

    private final String message;
    private final String detail;
    private final String constraint;
    private final String table;
    private final String column;

    private PostgresServerMessage(String message, String detail, String constraint, String table, String column) {
        this.message = message;
        this.detail = detail;
        this.constraint = constraint;
        this.table = table;
        this.column = column;
    }

    static PostgresServerMessage of(SQLException e) {
        Object server = call(SERVER_ERROR_MESSAGE.get(e.getClass()), e);
        if (server != null) {
            Accessors fields = ACCESSORS.get(server.getClass());
            String message = fields.text(fields.message, server);
            if (message != null) {
                return new PostgresServerMessage(message, fields.text(fields.detail, server),
                        fields.text(fields.constraint, server), fields.text(fields.table, server),
                        fields.text(fields.column, server));
            }
        }
        return fromText(e.getMessage());
    }

    /** The primary message, one line, without severity: {@code duplicate key value violates …}. */
    String message() {
        return message;
    }

    String detail() {
        return detail;
    }

    String constraint() {
        return constraint;
    }

    /** The table of the constraint: for a foreign key, the referencing (child) table on either side. */
    String table() {
        return table;
    }

    String column() {
        return column;
    }

    /** Also the text of a batch exception, without the entry's SQL that pgjdbc puts in front. */
    static PostgresServerMessage fromText(String message) {
        if (message == null) {
            return new PostgresServerMessage("", null, null, null, null);
        }
        String text = message;
        Matcher batchEntry = BATCH_ENTRY.matcher(text);
        if (batchEntry.find()) {
            text = text.substring(batchEntry.end());
            text = text.endsWith(BATCH_SUFFIX) ? text.substring(0, text.length() - BATCH_SUFFIX.length()) : text;
        }
        int lineEnd = text.indexOf('\n');
        String firstLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
        Matcher detail = DETAIL_LINE.matcher(text);
        return new PostgresServerMessage(SEVERITY.matcher(firstLine).replaceFirst(""),
                detail.find() ? detail.group(1) : null, null, null, null);
    }

    private static Method accessor(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return method.getReturnType() == void.class ? null : method;
        } catch (NoSuchMethodException | SecurityException absent) {
            return null;
        }
    }

    private static Object call(Method accessor, Object target) {
        if (accessor == null) {
            return null;
        }
        try {
            return accessor.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The accessors of one {@code ServerErrorMessage} class; an absent one reads as null. */
    private static final class Accessors {
        final Method message;
        final Method detail;
        final Method constraint;
        final Method table;
        final Method column;

        Accessors(Class<?> messageClass) {
            message = accessor(messageClass, "getMessage");
            detail = accessor(messageClass, "getDetail");
            constraint = accessor(messageClass, "getConstraint");
            table = accessor(messageClass, "getTable");
            column = accessor(messageClass, "getColumn");
        }

        String text(Method accessor, Object server) {
            Object value = call(accessor, server);
            return value instanceof String ? (String) value : null;
        }
    }
}
