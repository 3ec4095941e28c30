package io.integrityagent.report;

import io.integrityagent.capture.ParameterValues;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.sql.SqlShape;
import java.util.List;
import java.util.function.Predicate;

/**
 * What {@link ViolationAnalysis} worked out about one violation, before anything is masked or worded: the
 * statement (or batch entry) that broke it, the constraint as complete as the database and its catalog could
 * make it, and what the application sent for its columns. Nothing changes it once made; in particular its
 * {@link #facts()} are complete and only read from here on.
 */
final class ResolvedViolation {

    private final ViolationFacts facts;
    private final Dialect dialect;
    private final String sql;
    private final ParameterValues parameters;
    private final SqlShape shape;
    private final List<String> tableColumns;
    private final String table;
    private final List<String> columns;
    private final Integer batchIndex;
    private final FailingEntry failingEntry;
    private final SentValues sent;
    private final ParameterValues keyCarrier;

    ResolvedViolation(ViolationFacts facts, Dialect dialect, String sql, ParameterValues parameters, SqlShape shape,
                      List<String> tableColumns, String table, List<String> columns, Integer batchIndex,
                      FailingEntry failingEntry, SentValues sent, ParameterValues keyCarrier) {
        this.facts = facts;
        this.dialect = dialect;
        this.sql = sql;
        this.parameters = parameters;
        this.shape = shape;
        this.tableColumns = tableColumns == null ? null : List.copyOf(tableColumns);
        this.table = table;
        this.columns = List.copyOf(columns);
        this.batchIndex = batchIndex;
        this.failingEntry = failingEntry;
        this.sent = sent;
        this.keyCarrier = keyCarrier;
    }

    ViolationKind kind() { return facts.kind(); }

    /** What the database said, completed from its catalog where the message left gaps. */
    ViolationFacts facts() { return facts; }

    Dialect dialect() { return dialect; }

    /** The SQL of the statement, or of the failed batch entry when that is known. */
    String sql() { return sql; }

    /** The values bound to {@link #sql()}, or null when not known (a batch whose failed entry is not). */
    ParameterValues parameters() { return parameters; }

    /** The statement's shape, its values paired with the table's columns when it names none. */
    SqlShape shape() { return shape; }

    /**
     * Whether the statement may carry a value of a sensitive column without naming that column: an INSERT
     * without column list into a table with such a column, or whose columns the catalog could not tell.
     */
    boolean tableMayHoldColumnMatching(Predicate<String> sensitive) {
        return shape.omitsColumnList() && (tableColumns == null || tableColumns.stream().anyMatch(sensitive));
    }

    /** The table the report names: for a foreign key broken on the parent side, the parent. */
    String table() { return table; }

    /** The constrained columns as the report names them (the parent's on the parent side); empty if unknown. */
    List<String> columns() { return columns; }

    /** The failed batch entry, 0-based; null for no batch, a batch of one, or when it cannot be told. */
    Integer batchIndex() { return batchIndex; }

    /**
     * The values of the first batch entry that carries the key value the database printed, when which entry failed
     * is not known; null otherwise.
     */
    ParameterValues keyCarrier() { return keyCarrier; }

    /** What the echoed values told about the failing entry or row; {@link FailingEntry#UNKNOWN} if nothing. */
    FailingEntry failingEntry() { return failingEntry; }

    /** What the application sent, in the failing entry and row where those are known. */
    SentValues sent() { return sent; }

    /** The parent table of a foreign key; null for other kinds. */
    String referencedTable() {
        return kind() != ViolationKind.FOREIGN_KEY ? null
                : facts.parentSide() ? table : facts.referencedTableWhereItLives();
    }

    /** The child table of a foreign key; null for other kinds. */
    String referencingTable() {
        return kind() != ViolationKind.FOREIGN_KEY ? null : facts.parentSide() ? facts.tableWhereItLives() : table;
    }
}
