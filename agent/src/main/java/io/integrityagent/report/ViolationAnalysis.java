package io.integrityagent.report;

import io.integrityagent.capture.BatchEntries;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.ParameterValues;
import io.integrityagent.catalog.CatalogLookup;
import io.integrityagent.dialect.ConsoleSyntax;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.UpdateCounts;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.sql.ColumnSource;
import io.integrityagent.sql.SqlOperation;
import io.integrityagent.sql.SqlShape;
import io.integrityagent.sql.SqlStatementParser;
import io.integrityagent.util.LruCache;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out what happened in one violation: which batch entry failed, what the SQL sent for which column, what
 * the database's catalog adds to its message, which side of a foreign key broke, and — when the driver does not
 * say — which entry or row carries the values the database echoed. Masking and wording come after, from the
 * {@link ResolvedViolation} it makes. Thread-safe.
 */
final class ViolationAnalysis {

    private final CatalogLookup catalog;
    /** SQL texts and their shapes; a text too long to keep is parsed again on its next violation. */
    private final LruCache<String, SqlShape> shapes = new LruCache<>(256, 4L << 20,
            (sql, shape) -> LruCache.bytesOf(sql) + shape.estimatedBytes());

    ViolationAnalysis(CatalogLookup catalog) {
        this.catalog = catalog;
    }

    /**
     * @param ordinal which violation of this failure it is (0 for the first): a batch with several failed
     *                entries chains one exception per entry
     */
    ResolvedViolation resolve(FailedExecution failure, RecognizedViolation violation, int ordinal,
                              Dialect dialect) {
        SQLException e = violation.exception();
        // Created here, filled by the dialect from the message, completed by the catalog and by inference below.
        ViolationFacts facts = new ViolationFacts(violation.kind(), e.getSQLState(), e.getErrorCode(),
                e.getMessage());
        dialect.describe(e, facts);

        Integer batchIndex = null;
        String sql = failure.sql();
        ParameterValues parameters = failure.parameters();
        if (failure.isBatch()) {
            BatchEntries entries = failure.batchEntries();
            // A batch of one entry (Hibernate with jdbc.batch_size sends every flush as a batch) is that entry:
            // it is shown, and nothing is said about which entry of the batch failed.
            boolean single = entries != null && entries.count() == 1;
            Integer entry = single ? Integer.valueOf(0)
                    : failedEntry(violation, ordinal, dialect, entries);
            batchIndex = single ? null : entry;
            parameters = entry == null || entries == null ? null : entries.parameters(entry);
            String entrySql = entry == null || entries == null ? null : entries.sql(entry);
            sql = entrySql != null ? entrySql : sql;
        }
        SqlShape shape = sql == null ? SqlStatementParser.parse(null) : shapes.get(sql, SqlStatementParser::parse);
        if (violation.kind() == ViolationKind.FOREIGN_KEY && shape.operation() == SqlOperation.DELETE) {
            facts.parentSide(true); // a DELETE breaks a foreign key only by removing a row still referenced
        }
        String statementTable = dialect.canonicalName(shape.table(), shape.tableNameExact());
        String statementSchema = shape.schema() == null ? null
                : dialect.canonicalName(shape.schema(), shape.schemaNameExact());
        List<String> tableColumns = null;
        if (shape.omitsColumnList()) {
            tableColumns = catalog.columnsOf(failure.statement(), statementSchema, statementTable);
            shape = tableColumns == null ? shape : shape.withTableColumns(tableColumns);
        }
        // Only an UPDATE's assigned columns tell the catalog anything (which foreign key it can have broken).
        catalog.complete(facts, failure.statement(), shape.operation(), statementSchema, statementTable,
                shape.operation() == SqlOperation.UPDATE ? assignedColumns(shape) : List.of(), dialect);
        pairKeyValueWithSingleColumnKey(facts, ConsoleSyntax.of(dialect.system()));
        List<String> columns = facts.parentSide() && !facts.referencedColumns().isEmpty()
                ? facts.referencedColumns() : facts.columns();
        // When the driver does not say which batch entry or VALUES row failed, the values echoed may tell.
        FailingEntry inferred = FailingEntry.UNKNOWN;
        if (failure.isBatch() && batchIndex == null) {
            BatchEntries entries = failure.batchEntries();
            SqlShape entryShape = shape;
            inferred = FailingEntry.amongBatchEntries(facts, columns, entries,
                    entry -> new SentValues(entryShape, entry, facts.parentSide(), dialect));
            if (inferred.index() >= 0) {
                batchIndex = inferred.index();
                parameters = entries.parameters(batchIndex);
            }
        }
        SentValues sent = new SentValues(shape, parameters, facts.parentSide(), dialect);
        // Several entries or rows may have failed: they all carry the echoed key, which is shown as they sent it.
        boolean keyOfAnyCarrier = inferred.index() < 0 && inferred.carrier() >= 0 && !columns.isEmpty();
        if (failure.isBatch() && keyOfAnyCarrier) {
            sent = new SentValues(shape, failure.batchEntries().parameters(inferred.carrier()), facts.parentSide(),
                    dialect);
        } else if (!failure.isBatch()) {
            inferred = FailingEntry.amongRows(facts, columns, sent);
            boolean rowKnown = inferred.index() >= 0;
            if (rowKnown || (inferred.carrier() >= 0 && !columns.isEmpty())) {
                sent = sent.inRow(rowKnown ? inferred.index() : inferred.carrier());
            }
        }

        // On the parent side the table is the parent: when the database names only the child (SQL Server's
        // REFERENCE message, Db2's relationship, HSQLDB), the statement's own table.
        String table = facts.parentSide() ? firstKnown(facts.referencedTable(), statementTable)
                : firstKnown(facts.table(), statementTable);
        if (!sameTable(table, statementTable)) {
            // Broken in another table (by a trigger's statement, or a cascade into it): the statement's values
            // are not that table's, and only what the database says tells.
            sent = new SentValues(SqlStatementParser.parse(null), null, facts.parentSide(), dialect);
        }
        ParameterValues keyCarrier = failure.isBatch() && inferred.index() < 0 && inferred.carrier() >= 0
                ? failure.batchEntries().parameters(inferred.carrier()) : null;
        return new ResolvedViolation(facts, dialect, sql, parameters, shape, tableColumns, table, columns,
                batchIndex, inferred, sent, keyCarrier);
    }

