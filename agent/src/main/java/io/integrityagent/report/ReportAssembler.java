package io.integrityagent.report;

import io.integrityagent.capture.BatchEntries;
import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.ParameterValues;
import io.integrityagent.catalog.CatalogLookup;
import io.integrityagent.context.Correlation;
import io.integrityagent.explanation.Explainer;
import io.integrityagent.explanation.ExplanationInput;
import io.integrityagent.recognition.Dialect;
import io.integrityagent.recognition.RecognizedViolation;
import io.integrityagent.recognition.ViolationFacts;
import io.integrityagent.recognition.ViolationKind;
import io.integrityagent.recognition.ViolationRecognizer;
import io.integrityagent.sql.ColumnSource;
import io.integrityagent.sql.SqlOperation;
import io.integrityagent.sql.SqlShape;
import io.integrityagent.sql.SqlStatementParser;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * Builds the report of one violation: what the database said (through its dialect), paired with what the
 * application sent (the SQL, mapped column by column to bind parameters and literals), masked, and explained.
 */
public final class ReportAssembler {

    /** An MDC is usually a handful of ids; a runaway one must not make every event huge. */
    static final int CONTEXT_ENTRIES = 32;

    private final CatalogLookup catalog = new CatalogLookup();
    /** SQL texts and their shapes; a text too long to keep is parsed again on its next violation. */
    private final LruCache<String, SqlShape> shapes = new LruCache<>(256, 4L << 20,
            (sql, shape) -> LruCache.bytesOf(sql) + shape.estimatedBytes());
    private final ValueRenderer renderer;
    private final Redactor redactor;
    private final boolean parametersCaptured;

    public ReportAssembler(ValueRenderer renderer, Redactor redactor, boolean parametersCaptured) {
        this.renderer = renderer;
        this.redactor = redactor;
        this.parametersCaptured = parametersCaptured;
    }

    /**
     * @param ordinal which violation of this failure it is (0 for the first): a batch with several failed
     *                entries chains one exception per entry
     * @param correlation the span and MDC of the thread that ran into it
     */
    public ViolationReport assemble(FailedExecution failure, RecognizedViolation violation, int ordinal,
                                    Dialect dialect, String callSite, Correlation correlation) {
        SQLException e = violation.exception();
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
                    : failedEntry(violation, ordinal, dialect, entries == null ? -1 : entries.count());
            batchIndex = single ? null : entry;
            parameters = entry == null || entries == null ? null : entries.parameters(entry);
            String entrySql = entry == null || entries == null ? null : entries.sql(entry);
            sql = entrySql != null ? entrySql : sql;
        }
        SqlShape shape = sql == null ? SqlStatementParser.parse(null) : shapes.get(sql, SqlStatementParser::parse);
        if (violation.kind() == ViolationKind.FOREIGN_KEY && shape.operation() == SqlOperation.DELETE) {
            facts.parentSide(true); // a DELETE breaks a foreign key only by removing a row still referenced
        }
        String statementTable = dialect.canonicalName(shape.table());
        boolean tableMayHoldSecret = false;
        if (shape.omitsColumnList()) {
            List<String> tableColumns = catalog.columnsOf(failure.statement(), statementTable);
            tableMayHoldSecret = tableColumns == null || tableColumns.stream().anyMatch(redactor::isSensitive);
            shape = tableColumns == null ? shape : shape.withTableColumns(tableColumns);
        }
        catalog.complete(facts, failure.statement(), shape.operation(), statementTable, assignedColumns(shape),
                dialect);
        pairKeyValueWithSingleColumnKey(facts);
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

        Masking masking = new Masking(redactor, renderer, shape, sql, parameters, tableMayHoldSecret);
        Map<String, String> values = masking.values(
                columns.isEmpty() ? sent.wholeRow() : sent.forColumns(columns, facts), facts, columns, sent);

        ExplanationInput input = new ExplanationInput(facts, dialect, shape.verb(), table,
                columns.isEmpty() ? null : columns, values, sent.omittedFromInsert(columns));
        ViolationReport.Builder report = ViolationReport.builder()
                .kind(violation.kind())
                .db(dialect.system().systemName())
                .sqlState(e.getSQLState())
                .vendorCode(e.getErrorCode())
                .constraint(facts.constraint())
                .index(facts.constraint() == null ? facts.index() : null)
                .table(table)
                .columns(columns.isEmpty() ? null : columns)
                .referencedTable(violation.kind() != ViolationKind.FOREIGN_KEY ? null
                        : facts.parentSide() ? table : facts.referencedTable())
                .referencingTable(violation.kind() != ViolationKind.FOREIGN_KEY ? null
                        : facts.parentSide() ? facts.table() : table)
                .sql(masking.sql())
                .parameters(parametersCaptured ? masking.parameters() : null)
                .batchIndex(batchIndex)
                .failingEntry(masking.text(inferred.note(values)))
                .operation(shape.verb())
                .exception(failure.thrown().getClass().getName())
                .message(masking.message(facts.message()))
                .callSite(callSite)
                .traceId(correlation.traceId())
                .spanId(correlation.spanId())
                .context(renderContext(correlation.mdc(), masking))
                .explanation(masking.text(Explainer.explain(input)))
                .remedy(masking.text(Explainer.remedy(input)));
        values.forEach(report::value);
        return report.build();
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
    private static void pairKeyValueWithSingleColumnKey(ViolationFacts facts) {
        if (facts.keyValue() != null && facts.columns().size() == 1
                && !facts.reportedValues().containsKey(facts.columns().get(0))) {
            facts.reportedValue(facts.columns().get(0), "'" + facts.keyValue().replace("'", "''") + "'");
        }
    }

    /**
     * The MDC as shown: at most {@link #CONTEXT_ENTRIES} entries, each value shortened, and masked when its key
     * is named like a sensitive column (an MDC key {@code sessionToken} is as secret as a column of that name).
     */
    private Map<String, String> renderContext(Map<String, String> mdc, Masking masking) {
        if (mdc == null) {
            return null;
        }
        Map<String, String> shown = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
            if (shown.size() == CONTEXT_ENTRIES) {
                break;
            }
            String key = renderer.shorten(entry.getKey());
            shown.put(key, redactor.isSensitive(entry.getKey()) ? Redactor.MASK
                    : masking.text(renderer.shorten(entry.getValue())));
        }
        return shown;
    }

    private static Integer failedEntry(RecognizedViolation violation, int ordinal, Dialect dialect, int size) {
        if (violation.batch() == null) {
            return null;
        }
        int stated = dialect.failedBatchEntry(violation.batch(), violation.exception());
        if (stated >= 0) {
            return stated;
        }
        List<Integer> failed = ViolationRecognizer.failedEntries(violation.batch().getLargeUpdateCounts(), size);
        return ordinal < failed.size() ? failed.get(ordinal) : null;
    }

    private static String firstKnown(String stated, String fallback) {
        return stated != null ? stated : fallback;
    }
}
