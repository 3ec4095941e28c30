package io.integrityagent.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One violation, fully explained: sensitive values are already masked (in the database's message and the SQL
 * too) and long values truncated. Its text is as sent and as the database wrote it, control characters
 * included: each output escapes them exactly once, in its own format (see {@code io.integrityagent.util.Escaping}),
 * so none is written raw and none twice. Unknown facts are null.
 *
 * <p>What identifies the violation (kind, constraint, table, operation, call site, …) is known as soon as the
 * report exists; its {@link Text} — values, SQL, parameters, message and explanation, masked and cut — may be made
 * only when an output first reads it. In a storm, most violations are repeats that only metrics and the log's
 * count see, and so are never put into words at all.
 */
public final class ViolationReport {

    private final Instant timestamp;
    private final ViolationKind kind;
    private final String db;
    private final String sqlState;
    private final Integer vendorCode;
    private final String constraint;
    private final String index;
    private final String table;
    private final List<String> columns;
    private final String referencedTable;
    private final String referencingTable;
    private final Integer batchIndex;
    private final String operation;
    private final String exception;
    private final String callSite;
    private final String traceId;
    private final String spanId;
    /** How the application can handle it where it surfaces; judged when the report is made. */
    private final Handling handling;
    /** Null until made; once made, never changes. */
    private volatile Text text;
    /** Makes {@link #text}; let go of once it is made, with what it holds of the failure. */
    private volatile Supplier<Text> textMaker;

