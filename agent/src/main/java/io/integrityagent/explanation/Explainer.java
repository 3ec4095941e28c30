package io.integrityagent.explanation;

import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.sql.SqlOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts a violation into plain words: what the statement tried, why the database refused it, and what to
 * change — naming the real table, columns, values and constraint wherever they are known.
 */
public final class Explainer {

    private Explainer() {
    }

    public static String explain(ExplanationInput in) {
        ViolationFacts facts = in.facts;
        String refused = statement(in) + " was refused: ";
        switch (facts.kind()) {
            case UNIQUE:
                if (in.columns == null && in.keyValue != null) {
                    return refused + "a row with the key '" + in.keyValue + "' already exists, and "
                            + constraint(facts) + " allows each key only once" + sentValues(in) + ".";
                }
                if (in.columns == null) {
                    return refused + "it would duplicate a value that " + constraint(facts) + " requires to be"
                            + " unique" + sentValues(in) + ".";
                }
                return refused + "a row with " + valuesOf(in, in.columns) + " already exists, and "
                        + constraint(facts) + " allows each " + joined(in.columns) + " only once.";
            case FOREIGN_KEY:
                return facts.parentSide() ? refused + parentStillReferenced(in) : refused + parentMissing(in);
            case NOT_NULL:
                return refused + notNull(in);
            case CHECK:
                String condition = facts.checkExpression() == null ? "" : " (" + facts.checkExpression() + ")";
                return refused + "the row does not satisfy " + constraint(facts) + condition + sentValues(in) + ".";
            case EXCLUSION:
                return refused + "the row conflicts with an existing row under " + constraint(facts)
                        + sentValues(in) + ".";
            default:
                return refused + "it violates " + constraint(facts) + " (SQLSTATE " + facts.sqlState() + ")"
                        + sentValues(in) + ".";
        }
    }

    public static String remedy(ExplanationInput in) {
        ViolationFacts facts = in.facts;
        switch (facts.kind()) {
            case UNIQUE:
                String key = in.columns == null ? "key" : joined(in.columns);
                if (in.operation == SqlOperation.UPDATE) {
                    return "Another row already has this " + key + ": choose a different value, or change that"
                            + " row instead. If a clash is a normal outcome, catch the error and tell the caller"
                            + " the " + key + " is taken.";
                }
                return "Look the row up by " + (in.columns == null ? "its key" : key) + " before inserting, or "
                        + in.dialect.upsertAdvice(in.table, in.columns == null ? new ArrayList<>() : in.columns)
                        + ". If a duplicate is a normal outcome (a second sign-up, a retried request), catch the"
                        + " error and tell the caller the " + key + " is taken.";
            case FOREIGN_KEY:
                if (facts.parentSide()) {
                    String children = name(facts.tableWhereItLives(), "referencing");
                    return "Delete or re-point the " + children + " rows that refer to it first, or declare "
                            + constraint(facts) + " with ON DELETE CASCADE (or SET NULL) if those rows should"
                            + " follow their parent.";
                }
                String parentRow = name(facts.referencedTableWhereItLives(), "parent");
                String parent = name(facts.referencedTableWhereItLives(), "the referenced table");
                return "Insert the " + parentRow + " row first (in the same transaction), or correct "
                        + columnsOr(in, "the foreign-key value") + " to a key that exists in " + parent
                        + "; if the parent can be deleted concurrently, handle that case.";
            case NOT_NULL:
                String column = in.columns == null ? "the column" : joined(in.columns);
                return "Give " + column + " a value before sending the statement, or give the column a DEFAULT"
                        + " in the schema; if the value is really optional, make " + column + " nullable.";
            case CHECK:
                return "Validate the values against " + constraint(facts) + " before sending them, and reject"
                        + " invalid input with a clear message to the caller; if the rule itself is wrong,"
                        + " change the constraint.";
            case EXCLUSION:
                return "Look for an overlapping row before writing, or lock the range; if overlaps are"
                        + " expected, catch the error and report the conflict to the caller.";
            default:
                return "Read the database's message below for which rule was broken, and check the values"
                        + " against it before sending them.";
        }
    }

    private static String parentMissing(ExplanationInput in) {
        ViolationFacts facts = in.facts;
        String parent = name(facts.referencedTableWhereItLives(), "parent");
        if (in.columns == null) {
            // The values are the whole row sent, not the key: say so instead of calling them the key.
            return "the row refers to a " + parent + " row that does not exist, and " + constraint(facts)
                    + " requires it to" + sentValues(in) + ".";
        }
        String parentKey = facts.referencedColumns().isEmpty() || in.values.isEmpty() ? ""
                : " with " + joined(facts.referencedColumns()) + " = " + joinedValues(in);
        return joined(in.columns) + valuesSuffix(in) + " refers to a " + parent + " row" + parentKey
                + " that does not exist, and " + constraint(facts) + " requires it to.";
    }

    private static String parentStillReferenced(ExplanationInput in) {
        ViolationFacts facts = in.facts;
        String children = name(facts.tableWhereItLives(), "another table");
        String through = facts.columns().isEmpty() ? "" : "." + joined(facts.columns());
        String row = in.values.isEmpty() ? "the row" : "the row with " + valuesOf(in, in.values.keySet());
        return row + " is still referenced from " + children + through + " through " + constraint(facts) + ".";
    }

    private static String notNull(ExplanationInput in) {
        String column = in.columns == null ? "a column" : "column " + joined(in.columns);
        if (!in.omittedColumns.isEmpty()) {
            return column + " requires a value, but the statement left it out of its column list and the"
                    + " column has no default.";
        }
        if (in.columns != null && in.values.containsKey(in.columns.get(0))) {
            return column + " requires a value, but the statement sent NULL for it.";
        }
        return column + " requires a value, but the statement gave it none.";
    }

    private static String statement(ExplanationInput in) {
        String operation = in.verb == null ? "The statement" : "The " + in.verb;
        String preposition = in.operation == SqlOperation.INSERT || in.operation == SqlOperation.MERGE ? " into "
                : " on ";
        return in.table == null ? operation : operation + preposition + in.table;
    }

    private static String constraint(ViolationFacts facts) {
        if (facts.constraint() == null && facts.index() != null) {
            return "unique index " + facts.index();
        }
        return facts.constraint() == null ? "a " + facts.kind().noun()
                : facts.kind().noun() + " " + facts.constraint();
    }

    private static String sentValues(ExplanationInput in) {
        return in.values.isEmpty() ? "" : "; values sent: " + valuesOf(in, in.values.keySet());
    }

    private static String valuesSuffix(ExplanationInput in) {
        return in.values.isEmpty() ? "" : " = " + joinedValues(in);
    }

    private static String columnsOr(ExplanationInput in, String fallback) {
        return in.columns == null ? fallback : joined(in.columns);
    }

    private static String valuesOf(ExplanationInput in, Iterable<String> columns) {
        List<String> pairs = new ArrayList<>();
        for (String column : columns) {
            String value = in.values.get(column);
            pairs.add(value == null ? column : column + " = " + value);
        }
        return String.join(", ", pairs);
    }

    private static String joinedValues(ExplanationInput in) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> value : in.values.entrySet()) {
            values.add(value.getValue());
        }
        return values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")";
    }

    private static String joined(Iterable<String> columns) {
        return String.join(", ", columns);
    }

    private static String name(String table, String fallback) {
        return table == null ? fallback : table;
    }
}
