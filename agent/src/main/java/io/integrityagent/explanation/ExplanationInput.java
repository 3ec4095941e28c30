package io.integrityagent.explanation;

import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.sql.SqlOperation;
import java.util.List;
import java.util.Map;

/** Everything an explanation may name, already masked: the facts, the statement and the values sent. */
public final class ExplanationInput {

    final ViolationFacts facts;
    final String keyValue;
    final Dialect dialect;
    final String verb;
    final SqlOperation operation;
    final String table;
    final List<String> columns;
    final Map<String, String> values;
    final List<String> omittedColumns;

    /**
     * @param keyValue       the key value the database printed without its columns ({@link
     *                       ViolationFacts#keyValue()}), masked as the report may show it; null when none
     * @param verb           the statement's verb as sent, or null
     * @param table          the table the statement changed (for a parent-side foreign key, the parent)
     * @param columns        the constrained columns, or null when unknown
     * @param values         column → rendered value sent (masked where sensitive)
     * @param omittedColumns constrained columns an INSERT with a column list did not name
     */
    public ExplanationInput(ViolationFacts facts, String keyValue, Dialect dialect, String verb, String table,
                            List<String> columns, Map<String, String> values, List<String> omittedColumns) {
        this.facts = facts;
        this.keyValue = keyValue;
        this.dialect = dialect;
        this.verb = verb;
        this.operation = SqlOperation.of(verb);
        this.table = table;
        this.columns = columns;
        this.values = values;
        this.omittedColumns = omittedColumns;
    }
}
