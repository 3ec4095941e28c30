package io.integrityagent.model;

/** The kinds of integrity constraint a database can report as violated. */
public enum ViolationKind {
    UNIQUE("unique", "unique constraint"),
    FOREIGN_KEY("foreign_key", "foreign key"),
    NOT_NULL("not_null", "NOT NULL constraint"),
    CHECK("check", "check constraint"),
    EXCLUSION("exclusion", "exclusion constraint"),
    OTHER("other", "integrity constraint");

    private final String label;
    private final String noun;

    ViolationKind(String label, String noun) {
        this.label = label;
        this.noun = noun;
    }

    /** The name used in events and metric tags: {@code unique}, {@code foreign_key}, … */
    public String label() {
        return label;
    }

    /** How the explanation names such a constraint. */
    public String noun() {
        return noun;
    }
}
