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
import io.integrityagent.sql.SqlShape;
import io.integrityagent.sql.SqlStatementParser;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the report of one violation: what the database said (through its dialect), paired with what the
 * application sent (the SQL, mapped column by column to bind parameters and literals), masked, and explained.
 */
public final class ReportAssembler {

    /** An MDC is usually a handful of ids; a runaway one must not make every event huge. */
    static final int CONTEXT_ENTRIES = 32;

    private final CatalogLookup catalog = new CatalogLookup();
    private final LruCache<String, SqlShape> shapes = new LruCache<>(256);
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
            batchIndex = failedEntry(violation, ordinal, dialect, entries == null ? -1 : entries.count());
            parameters = batchIndex == null || entries == null ? null : entries.parameters(batchIndex);
            String entrySql = batchIndex == null || entries == null ? null : entries.sql(batchIndex);
            sql = entrySql != null ? entrySql : sql;
        }
        SqlShape shape = sql == null ? SqlStatementParser.parse(null) : shapes.get(sql, SqlStatementParser::parse);
        if (violation.kind() == ViolationKind.FOREIGN_KEY && "DELETE".equals(shape.operation())) {
            facts.parentSide(true); // a DELETE breaks a foreign key only by removing a row still referenced
        }
        catalog.complete(facts, failure.statement(), shape.operation(), dialect.canonicalName(shape.table()),
                dialect);
        pairKeyValueWithSingleColumnKey(facts);
        SentValues sent = new SentValues(shape, parameters, facts.parentSide(), dialect);

        // On the parent side the table is the parent: when the database names only the child (SQL Server's
        // REFERENCE message, Db2's relationship, HSQLDB), the statement's own table.
        String statementTable = dialect.canonicalName(shape.table());
        String table = facts.parentSide() ? firstKnown(facts.referencedTable(), statementTable)
                : firstKnown(facts.table(), statementTable);
        List<String> columns = facts.parentSide() && !facts.referencedColumns().isEmpty()
                ? facts.referencedColumns() : facts.columns();

        Secrets secrets = new Secrets();
        Map<String, Object> rawValues = columns.isEmpty() ? sent.wholeRow() : sent.forColumns(columns, facts);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> value : rawValues.entrySet()) {
            values.put(value.getKey(), secrets.renderFor(value.getKey(), value.getValue()));
        }
        for (Map.Entry<String, String> reported : facts.reportedValues().entrySet()) {
            if (redactor.isSensitive(reported.getKey())) {
                secrets.add(unquoted(reported.getValue()));
            }
        }
        if (facts.keyValue() != null && keyValueMayBeSecret(facts, columns, shape, sent, sql)) {
            secrets.add(facts.keyValue());
        }
        Set<Integer> maskedParameters = sensitiveParameters(shape, parameters, sql, secrets);
        String shownSql = secrets.maskAll(maskSensitiveLiterals(sql, shape, secrets));

        ExplanationInput input = new ExplanationInput(facts, dialect, shape.operation(), table,
                columns.isEmpty() ? null : columns, values, sent.omittedFromInsert(columns));
        ViolationReport.Builder report = ViolationReport.builder()
                .kind(violation.kind())
                .db(dialect.system().systemName())
                .sqlState(e.getSQLState())
                .vendorCode(e.getErrorCode())
                .constraint(facts.constraint())
                .table(table)
                .columns(columns.isEmpty() ? null : columns)
                .referencedTable(violation.kind() != ViolationKind.FOREIGN_KEY ? null
                        : facts.parentSide() ? table : facts.referencedTable())
                .referencingTable(violation.kind() != ViolationKind.FOREIGN_KEY ? null
                        : facts.parentSide() ? facts.table() : table)
                .sql(renderer.shorten(shownSql))
                .parameters(renderParameters(parameters, maskedParameters))
                .batchIndex(batchIndex)
                .operation(shape.operation())
                .exception(failure.thrown().getClass().getName())
                .message(renderer.shorten(secrets.maskAll(facts.message())))
                .callSite(callSite)
                .traceId(correlation.traceId())
                .spanId(correlation.spanId())
                .context(renderContext(correlation.mdc()))
                .explanation(secrets.maskAll(Explainer.explain(input)))
                .remedy(secrets.maskAll(Explainer.remedy(input)));
        values.forEach(report::value);
        return report.build();
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
    private Map<String, String> renderContext(Map<String, String> mdc) {
        if (mdc == null) {
            return null;
        }
        Map<String, String> shown = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
            if (shown.size() == CONTEXT_ENTRIES) {
                break;
            }
            String key = renderer.shorten(entry.getKey());
            shown.put(key, redactor.isSensitive(entry.getKey()) ? Redactor.MASK : renderer.shorten(entry.getValue()));
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

    /**
     * Whether the key value the database printed may be a secret that masking the values sent would not catch:
     * it is a sensitive column's; or its columns are unknown and either the key is named like a sensitive column
     * or the statement names one whose value the agent does not have.
     */
    private boolean keyValueMayBeSecret(ViolationFacts facts, List<String> columns, SqlShape shape, SentValues sent,
                                        String sql) {
        if (!columns.isEmpty()) {
            return columns.stream().anyMatch(redactor::isSensitive);
        }
        if (redactor.isSensitive(facts.constraint())) {
            return true;
        }
        if (!redactor.mentionsSensitive(sql)) {
            return false;
        }
        boolean namesSensitiveColumn = false;
        for (ColumnSource source : shape.columns()) {
            if (redactor.isSensitive(source.column())) {
                namesSensitiveColumn = true;
                if (sent.valueOf(source) == null) {
                    return true;
                }
            }
        }
        return !namesSensitiveColumn;
    }

    /**
     * The parameters that must not be shown: those bound to sensitive columns, and, when the SQL names a
     * sensitive column but the agent could not tell which parameter goes where, every unattributed one.
     */
    private Set<Integer> sensitiveParameters(SqlShape shape, ParameterValues parameters, String sql,
                                             Secrets secrets) {
        Set<Integer> masked = new LinkedHashSet<>();
        Set<Integer> attributed = new LinkedHashSet<>();
        for (ColumnSource source : shape.columns()) {
            if (source.isParameter()) {
                attributed.add(source.parameterIndex());
                if (redactor.isSensitive(source.column())) {
                    masked.add(source.parameterIndex());
                }
            }
        }
        if (parameters != null && redactor.mentionsSensitive(sql)) {
            for (int index = 1; index <= parameters.highestIndex(); index++) {
                if (!attributed.contains(index)) {
                    masked.add(index);
                }
            }
        }
        if (parameters != null) {
            for (int index : masked) {
                secrets.add(ValueRenderer.raw(parameters.value(index)));
            }
        }
        return masked;
    }

    private String maskSensitiveLiterals(String sql, SqlShape shape, Secrets secrets) {
        if (sql == null) {
            return null;
        }
        StringBuilder masked = new StringBuilder(sql);
        List<ColumnSource> literals = new ArrayList<>();
        for (ColumnSource source : shape.columns()) {
            if (source.isLiteral() && redactor.isSensitive(source.column())) {
                literals.add(source);
            }
        }
        // Right to left, so earlier offsets stay valid.
        literals.sort((a, b) -> Integer.compare(b.literalStart(), a.literalStart()));
        for (ColumnSource literal : literals) {
            secrets.add(unquoted(literal.literal()));
            masked.replace(literal.literalStart(), literal.literalEnd(), "'" + Redactor.MASK + "'");
        }
        return masked.toString();
    }

    private List<String> renderParameters(ParameterValues parameters, Set<Integer> masked) {
        if (!parametersCaptured || parameters == null) {
            return null;
        }
        List<String> rendered = new ArrayList<>();
        for (int index = 1; index <= parameters.highestIndex(); index++) {
            rendered.add(masked.contains(index) ? Redactor.MASK : renderer.render(parameters.value(index)));
        }
        return rendered;
    }

    private static String firstKnown(String stated, String fallback) {
        return stated != null ? stated : fallback;
    }

    private static String unquoted(String literal) {
        if (literal != null && literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        return literal;
    }

    /** The raw text of every value that must be masked, collected while rendering. */
    private final class Secrets {
        private final Set<String> raw = new LinkedHashSet<>();

        void add(String secret) {
            if (secret != null && !secret.isEmpty() && !"NULL".equalsIgnoreCase(secret)) {
                raw.add(secret);
            }
        }

        String renderFor(String column, Object value) {
            if (!redactor.isSensitive(column)) {
                return value instanceof SentValues.Literal ? value.toString() : renderer.render(value);
            }
            add(value instanceof SentValues.Literal ? unquoted(value.toString()) : ValueRenderer.raw(value));
            return Redactor.MASK;
        }

        String maskAll(String text) {
            return Redactor.maskAll(text, raw);
        }
    }
}
