package io.integrityagent.report;

import io.integrityagent.capture.FailedExecution;
import io.integrityagent.catalog.CatalogLookup;
import io.integrityagent.context.Correlation;
import io.integrityagent.explanation.Explainer;
import io.integrityagent.explanation.ExplanationInput;
import io.integrityagent.explanation.RememberedAdvice;
import io.integrityagent.model.AccessPath;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.Handling;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the report of one violation in three steps: {@link ViolationAnalysis} works out what happened,
 * {@link Masking} decides what of it may be shown, and the {@link Explainer} puts it into words. The last two
 * wait until an output reads the report's text: a repeat that is only counted is never worded.
 */
public final class ReportAssembler {

    /** An MDC is usually a handful of ids; a runaway one must not make every event huge. */
    static final int CONTEXT_ENTRIES = 32;

    private final ViolationAnalysis analysis;
    private final CatalogLookup catalog;
    private final ValueRenderer renderer;
    private final Redactor redactor;
    private final boolean parametersCaptured;
    private final RememberedAdvice advice = new RememberedAdvice();

    public ReportAssembler(ValueRenderer renderer, Redactor redactor, boolean parametersCaptured,
                           CatalogLookup catalog) {
        this.renderer = renderer;
        this.redactor = redactor;
        this.parametersCaptured = parametersCaptured;
        this.analysis = new ViolationAnalysis(catalog);
        this.catalog = catalog;
    }

    /**
     * @param ordinal which violation of this failure it is (0 for the first): a batch with several failed
     *                entries chains one exception per entry
     * @param correlation the span and MDC of the thread that ran into it
     * @param path        how the statement came from the call site, read from the frames in between
     */
    public ViolationReport assemble(FailedExecution failure, RecognizedViolation violation, int ordinal,
                                    Dialect dialect, String callSite, AccessPath path, Correlation correlation) {
        ResolvedViolation resolved = analysis.resolve(failure, violation, ordinal, dialect);
        ViolationFacts facts = resolved.facts();
        List<String> columns = resolved.columns();
        return ViolationReport.builder()
                .kind(resolved.kind())
                .db(dialect.system().systemName())
                .sqlState(facts.sqlState())
                .vendorCode(facts.vendorCode())
                .constraint(facts.constraint())
                .index(facts.constraint() == null ? facts.index() : null)
                .table(resolved.table())
                .columns(columns.isEmpty() ? null : columns)
                .referencedTable(resolved.referencedTable())
                .referencingTable(resolved.referencingTable())
                .batchIndex(resolved.batchIndex())
                .operation(resolved.shape().verb())
                .exception(failure.thrown().getClass().getName())
                .callSite(callSite)
                .traceId(correlation.traceId())
                .spanId(correlation.spanId())
                .handling(handling(failure, violation, dialect, resolved, callSite, path))
                .text(() -> text(resolved, dialect, correlation.mdc()))
                .build();
    }

    /**
     * The advice names classes, SQLSTATEs and vendor codes, never a value. It reads the exceptions again, whose
     * getters may throw: then there is no advice, and the rest of the report stands.
     */
    private Handling handling(FailedExecution failure, RecognizedViolation violation, Dialect dialect,
                              ResolvedViolation resolved, String callSite, AccessPath path) {
        try {
            return advice.advise(path, resolved.kind(), dialect.system(), failure.thrown(),
                    violation.exception(), "COMMIT".equals(resolved.shape().verb()),
                    catalog.autoCommit(failure.statement()), callSite);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * What the report says, masked and cut. Made from the resolved violation alone, which no longer changes: the
     * statement's later use cannot reach it.
     */
    private ViolationReport.Text text(ResolvedViolation resolved, Dialect dialect, Map<String, String> mdc) {
        ViolationFacts facts = resolved.facts();
        List<String> columns = resolved.columns();
        SentValues sent = resolved.sent();
        Masking masking = new Masking(redactor, renderer, resolved.shape(), resolved.sql(), resolved.parameters(),
                resolved.tableMayHoldColumnMatching(redactor::isSensitive),
                resolved.dialect().doubleQuotesMayQuoteStrings());
        Map<String, String> values = masking.values(
                columns.isEmpty() ? sent.wholeRow() : sent.forColumns(columns, facts), facts, columns,
                resolved.keyCarrier());
        ExplanationInput input = new ExplanationInput(facts, masking.echoed(facts.keyValue()), dialect,
                resolved.shape().verb(), resolved.table(), columns.isEmpty() ? null : columns, values,
                sent.omittedFromInsert(columns));
        return new ViolationReport.Text(values, masking.sql(),
                parametersCaptured ? masking.parameters() : null,
                masking.text(resolved.failingEntry().note(values)),
                masking.message(facts.message()),
                renderContext(mdc, masking),
                masking.text(Explainer.explain(input)),
                new LookupTarget(resolved, masking, redactor, values).query(renderer.maxLength()),
                masking.text(Explainer.remedy(input)));
    }

    /**
     * The MDC as shown: at most {@link #CONTEXT_ENTRIES} entries, each key and value cut to
     * {@code values.max.length} like any value, and masked when its key is named like a sensitive column (an MDC
     * key {@code sessionToken} is as secret as a column of that name).
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
            String key = renderer.shortenValue(entry.getKey());
            shown.put(key, redactor.isSensitive(entry.getKey()) ? Redactor.MASK
                    : masking.text(renderer.shortenValue(entry.getValue())));
        }
        return shown;
    }
}
