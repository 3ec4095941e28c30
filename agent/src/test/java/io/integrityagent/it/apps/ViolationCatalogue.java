package io.integrityagent.it.apps;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One application for every database: runs the scenarios of the catalogue that its caller names, in catalogue
 * order, against the database of a JDBC URL, in tables of its own. Each scenario is a method of
 * {@link CatalogueScenarios} named like it, so the agent's call site names the scenario.
 *
 * <p>Arguments: the JDBC URL; the name of the run's own schema (PostgreSQL) or database (MariaDB), which must be
 * the same for the runs with and without the agent, since the servers' messages name it; the scenarios, comma
 * separated. With {@code -Dit.lingerMillis=…} it waits that long before it exits, so that the agent's periodic
 * log summary comes due; with {@code -Dit.events=…} and {@code -Dit.lookups=…} it runs each scenario's lookup
 * query ({@link LookupCheck}).
 */
public final class ViolationCatalogue {

    public static final String SHORT_TOKEN = "tok-9f8e7d6c5b4a";
    /** Longer than the 64 bytes MariaDB prints of a duplicate key value. */
    public static final String LONG_TOKEN = "tok-" + "0123456789abcdef".repeat(6);
    /** A label whose second line would read as a log line of the agent's, were it written raw. */
    public static final String TWO_LINE_LABEL = "line one\nWARN integrity - forged line";
    /** A label ending in a tag character (U+E0041, beyond 16 bits), which hides text on screen and is escaped. */
    public static final String TAGGED_LABEL = "tagged\udb40\udc41";
    /** Every value the agent must never write, on any database. */
    public static final List<String> SECRETS = List.of(SHORT_TOKEN, LONG_TOKEN.substring(0, 12), "hunter2-twin",
            "s3cret-ada");

    /** The scenarios in the order they run: later ones rely on the rows earlier ones left (or did not). */
    public static final Map<String, Scenario> CATALOGUE = new LinkedHashMap<>();

    static {
        add("uniqueViaPreparedExecuteUpdate", CatalogueScenarios::uniqueViaPreparedExecuteUpdate);
        add("primaryKeyViaPreparedExecute", CatalogueScenarios::primaryKeyViaPreparedExecute);
        add("uniqueIndexViolated", CatalogueScenarios::uniqueIndexViolated);
        add("compositeUniqueKey", CatalogueScenarios::compositeUniqueKey);
        add("uniqueViaPlainStatementLiterals", CatalogueScenarios::uniqueViaPlainStatementLiterals);
        add("uniqueOnNullableColumn", CatalogueScenarios::uniqueOnNullableColumn);
        add("uniqueOverEveryType", CatalogueScenarios::uniqueOverEveryType);
        add("primaryKeyInQualifiedTable", CatalogueScenarios::primaryKeyInQualifiedTable);
        add("primaryKeyOfQuotedNames", CatalogueScenarios::primaryKeyOfQuotedNames);
        add("uniqueOfMixedCaseQuotedNames", CatalogueScenarios::uniqueOfMixedCaseQuotedNames);
        add("newlineInKeyValue", CatalogueScenarios::newlineInKeyValue);
        add("tagCharacterInKeyValue", CatalogueScenarios::tagCharacterInKeyValue);
        add("foreignKeyMissingParentViaPreparedExecute", CatalogueScenarios::foreignKeyMissingParentViaPreparedExecute);
        add("foreignKeyMissingParentViaUpdate", CatalogueScenarios::foreignKeyMissingParentViaUpdate);
        add("foreignKeyParentStillReferenced", CatalogueScenarios::foreignKeyParentStillReferenced);
        add("foreignKeyParentKeyUpdated", CatalogueScenarios::foreignKeyParentKeyUpdated);
        add("foreignKeyValueComputedByTheDatabase", CatalogueScenarios::foreignKeyValueComputedByTheDatabase);
        add("foreignKeyToAnotherSchema", CatalogueScenarios::foreignKeyToAnotherSchema);
        add("foreignKeyFromAnotherSchema", CatalogueScenarios::foreignKeyFromAnotherSchema);
        add("notNullBoundAsNull", CatalogueScenarios::notNullBoundAsNull);
        add("notNullColumnLeftOut", CatalogueScenarios::notNullColumnLeftOut);
        add("checkFailed", CatalogueScenarios::checkFailed);
        add("checkFailedInsideTransaction", CatalogueScenarios::checkFailedInsideTransaction);
        add("uniqueInsideTransaction", CatalogueScenarios::uniqueInsideTransaction);
        add("checkFailedOnUpdate", CatalogueScenarios::checkFailedOnUpdate);
        add("notNullOnUpdate", CatalogueScenarios::notNullOnUpdate);
        add("columnCheckFailed", CatalogueScenarios::columnCheckFailed);
        add("exclusionOverlappingRange", CatalogueScenarios::exclusionOverlappingRange);
        add("batchWithFailingMiddleEntry", CatalogueScenarios::batchWithFailingMiddleEntry);
        add("batchWithTwoFailingEntries", CatalogueScenarios::batchWithTwoFailingEntries);
        add("batchWithDriverDefaults", CatalogueScenarios::batchWithDriverDefaults);
        add("batchOfOneEntry", CatalogueScenarios::batchOfOneEntry);
        add("plainStatementBatch", CatalogueScenarios::plainStatementBatch);
        add("batchWithoutServerDetailInMessages", CatalogueScenarios::batchWithoutServerDetailInMessages);
        add("batchRewrittenIntoMultiRowInserts", CatalogueScenarios::batchRewrittenIntoMultiRowInserts);
        add("throughForwardingWrapper", CatalogueScenarios::throughForwardingWrapper);
        add("deferredForeignKeyAtCommit", CatalogueScenarios::deferredForeignKeyAtCommit);
        add("deferredForeignKeyAtCommitThroughWrapper", CatalogueScenarios::deferredForeignKeyAtCommitThroughWrapper);
        add("deferredForeignKeyWhenAutocommitIsSwitchedOn",
                CatalogueScenarios::deferredForeignKeyWhenAutocommitIsSwitchedOn);
        add("secretValues", CatalogueScenarios::secretValues);
        add("secretLiteralInPlainStatement", CatalogueScenarios::secretLiteralInPlainStatement);
        add("longSecretCutShortByTheDatabase", CatalogueScenarios::longSecretCutShortByTheDatabase);
        add("secretInBatchWithDriverDefaults", CatalogueScenarios::secretInBatchWithDriverDefaults);
        add("secretKnownOnlyToTheDatabase", CatalogueScenarios::secretKnownOnlyToTheDatabase);
        add("newlineInBoundValue", CatalogueScenarios::newlineInBoundValue);
        add("violationAbortsTransaction", CatalogueScenarios::violationAbortsTransaction);
        add("violationAbortsTransactionBegunBySql", CatalogueScenarios::violationAbortsTransactionBegunBySql);
        add("successfulStatements", CatalogueScenarios::successfulStatements);
        add("successfulCommit", CatalogueScenarios::successfulCommit);
        add("syntaxError", CatalogueScenarios::syntaxError);
        add("divisionByZero", CatalogueScenarios::divisionByZero);
        add("subqueryReturnsMoreThanOneRow", CatalogueScenarios::subqueryReturnsMoreThanOneRow);
        add("repeatedViolations", CatalogueScenarios::repeatedViolations);
        add("rowsKept", CatalogueScenarios::rowsKept);
    }