    private ViolationReport(Builder b) {
        timestamp = b.timestamp;
        kind = b.kind;
        db = b.db;
        sqlState = b.sqlState;
        vendorCode = b.vendorCode;
        constraint = b.constraint;
        index = b.index;
        table = b.table;
        columns = b.columns == null ? null : Collections.unmodifiableList(b.columns);
        referencedTable = b.referencedTable;
        referencingTable = b.referencingTable;
        batchIndex = b.batchIndex;
        operation = b.operation;
        exception = b.exception;
        callSite = b.callSite;
        traceId = b.traceId;
        spanId = b.spanId;
        handling = b.handling;
        if (b.textMaker != null) {
            textMaker = b.textMaker;
        } else {
            text = new Text(b.values == null ? Map.of() : b.values, b.sql, b.parameters, b.failingEntry, b.message, b.context, b.explanation,
                    b.lookup, b.remedy);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Instant timestamp() { return timestamp; }
    public ViolationKind kind() { return kind; }
    /** The OpenTelemetry {@code db.system.name} value, e.g. {@code h2database}, {@code postgresql}. */
    public String db() { return db; }
    public String sqlState() { return sqlState; }
    public Integer vendorCode() { return vendorCode; }
    public String constraint() { return constraint; }
    /** The unique index the database named, when the constraint is not known (never the constraint's name). */
    public String index() { return index; }
    public String table() { return table; }
    /** The constrained columns, or null when neither the database nor the SQL tells. */
    public List<String> columns() { return columns; }
    /** Column → the value the application sent for it, rendered (strings quoted, secrets masked). */
    public Map<String, String> values() { return text().values; }
    /** For a foreign key: the parent table, whose row is referenced. */
    public String referencedTable() { return referencedTable; }
    /** For a foreign key: the child table, which holds the key (on the parent side, the rows still referring). */
    public String referencingTable() { return referencingTable; }
    public String sql() { return text().sql; }
    /** The bound parameters rendered in index order (of the failing entry for a batch); null if not captured. */
    public List<String> parameters() { return text().parameters; }
    public Integer batchIndex() { return batchIndex; }
    /**
     * When the driver did not say which batch entry or multi-row VALUES row failed: how the values the database
     * echoed tell it, or that several entries carry them; null otherwise.
     */
    public String failingEntry() { return text().failingEntry; }
    public String operation() { return operation; }
    public String exception() { return exception; }
    public String message() { return text().message; }
    public String callSite() { return callSite; }
    /** The OpenTelemetry trace the violating call ran in, or null when it ran in none. */
    public String traceId() { return traceId; }
    public String spanId() { return spanId; }
    /** The application thread's SLF4J MDC, masked and shortened like values; null without an MDC. */
    public Map<String, String> context() { return text().context; }
    public String explanation() { return text().explanation; }
    /**
     * The query that shows the rows involved (the existing row, the missing parent, the referencing children, the
     * row an UPDATE targeted), for the user to run in the database's console; null when there is none.
     */
    public String lookup() { return text().lookup; }
    public String remedy() { return text().remedy; }
    /** How the application can handle it where it surfaces; null when it could not be judged. */
    public Handling handling() { return handling; }

    /**
     * The text, made now if it was not yet. Takes no lock: two threads that both find it missing both make it,
     * from the same facts, and either result stands. A maker that throws is tried again by the next reader.
     */
    private Text text() {
        Text made = text;
        if (made != null) {
            return made;
        }
        Supplier<Text> maker = textMaker;
        if (maker == null) {
            return text; // made by another thread meanwhile, which set it before it let go of the maker
        }
        made = maker.get();
        text = made;
        textMaker = null;
        return made;
    }

    /** The parts of a report that take work to make: masked, cut and put into words. */
    public static final class Text {
        private final Map<String, String> values;
        private final String sql;
        private final List<String> parameters;
        private final String failingEntry;
        private final String message;
        private final Map<String, String> context;
        private final String explanation;
        private final String lookup;
        private final String remedy;

        /** Each argument as the getter of the same name in {@link ViolationReport} describes it. */
        public Text(Map<String, String> values, String sql, List<String> parameters, String failingEntry,
                    String message, Map<String, String> context, String explanation, String lookup,
                    String remedy) {
            this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            this.sql = sql;
            this.parameters = parameters == null ? null : Collections.unmodifiableList(parameters);
            this.failingEntry = failingEntry;
            this.message = message;
            this.context = context == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(context));
            this.explanation = explanation;
            this.lookup = lookup;
            this.remedy = remedy;
        }
    }

    /** Fills a report field by field; every field may stay null except the kind. */
    public static final class Builder {
        private Instant timestamp = Instant.now();
        private ViolationKind kind = ViolationKind.OTHER;
        private String db;
        private String sqlState;
        private Integer vendorCode;
        private String constraint;
        private String index;
        private String table;
        private List<String> columns;
        /** Made at the first value: a report whose text is made later needs none. */
        private Map<String, String> values;
        private String referencedTable;
        private String referencingTable;
        private String sql;
        private List<String> parameters;
        private Integer batchIndex;
        private String failingEntry;
        private String operation;
        private String exception;
        private String message;
        private String callSite;
        private String traceId;
        private String spanId;
        private Map<String, String> context;
        private String explanation;
        private String lookup;
        private String remedy;
        private Handling handling;
        private Supplier<Text> textMaker;

        public Builder timestamp(Instant v) { timestamp = v; return this; }
        public Builder kind(ViolationKind v) { kind = v; return this; }
        public Builder db(String v) { db = v; return this; }
        public Builder sqlState(String v) { sqlState = v; return this; }
        public Builder vendorCode(Integer v) { vendorCode = v; return this; }
        public Builder constraint(String v) { constraint = v; return this; }
        public Builder index(String v) { index = v; return this; }
        public Builder table(String v) { table = v; return this; }
        public Builder columns(List<String> v) { columns = v; return this; }
        public Builder value(String column, String rendered) {
            if (values == null) {
                values = new LinkedHashMap<>();
            }
            values.put(column, rendered);
            return this;
        }
        public Builder referencedTable(String v) { referencedTable = v; return this; }
        public Builder referencingTable(String v) { referencingTable = v; return this; }
        public Builder sql(String v) { sql = v; return this; }
        public Builder parameters(List<String> v) { parameters = v; return this; }
        public Builder batchIndex(Integer v) { batchIndex = v; return this; }
        public Builder failingEntry(String v) { failingEntry = v; return this; }
        public Builder operation(String v) { operation = v; return this; }
        public Builder exception(String v) { exception = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder callSite(String v) { callSite = v; return this; }
        public Builder traceId(String v) { traceId = v; return this; }
        public Builder spanId(String v) { spanId = v; return this; }
        public Builder context(Map<String, String> v) { context = v; return this; }
        public Builder explanation(String v) { explanation = v; return this; }
        public Builder lookup(String v) { lookup = v; return this; }
        public Builder remedy(String v) { remedy = v; return this; }
        public Builder handling(Handling v) { handling = v; return this; }

        /**
         * Makes the text when an output first reads it, instead of the text fields set one by one; it must read
         * only what no longer changes, since it may run after the statement has moved on.
         */
        public Builder text(Supplier<Text> maker) { textMaker = maker; return this; }

        public ViolationReport build() {
            return new ViolationReport(this);
        }
    }
}
