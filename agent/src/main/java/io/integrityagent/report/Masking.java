package io.integrityagent.report;

import io.integrityagent.capture.ParameterValues;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import io.integrityagent.sql.ColumnSource;
import io.integrityagent.sql.SqlShape;
import io.integrityagent.sql.TextSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the agent may show of the values one failed statement carried, and everything it writes about that
 * statement masked and shortened accordingly: the SQL, the parameters, the values by column, the database's
 * message, the explanation. The rules, in one place:
 * <ol>
 *   <li>A value bound or written for a sensitive column (by name, see {@link Redactor}) is masked.</li>
 *   <li>When the statement may carry a secret — it names a sensitive column anywhere, or it is an INSERT without
 *       column list into a table that has one, or whose columns the catalog could not be asked for — and some
 *       value cannot be paired with its column for certain, then every such value is masked: every bind
 *       parameter not paired, and every string literal of the text (in an expression, a sub-select, a conflict
 *       clause, a second statement). Privacy wins over detail.</li>
 *   <li>Every masked value is masked again wherever the database or the explanation repeats it, and in the
 *       database's message also every start of it that stands on its own (a key over a column prefix).</li>
 *   <li>A value the database printed for a sensitive column, or a key value that may be a secret the statement
 *       did not send visibly, is masked too.</li>
 *   <li>Every value shown is cut to {@code values.max.length}: parameters, literals inside the SQL, values the
 *       database repeats in its message; the SQL then to {@code sql.max.length}.</li>
 * </ol>
 * Numeric literals are masked only when paired with a sensitive column (rule 1).
 */
final class Masking {

    private final Redactor redactor;
    private final ValueRenderer renderer;
    private final SqlShape shape;
    private final String sql;
    private final ParameterValues parameters;
    /** The text's string literals, and its {@code "…"} names where the database may read them as strings. */
    private final List<TextSpan> stringLiterals;
    private final Set<String> secrets = new LinkedHashSet<>();
    /** Long values the statement sent, to be cut wherever the database repeats them. */
    private final Set<String> longValues = new LinkedHashSet<>();
    private final Set<Integer> maskedParameters = new LinkedHashSet<>();
    private final Set<Integer> maskedLiteralStarts = new HashSet<>();

    /**
     * @param tableMayHoldSecret the statement is an INSERT without column list into a table that has a sensitive
     *                           column, or whose columns are not known
     * @param doubleQuotedStrings {@code "…"} may be a string on this database, and is masked like one
     */
    Masking(Redactor redactor, ValueRenderer renderer, SqlShape shape, String sql, ParameterValues parameters,
            boolean tableMayHoldSecret, boolean doubleQuotedStrings) {
        this.redactor = redactor;
        this.renderer = renderer;
        this.shape = shape;
        this.sql = sql;
        this.parameters = parameters;
        List<TextSpan> literals = new ArrayList<>(shape.stringLiterals());
        if (doubleQuotedStrings) {
            literals.addAll(shape.doubleQuotedNames());
            literals.sort(Comparator.comparingInt(TextSpan::start));
        }
        this.stringLiterals = literals;
        boolean mayCarrySecret = tableMayHoldSecret || redactor.mentionsSensitive(sql) || namesSensitiveColumn();
        maskParameters(mayCarrySecret);
        maskLiterals(mayCarrySecret && !everyStringLiteralPaired());
    }

    private boolean namesSensitiveColumn() {
        return shape.columns().stream().anyMatch(source -> redactor.isSensitive(source.column()));
    }

    private void maskParameters(boolean maskUnpaired) {
        Set<Integer> paired = new HashSet<>();
        for (ColumnSource source : shape.columns()) {
            if (source.isParameter()) {
                paired.add(source.parameterIndex());
                if (redactor.isSensitive(source.column())) {
                    maskedParameters.add(source.parameterIndex());
                }
            }
        }
        if (parameters == null) {
            return;
        }
        for (int index = 1; index <= parameters.highestIndex(); index++) {
            if (maskUnpaired && !paired.contains(index)) {
                maskedParameters.add(index);
            }
            String raw = ValueRenderer.raw(parameters.value(index));
            if (maskedParameters.contains(index)) {
                addSecret(raw);
            } else {
                addLongValue(raw);
            }
        }
    }

    private boolean everyStringLiteralPaired() {
        Set<Integer> paired = new HashSet<>();
        for (ColumnSource source : shape.columns()) {
            if (source.isLiteral()) {
                paired.add(source.literalStart());
            }
        }
        return stringLiterals.stream().allMatch(literal -> paired.contains(literal.start()));
    }

    private void maskLiterals(boolean everyStringLiteral) {
        for (ColumnSource source : shape.columns()) {
            if (source.isLiteral() && redactor.isSensitive(source.column())) {
                maskedLiteralStarts.add(source.literalStart());
                addLiteralSecret(source.literal());
            }
        }
        for (TextSpan literal : stringLiterals) {
            String text = sql.substring(literal.start(), literal.end());
            String content = LiteralValues.content(text);
            if (everyStringLiteral) {
                maskedLiteralStarts.add(literal.start());
                addLiteralSecret(text);
            } else if (!maskedLiteralStarts.contains(literal.start())) {
                addLongValue(content);
            }
        }
    }

