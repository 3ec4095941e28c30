package io.integrityagent.explanation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.dialect.Dialects;
import io.integrityagent.model.DatabaseSystem;
import io.integrityagent.model.Dialect;
import io.integrityagent.model.ViolationFacts;
import io.integrityagent.model.ViolationKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainerTest {

    private static final Dialect POSTGRES = Dialects.of(DatabaseSystem.POSTGRESQL);

    @Test
    void aDuplicateKeyNamesTheRowTheConstraintAndTheUpsertOfTheDatabase() {
        ViolationFacts facts = facts(ViolationKind.UNIQUE, "uk_users_email");
        ExplanationInput in = input(facts, null, "INSERT", "users", List.of("email"), values("email", "'a@x'"));

        assertEquals("The INSERT into users was refused: a row with email = 'a@x' already exists, and unique"
                + " constraint uk_users_email allows each email only once.", Explainer.explain(in));
        assertTrue(Explainer.remedy(in).startsWith("Look the row up by email before inserting, or use PostgreSQL's"
                + " INSERT INTO users (…) VALUES (…) ON CONFLICT (email) DO UPDATE SET …"), Explainer.remedy(in));
    }

    @Test
    void aDuplicateKeyOnUpdateAdvisesChangingTheValueNotAnUpsert() {
        ExplanationInput in = input(facts(ViolationKind.UNIQUE, "uk_users_email"), null, "UPDATE", "users",
                List.of("email"), values("email", "'a@x'"));

        assertEquals("The UPDATE on users was refused: a row with email = 'a@x' already exists, and unique"
                + " constraint uk_users_email allows each email only once.", Explainer.explain(in));
        assertTrue(Explainer.remedy(in).startsWith("Another row already has this email: choose a different value"),
                Explainer.remedy(in));
    }

    @Test
    void aKeyPrintedWithoutItsColumnsIsQuotedAsTheInputGivesItMaskedNotAsTheDatabasePrintedIt() {
        ViolationFacts facts = facts(ViolationKind.UNIQUE, "uk_keys");
        facts.keyValue("b4@x-ZQXb4t");
        ExplanationInput in = input(facts, "b4@x-****", "INSERT", "api_keys", null, Map.of());

        assertEquals("The INSERT into api_keys was refused: a row with the key 'b4@x-****' already exists, and unique"
                + " constraint uk_keys allows each key only once.", Explainer.explain(in));
    }

    @Test
    void aMissingParentNamesTheParentRowThatDoesNotExist() {
        ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, "fk_orders_customer");
        facts.referencedTable("customers");
        facts.referencedColumn("id");
        ExplanationInput in = input(facts, null, "MERGE", "orders", List.of("customer_id"), values("customer_id",
                "42"));

        assertEquals("The MERGE into orders was refused: customer_id = 42 refers to a customers row with id = 42"
                + " that does not exist, and foreign key fk_orders_customer requires it to.", Explainer.explain(in));
        assertTrue(Explainer.remedy(in).startsWith("Insert the customers row first"), Explainer.remedy(in));
    }

    @Test
    void aMissingParentWhoseKeyNobodyKnowsIsNamedWithoutAnEmptyValue() {
        ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, "fk_orders_customer");
        facts.referencedTable("customers");
        facts.referencedColumn("id");
        ExplanationInput in = input(facts, null, "UPDATE", "orders", List.of("customer_id"), Map.of());

        assertEquals("The UPDATE on orders was refused: customer_id refers to a customers row that does not exist,"
                + " and foreign key fk_orders_customer requires it to.", Explainer.explain(in));
    }

    @Test
    void aMissingParentInAnotherSchemaIsNamedThere() {
        ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, "fk_depots_region");
        facts.schema("app");
        facts.referencedSchema("ref");
        facts.referencedTable("regions");
        facts.referencedColumn("id");
        ExplanationInput in = input(facts, null, "INSERT", "depots", List.of("region_id"), values("region_id", "9"));

        assertEquals("The INSERT into depots was refused: region_id = 9 refers to a ref.regions row with id = 9 that"
                + " does not exist, and foreign key fk_depots_region requires it to.", Explainer.explain(in));
    }

    @Test
    void aParentStillReferencedNamesTheChildTableAndItsColumns() {
        ViolationFacts facts = facts(ViolationKind.FOREIGN_KEY, "fk_orders_customer");
        facts.parentSide(true);
        facts.table("orders");
        facts.column("customer_id");
        ExplanationInput in = input(facts, null, "DELETE", "customers", List.of("id"), values("id", "7"));

        assertEquals("The DELETE on customers was refused: the row with id = 7 is still referenced from"
                + " orders.customer_id through foreign key fk_orders_customer.", Explainer.explain(in));
        assertTrue(Explainer.remedy(in).startsWith("Delete or re-point the orders rows that refer to it first"),
                Explainer.remedy(in));
    }

    @Test
    void aNotNullColumnLeftOutOfTheColumnListIsSaidToBeLeftOut() {
        ExplanationInput in = new ExplanationInput(facts(ViolationKind.NOT_NULL, null), null, POSTGRES, "INSERT",
                "users", List.of("email"), Map.of(), List.of("email"));

        assertEquals("The INSERT into users was refused: column email requires a value, but the statement left it"
                + " out of its column list and the column has no default.", Explainer.explain(in));
    }

    @Test
    void aNullSentIsSaidToBeSent() {
        ExplanationInput in = input(facts(ViolationKind.NOT_NULL, null), null, "UPDATE", "users", List.of("email"),
                values("email", "NULL"));

        assertEquals("The UPDATE on users was refused: column email requires a value, but the statement sent NULL"
                + " for it.", Explainer.explain(in));
    }

    @Test
    void aCheckStatesItsConditionAndTheValuesSent() {
        ViolationFacts facts = facts(ViolationKind.CHECK, "ck_qty");
        facts.checkExpression("qty > 0");
        ExplanationInput in = input(facts, null, "INSERT", "orders", null, values("qty", "0"));

        assertEquals("The INSERT into orders was refused: the row does not satisfy check constraint ck_qty"
                + " (qty > 0); values sent: qty = 0.", Explainer.explain(in));
    }

    @Test
    void whatIsNotKnownIsNamedGenerically() {
        ExplanationInput in = input(facts(ViolationKind.UNIQUE, null), null, null, null, null, Map.of());

        assertEquals("The statement was refused: it would duplicate a value that a unique constraint requires to"
                + " be unique.", Explainer.explain(in));
    }

    @Test
    void anUnnamedIndexIsNamedAsTheIndex() {
        ViolationFacts facts = facts(ViolationKind.UNIQUE, null);
        facts.index("PUBLIC.UK_EMAIL_INDEX_4");
        ExplanationInput in = input(facts, null, "CALL", "users", null, Map.of());

        assertEquals("The CALL on users was refused: it would duplicate a value that unique index"
                + " PUBLIC.UK_EMAIL_INDEX_4 requires to be unique.", Explainer.explain(in));
    }

    private static ViolationFacts facts(ViolationKind kind, String constraint) {
        ViolationFacts facts = new ViolationFacts(kind, "23000", 0, "refused");
        facts.constraint(constraint);
        return facts;
    }

    private static ExplanationInput input(ViolationFacts facts, String keyValue, String verb, String table,
                                          List<String> columns, Map<String, String> values) {
        return new ExplanationInput(facts, keyValue, POSTGRES, verb, table, columns, values, List.of());
    }

    private static Map<String, String> values(String column, String value) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(column, value);
        return values;
    }
}
