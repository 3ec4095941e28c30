package io.integrityagent.dialect;

import io.integrityagent.capture.FailedExecution;
import io.integrityagent.capture.StatementCapture;
import io.integrityagent.catalog.CatalogLookup;
import io.integrityagent.context.Correlation;
import io.integrityagent.model.AccessPath;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationReport;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.RecognizedViolation;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.recognition.ViolationRecognizer;
import io.integrityagent.report.Redactor;
import io.integrityagent.report.ReportAssembler;
import io.integrityagent.report.ValueRenderer;
import io.integrityagent.model.ViolationReport;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** Runs a driver's exception through the agent's path, as the pipeline does, up to the finished reports. */
final class DialectReports {

    static final Pattern SECRETS = Pattern.compile("password|secret|token", Pattern.CASE_INSENSITIVE);

    private DialectReports() {
    }

    /** The reports of every violation in {@code thrown}, the database told by the exception alone. */
    private static final AccessPath PLAIN_JDBC = new AccessPath(AccessPath.Layer.JDBC, AccessPath.Moment.STATEMENT,
            null, false, null, List.of());

    static List<ViolationReport> of(Throwable thrown, StatementCapture capture, boolean batch) {
        FailedExecution failure = new FailedExecution(thrown, null, capture, null, batch);
        List<Throwable> chain = ViolationRecognizer.chainOf(thrown);
        Dialect dialect = Dialects.of(DatabaseSystem.detect(failure.statementClass(), chain));
        List<RecognizedViolation> violations = ViolationRecognizer.recognize(chain, dialect);
        ReportAssembler assembler = new ReportAssembler(new ValueRenderer(200, 2000), new Redactor(SECRETS), true,
                new CatalogLookup(Callable::call));
        List<ViolationReport> reports = new ArrayList<>();
        for (int i = 0; i < violations.size(); i++) {
            reports.add(assembler.assemble(failure, violations.get(i), i, dialect, "com.example.Repository.save",
                    PLAIN_JDBC, Correlation.NONE));
        }
        return reports;
    }

    /** What {@code dialect} reads from one exception, as the analysis starts a report: the facts it states. */
    static ViolationFacts describe(Dialect dialect, SQLException e) {
        ViolationFacts facts = new ViolationFacts(dialect.classify(e), e.getSQLState(), e.getErrorCode(),
                e.getMessage());
        dialect.describe(e, facts);
        return facts;
    }

    /** A prepared statement's capture with one set of bound values. */
    static StatementCapture prepared(String sql, Object... values) {
        StatementCapture capture = new StatementCapture();
        capture.prepared(sql);
        bind(capture, values);
        return capture;
    }

    /** A prepared statement's capture with one batch entry per row of values. */
    static StatementCapture preparedBatch(String sql, Object[]... entries) {
        StatementCapture capture = new StatementCapture();
        capture.prepared(sql);
        for (Object[] entry : entries) {
            bind(capture, entry);
            capture.holdBatchEntry();
            capture.addHeldBatchEntry();
        }
        return capture;
    }

    private static void bind(StatementCapture capture, Object... values) {
        for (int i = 0; i < values.length; i++) {
            capture.parameters().setObject(i + 1, values[i]);
        }
    }

    /** Every text of the report a reader sees. */
    static String allText(ViolationReport report) {
        return String.join("\n", String.valueOf(report.message()), String.valueOf(report.sql()),
                String.valueOf(report.parameters()), String.valueOf(report.values()),
                String.valueOf(report.explanation()), String.valueOf(report.lookup()), String.valueOf(report.remedy()));
    }
}