    private static List<String> assignedColumns(SqlShape shape) {
        List<String> assigned = new ArrayList<>();
        for (ColumnSource source : shape.columns()) {
            if (source.role() == ColumnSource.Role.VALUE) {
                assigned.add(source.column());
            }
        }
        return assigned;
    }

    /**
     * A duplicate key value printed without its columns (MySQL, MariaDB) belongs to the key's one column once
     * the catalog named it; with several columns the printed value cannot be split reliably.
     */
    private static void pairKeyValueWithSingleColumnKey(ViolationFacts facts, ConsoleSyntax syntax) {
        if (facts.keyValue() != null && facts.columns().size() == 1
                && !facts.reportedValues().containsKey(facts.columns().get(0))) {
            // As the database prints its values: quoted where its strings come quoted (MySQL), else as it is (Derby).
            String key = facts.keyValue();
            facts.reportedValue(facts.columns().get(0),
                    syntax.quotesPrintedValues() ? "'" + key.replace("'", "''") + "'" : key);
        }
    }

    private static Integer failedEntry(RecognizedViolation violation, int ordinal, Dialect dialect,
                                       BatchEntries entries) {
        if (violation.batch() == null) {
            return null;
        }
        int stated = dialect.failedBatchEntry(violation.batch(), violation.exception());
        if (stated >= 0) {
            // Contradicted by the values the driver shows, the index is the driver's own numbering: the entry is
            // then told by the values the database echoes, if at all.
            ParameterValues entry = entries == null || stated >= entries.count() ? null : entries.parameters(stated);
            return entry == null || dialect.namedBatchEntryMayHold(violation.batch(), stringsAndNumbers(entry))
                    ? Integer.valueOf(stated) : null;
        }
        int size = entries == null ? -1 : entries.count();
        List<Integer> failed = UpdateCounts.failedEntries(violation.batch().getLargeUpdateCounts(), size);
        return ordinal < failed.size() ? failed.get(ordinal) : null;
    }

    private static List<String> stringsAndNumbers(ParameterValues entry) {
        List<String> values = new ArrayList<>();
        for (int index = 1; index <= entry.highestIndex(); index++) {
            Object value = entry.value(index);
            if (value instanceof String || value instanceof Number) {
                values.add(value.toString());
            }
        }
        return values;
    }

    /**
     * Whether two names of a table are the same, whether or not either is qualified by its schema; in any case, as
     * MySQL on a case-insensitive file system may print a name otherwise than the SQL wrote it.
     */
    private static boolean sameTable(String violated, String statement) {
        return violated == null || statement == null
                || unqualified(violated).equalsIgnoreCase(unqualified(statement));
    }

    private static String unqualified(String table) {
        return table.substring(table.lastIndexOf('.') + 1);
    }

    private static String firstKnown(String stated, String fallback) {
        return stated != null ? stated : fallback;
    }
}