    /**
     * The values sent by column, rendered for the report. Learns the secrets among them and among the values the
     * database printed in {@code facts}, so that everything written afterwards masks them: a value sent or
     * printed for a sensitive column is a secret, and so is a key value that may be one. {@code facts} are only
     * read.
     *
     * @param sentByColumn what {@link SentValues} found for the report's columns
     * @param columns      the constrained columns as the report names them
     * @param keyCarrier   the values of a batch entry that carries the key value, when which entry failed is not
     *                     known (and so the statement's parameters are not); null otherwise
     */
    Map<String, String> values(Map<String, Object> sentByColumn, ViolationFacts facts, List<String> columns,
                               ParameterValues keyCarrier) {
        if (keyCarrier != null) {
            for (int index = 1; index <= keyCarrier.highestIndex(); index++) {
                if (maskedParameters.contains(index)) {
                    addSecret(ValueRenderer.raw(keyCarrier.value(index)));
                }
            }
        }
        boolean foreignKeyHoldsSecret = foreignKeyHoldsSecret(facts);
        if (foreignKeyHoldsSecret) {
            maskKeyColumnsSent(columns);
        }
        for (Map.Entry<String, Object> value : sentByColumn.entrySet()) {
            if (redactor.isSensitive(value.getKey()) || foreignKeyHoldsSecret && containsIgnoringCase(columns,
                    value.getKey())) {
                Object sentValue = value.getValue();
                if (sentValue instanceof SentValues.Literal) {
                    addLiteralSecret(sentValue.toString());
                } else {
                    addSecret(ValueRenderer.raw(sentValue));
                }
            }
        }
        for (Map.Entry<String, String> reported : facts.reportedValues().entrySet()) {
            if (redactor.isSensitive(reported.getKey()) || foreignKeyHoldsSecret) {
                addSecret(LiteralValues.content(reported.getValue()));
            }
        }
        if (facts.keyValue() != null && (foreignKeyHoldsSecret || keyValueMayBeSecret(facts, columns, keyCarrier))) {
            addSecret(facts.keyValue());
        }
        for (String reported : facts.reportedValues().values()) {
            addLongValue(LiteralValues.content(reported));
        }
        addLongValue(facts.keyValue());

        Map<String, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> value : sentByColumn.entrySet()) {
            Object sentValue = value.getValue();
            String shown = redactor.isSensitive(value.getKey())
                    || foreignKeyHoldsSecret && containsIgnoringCase(columns, value.getKey()) ? Redactor.MASK
                    : sentValue instanceof SentValues.Literal ? renderer.shortenLiteral(sentValue.toString())
                    : renderer.render(sentValue);
            // What the application sent is masked where it is a whole secret; an echo's start is masked only in
            // what the database printed (above), so a key part the application sent in clear stays readable.
            rendered.put(value.getKey(), Redactor.maskAll(shown, secrets));
        }
        return rendered;
    }

    /**
     * Whether a foreign key has a sensitive column on either side: the parent's key is then the child's secret (a
     * parent keyed by the api_key its children hold), whichever side the statement names.
     */
    private boolean foreignKeyHoldsSecret(ViolationFacts facts) {
        return facts.kind() == ViolationKind.FOREIGN_KEY && (facts.columns().stream().anyMatch(redactor::isSensitive)
                || facts.referencedColumns().stream().anyMatch(redactor::isSensitive));
    }

    /** Masks the parameters and literals the statement sent for the key's columns, wherever they stand in it. */
    private void maskKeyColumnsSent(List<String> columns) {
        for (ColumnSource source : shape.columns()) {
            if (!containsIgnoringCase(columns, source.column())) {
                continue;
            }
            if (source.isParameter()) {
                maskedParameters.add(source.parameterIndex());
                if (parameters != null) {
                    addSecret(ValueRenderer.raw(parameters.value(source.parameterIndex())));
                }
            } else if (source.isLiteral()) {
                maskedLiteralStarts.add(source.literalStart());
                addLiteralSecret(source.literal());
            }
        }
    }

    private static boolean containsIgnoringCase(List<String> names, String name) {
        return name != null && names.stream().anyMatch(name::equalsIgnoreCase);
    }

    /**
     * Whether the key value the database printed may be a secret that masking the values sent would not catch:
     * it is a sensitive column's; or its columns are unknown and either the key is named like a sensitive column
     * or the value is not made of values the statement sent (those among them that are masked are masked in its
     * echo too). A key over columns the statement did not send (an UPDATE of one column of a composite key, an
     * INSERT … SELECT) may hold any column of the row.
     */
    private boolean keyValueMayBeSecret(ViolationFacts facts, List<String> columns, ParameterValues keyCarrier) {
        if (!columns.isEmpty()) {
            return columns.stream().anyMatch(redactor::isSensitive);
        }
        return redactor.isSensitive(facts.constraint()) || !madeOfValuesSent(facts.keyValue(), keyCarrier);
    }

    /**
     * Whether {@code key} is one value the statement sent, or several joined by "-" as MySQL and MariaDB print a
     * composite key; the last may be cut short, as they cut a long key.
     */
    private boolean madeOfValuesSent(String key, ParameterValues keyCarrier) {
        Set<String> sent = valuesSent();
        addParameters(sent, keyCarrier);
        boolean[] partStarts = new boolean[key.length() + 1];
        partStarts[0] = true;
        for (int start = 0; start < key.length(); start++) {
            if (!partStarts[start]) {
                continue;
            }
            for (String value : sent) {
                int end = start + value.length();
                if (key.startsWith(value, start)) {
                    if (end == key.length()) {
                        return true;
                    }
                    if (key.charAt(end) == '-') {
                        partStarts[end + 1] = true;
                    }
                } else if (end > key.length() && value.startsWith(key.substring(start))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The bound parameters' values and the literals of the statement's text. */
    private Set<String> valuesSent() {
        Set<String> sent = new HashSet<>();
        addParameters(sent, parameters);
        for (ColumnSource source : shape.columns()) {
            if (source.isLiteral()) {
                addSent(sent, LiteralValues.content(source.literal()));
            }
        }
        for (TextSpan literal : stringLiterals) {
            addSent(sent, LiteralValues.content(sql.substring(literal.start(), literal.end())));
        }
        return sent;
    }

    private static void addParameters(Set<String> sent, ParameterValues bound) {
        if (bound != null) {
            for (int index = 1; index <= bound.highestIndex(); index++) {
                addSent(sent, ValueRenderer.raw(bound.value(index)));
            }
        }
    }

    private static void addSent(Set<String> sent, String value) {
        if (value != null && !value.isEmpty() && !"NULL".equalsIgnoreCase(value)) {
            sent.add(value);
        }
    }

    /**
     * A value the database printed (the key value an explanation repeats), masked as an echo of every secret
     * found by {@link #values} and cut.
     */
    String echoed(String value) {
        return renderer.shortenValue(Redactor.maskEchoes(value, secrets));
    }

    /** The SQL text with its masked literals replaced by the mask, its long ones cut, and then cut itself. */
    String sql() {
        if (sql == null) {
            return null;
        }
        List<int[]> replaced = new ArrayList<>();
        for (ColumnSource source : shape.columns()) {
            if (source.isLiteral() && maskedLiteralStarts.contains(source.literalStart())) {
                replaced.add(new int[] {source.literalStart(), source.literalEnd()});
            }
        }
        for (TextSpan literal : stringLiterals) {
            replaced.add(new int[] {literal.start(), literal.end()});
        }
        replaced.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder shown = new StringBuilder();
        int from = 0;
        for (int[] span : replaced) {
            if (span[0] < from) {
                continue; // a paired literal that is also a string literal
            }
            shown.append(sql, from, span[0]);
            String quote = sql.charAt(span[0]) == '"' ? "\"" : "'";
            shown.append(maskedLiteralStarts.contains(span[0]) ? quote + Redactor.MASK + quote
                    : renderer.shortenLiteral(sql.substring(span[0], span[1])));
            from = span[1];
        }
        shown.append(sql, from, sql.length());
        return renderer.shortenSql(Redactor.maskAll(shown.toString(), secrets));
    }

    /** The bound parameters rendered in index order, the masked ones as the mask. */
    List<String> parameters() {
        if (parameters == null) {
            return null;
        }
        List<String> rendered = new ArrayList<>();
        for (int index = 1; index <= parameters.highestIndex(); index++) {
            rendered.add(maskedParameters.contains(index) ? Redactor.MASK : renderer.render(parameters.value(index)));
        }
        return rendered;
    }

    /** The database's message: secrets and their starts masked, the long values it repeats cut, then cut. */
    String message(String message) {
        return renderer.shorten(renderer.shortenValuesIn(Redactor.maskEchoes(message, secrets), longValues));
    }

    /** Text the agent wrote about the statement (explanation, remedy), with every secret masked. */
    String text(String text) {
        return Redactor.maskAll(text, secrets);
    }

    private void addSecret(String secret) {
        if (secret != null && !secret.isEmpty() && !"NULL".equalsIgnoreCase(secret)) {
            secrets.add(secret);
        }
    }

    /**
     * A literal's content as a secret, and also as the database reads its backslash escapes: MySQL and MariaDB
     * undo them in every string ({@code 'a\tb'} is stored with a tab, {@code '\A'} as {@code A}), PostgreSQL in
     * {@code E''} strings. The database repeats the value it stored, which the literal's text may not contain.
     */
    private void addLiteralSecret(String literal) {
        String content = LiteralValues.content(literal);
        // The stored reading first: masking the raw text's start first would break up the stored value's echo.
        if (content != null && content.indexOf('\\') >= 0) {
            addSecret(LiteralValues.backslashEscapesUndone(content));
        }
        addSecret(content);
    }

    private void addLongValue(String value) {
        if (value != null && !renderer.shortenValue(value).equals(value)) {
            longValues.add(value);
        }
    }
}