    private ViolationCatalogue() {
    }

    public static void main(String[] args) throws Exception {
        // Derby would write a derby.log into the working directory.
        System.setProperty("derby.stream.error.field", CatalogueScenarios.class.getName() + ".DERBY_LOG");
        String url = args[0];
        String name = args[1];
        List<String> chosen = new ArrayList<>(Arrays.asList(args[2].split(",")));
        if (!CATALOGUE.keySet().containsAll(chosen)) {
            chosen.removeAll(CATALOGUE.keySet());
            throw new IllegalArgumentException("no such scenarios in the catalogue: " + chosen);
        }
        CatalogueDatabase database = CatalogueDatabase.of(url);
        String placeUrl = database.createPlace(url, name);
        try (Connection c = database.open(placeUrl);
             Connection ownCounted = database.countedBatchUrl(placeUrl) == null ? null
                     : database.open(database.countedBatchUrl(placeUrl))) {
            Connection counted = ownCounted == null ? c : ownCounted;
            try (Statement s = c.createStatement()) {
                for (String ddl : database.schema(name)) {
                    s.execute(ddl);
                }
            }
            CatalogueScenarios.Run run = new CatalogueScenarios.Run(database, name, placeUrl, c, counted);
            LookupCheck lookups = LookupCheck.ifAsked(() -> database.open(placeUrl));
            for (Map.Entry<String, Scenario> scenario : CATALOGUE.entrySet()) {
                if (chosen.contains(scenario.getKey())) {
                    scenario.getValue().run(run);
                    if (lookups != null) {
                        lookups.after(scenario.getKey());
                    }
                }
            }
            if (lookups != null) {
                lookups.close();
            }
        } finally {
            database.dropPlace(url, name);
        }
        Thread.sleep(Long.getLong("it.lingerMillis", 0));
        MetricsScrape.saveIfAsked();
    }

    private static void add(String name, Scenario scenario) {
        CATALOGUE.put(name, scenario);
    }

    /** One scenario: it catches and prints what it provokes, so that the next one runs. */
    public interface Scenario {
        void run(CatalogueScenarios.Run run) throws SQLException;
    }
}
