package io.integrityagent.sql;

/**
 * What kind of statement the application sent, as far as the agent reasons about it (which side of a foreign
 * key a statement can break, which values it sent). What the agent writes is the verb as sent
 * ({@link SqlShape#verb()}), so a statement it has no constant for is still named in events and metrics.
 */
public enum SqlOperation {
    INSERT, REPLACE, UPSERT, MERGE, UPDATE, DELETE,
    /** Any other statement (SELECT, CALL, a WITH clause without a main verb), or no verb at all. */
    OTHER;

    /** @param verb a statement's verb in upper case, or null */
    public static SqlOperation of(String verb) {
        if (verb == null) {
            return OTHER;
        }
        switch (verb) {
            case "INSERT": return INSERT;
            case "REPLACE": return REPLACE;
            case "UPSERT": return UPSERT;
            case "MERGE": return MERGE;
            case "UPDATE": return UPDATE;
            case "DELETE": return DELETE;
            default: return OTHER;
        }
    }
}
