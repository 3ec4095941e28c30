package io.integrityagent.capture;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.AccessPath.Layer;
import io.integrityagent.model.AccessPath.Moment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the frames between the driver and the call site, innermost first, for what they tell about the layer
 * that ran the statement: a few prefix tests a frame, into a fixed set of flags, so a deep framework stack
 * costs no more than the walk that finds the call site already does. Only the failing path walks the stack.
 */
final class AccessFrames {

    private static final String HIBERNATE_SESSION = "org.hibernate.internal.SessionImpl";
    /** Spring Data JDBC decides there whether a failed statement reaches the application wrapped. */
    private static final String AGGREGATE_CHANGE_EXECUTOR = "org.springframework.data.jdbc.core.AggregateChangeExecutor";

    /** Frameworks whose exceptions the agent does not model: only named, so the advice can say who wraps. */
    private static final String[][] OTHER_FRAMEWORKS = {
        {"org.apache.ibatis.", "MyBatis"}, {"org.mybatis.", "MyBatis"}, {"org.eclipse.persistence.", "EclipseLink"},
        {"org.apache.openjpa.", "OpenJPA"}, {"org.jdbi.", "Jdbi"}, {"org.sql2o.", "Sql2o"},
        {"com.querydsl.", "Querydsl"}, {"io.ebean.", "Ebean"}, {"org.flywaydb.", "Flyway"},
        {"liquibase.", "Liquibase"}
    };

    /** Each class's entry of {@link #OTHER_FRAMEWORKS}, "" for none: the same few classes pass every walk. */
    private static final ClassValue<String> OTHER_FRAMEWORK_OF = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String name = otherFramework(type.getName());
            return name == null ? "" : name;
        }
    };

    /** What nearly every violation of an application without a data-access framework finds: one shared path. */
    private static final AccessPath PLAIN_JDBC = new AccessPath(Layer.JDBC, Moment.STATEMENT, null, false, null,
            List.of());

    private boolean springJdbc;
    private boolean springDataJdbc;
    private boolean hibernate;
    private boolean springDataJpa;
    private boolean springTranslates;
    private boolean jpaTransactionManager;
    private boolean springTransactionManager;
    private boolean transactionBoundary;
    private boolean jooq;
    private String other;
    private Moment moment;
    private Class<?> aggregateChangeExecutor;

    /**
     * @param method the frame's method name, asked for only where it tells something: a stack walk resolves it
     *               frame by frame, at a cost that would add up over a framework's deep stack
     * @param type   the frame's class when the walk retains it (for reading its jar's version), else null
     */
    void see(String className, Supplier<String> method, Class<?> type) {
        if (className.startsWith("org.springframework.")) {
            seeSpring(className, type);
        } else if (className.startsWith("org.hibernate.")) {
            hibernate = true;
            if (moment == null) {
                moment = hibernateMoment(className, method);
            }
        } else if (className.startsWith("org.jooq.")) {
            jooq = true;
        } else if (other == null && !className.startsWith("java") && !className.startsWith("jdk.")) {
            String framework = type == null ? otherFramework(className) : OTHER_FRAMEWORK_OF.get(type);
            other = framework == null || framework.isEmpty() ? null : framework;
        }
    }

    private void seeSpring(String className, Class<?> type) {
        String rest = className.substring("org.springframework.".length());
        if (rest.startsWith("jdbc.core.")) {
            springJdbc = true;
        } else if (rest.startsWith("data.jdbc.")) {
            springDataJdbc = true;
            if (className.equals(AGGREGATE_CHANGE_EXECUTOR)) {
                aggregateChangeExecutor = type;
            }
        } else if (rest.startsWith("data.jpa.")) {
            springDataJpa = true;
        } else if (rest.equals("dao.support.PersistenceExceptionTranslationInterceptor")) {
            springTranslates = true;
        } else if (rest.equals("orm.jpa.JpaTransactionManager")) {
            jpaTransactionManager = true;
        } else if (rest.startsWith("transaction.interceptor.Transaction")) {
            transactionBoundary = true; // TransactionInterceptor, TransactionAspectSupport: a @Transactional proxy
        } else if (rest.startsWith("jdbc.datasource.") || rest.startsWith("transaction.support.")) {
            springTransactionManager = true;
        }
    }

    /** The moment a Hibernate frame marks, or null: the innermost marker wins, being the one that ran it. */
    private static Moment hibernateMoment(String className, Supplier<String> method) {
        if (className.equals(HIBERNATE_SESSION)) {
            switch (method.get()) {
                case "flushBeforeTransactionCompletion": return Moment.COMMIT;
                case "flush": return Moment.FLUSH;
                case "autoFlushIfRequired": return Moment.AUTO_FLUSH;
                default: return null;
            }
        }
        return className.equals("org.hibernate.event.internal.DefaultAutoFlushEventListener") ? Moment.AUTO_FLUSH
                : null;
    }

    private static String otherFramework(String className) {
        for (String[] framework : OTHER_FRAMEWORKS) {
            if (className.startsWith(framework[0])) {
                return framework[1];
            }
        }
        return null;
    }

    AccessPath path() {
        if (!springJdbc && !springDataJdbc && !hibernate && !jooq && other == null && !springTransactionManager
                && !transactionBoundary) {
            return PLAIN_JDBC;
        }
        List<String> frameworks = new ArrayList<>(2);
        if (springJdbc || springDataJdbc) {
            frameworks.add(springDataJdbc ? "Spring Data JDBC" : "Spring JDBC");
        }
        if (hibernate) {
            frameworks.add("Hibernate");
        }
        if (jooq) {
            frameworks.add("jOOQ");
        }
        if (other != null) {
            frameworks.add(other);
        }
        Moment at = moment == null ? Moment.STATEMENT : moment;
        if (frameworks.size() > 1) {
            return new AccessPath(Layer.JDBC, at, null, transactionBoundary, null, frameworks);
        }
        String otherName = other != null ? other
                : frameworks.isEmpty() && springTransactionManager ? "Spring's transaction manager" : null;
        return new AccessPath(layer(otherName), at, otherName, transactionBoundary,
                springDataJdbc ? versionOf(aggregateChangeExecutor) : null, List.of());
    }

    private Layer layer(String otherName) {
        if (springDataJdbc) {
            return Layer.SPRING_DATA_JDBC;
        }
        if (springJdbc) {
            return Layer.SPRING_JDBC;
        }
        if (hibernate) {
            // Spring translates only what passes its translation interceptor (repositories, @Repository beans) or
            // fails in JpaTransactionManager's commit; an EntityManager used elsewhere throws Hibernate's own.
            if (!springTranslates && !jpaTransactionManager) {
                return Layer.HIBERNATE;
            }
            return springDataJpa ? Layer.SPRING_DATA_JPA : Layer.SPRING_ORM;
        }
        if (jooq) {
            return Layer.JOOQ;
        }
        return otherName != null ? Layer.OTHER : Layer.JDBC;
    }

    private static String versionOf(Class<?> type) {
        try {
            Package pkg = type == null ? null : type.getPackage();
            return pkg == null ? null : pkg.getImplementationVersion();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
