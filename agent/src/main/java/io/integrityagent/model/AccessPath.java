package io.integrityagent.model;

import java.util.List;
import java.util.Objects;

/**
 * What the frames between the JDBC driver and the application's call site tell about the way the statement
 * came: which data-access layer ran it (and so which exception the application receives), at what moment of
 * that layer's work it ran, and whether a Spring transaction boundary lies in between. Read from the stack of
 * a failing statement only.
 */
public final class AccessPath {

    /** The layer between the application and the driver, named in events by {@link #label()}. */
    public enum Layer {
        /** No data-access framework: the application called the driver (through a pool at most). */
        JDBC("jdbc"),
        /** {@code JdbcTemplate}, {@code NamedParameterJdbcTemplate}, {@code JdbcClient}. */
        SPRING_JDBC("spring-jdbc"),
        /** A Spring Data JDBC repository or {@code JdbcAggregateTemplate}. */
        SPRING_DATA_JDBC("spring-data-jdbc"),
        /** Hibernate, through JPA or its own API, where Spring does not translate its exceptions. */
        HIBERNATE("hibernate"),
        /** Hibernate, with Spring translating its exceptions (a {@code @Repository}, JpaTransactionManager). */
        SPRING_ORM("spring-orm"),
        /** A Spring Data JPA repository. */
        SPRING_DATA_JPA("spring-data-jpa"),
        JOOQ("jooq"),
        /** Another framework, named by {@link #framework()}, whose exceptions the agent does not model. */
        OTHER("other");

        private final String label;

        Layer(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** When, in the layer's work, the failing statement ran. */
    public enum Moment {
        /** Right when the application called (an execute, a JdbcTemplate call, an IDENTITY insert at persist). */
        STATEMENT("statement"),
        /** At an explicit flush of Hibernate's persistence context. */
        FLUSH("flush"),
        /** At the flush Hibernate makes before running a query. */
        AUTO_FLUSH("auto-flush"),
        /** At commit: Hibernate's flush before completion, or a deferred constraint checked by COMMIT. */
        COMMIT("commit");

        private final String label;

        Moment(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Layer layer;
    private final Moment moment;
    private final String framework;
    private final boolean springTransactionBoundary;
    private final String layerVersion;
    private final List<String> conflicting;

    /**
     * @param framework     for {@link Layer#OTHER}, the framework's name; otherwise null
     * @param springTransactionBoundary whether a Spring {@code @Transactional} proxy lies between the driver and
     *                      the call site, so that the exception passes it on its way out
     * @param layerVersion  the version of the layer's jar where it decides what is thrown, or null
     * @param conflicting   the frameworks seen when more than one was, in which case the layer is
     *                      {@link Layer#JDBC}: what reaches the application cannot be told from the frames
     */
    public AccessPath(Layer layer, Moment moment, String framework, boolean springTransactionBoundary,
                      String layerVersion, List<String> conflicting) {
        this.layer = layer;
        this.moment = moment;
        this.framework = framework;
        this.springTransactionBoundary = springTransactionBoundary;
        this.layerVersion = layerVersion;
        this.conflicting = List.copyOf(conflicting);
    }

    public Layer layer() {
        return layer;
    }

    public Moment moment() {
        return moment;
    }

    public String framework() {
        return framework;
    }

    public boolean springTransactionBoundary() {
        return springTransactionBoundary;
    }

    public String layerVersion() {
        return layerVersion;
    }

    public List<String> conflicting() {
        return conflicting;
    }

    /** Paths are equal when they tell the same: the advice for one stands for the other. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AccessPath)) {
            return false;
        }
        AccessPath that = (AccessPath) other;
        return layer == that.layer && moment == that.moment
                && springTransactionBoundary == that.springTransactionBoundary
                && Objects.equals(framework, that.framework) && Objects.equals(layerVersion, that.layerVersion)
                && conflicting.equals(that.conflicting);
    }

    @Override
    public int hashCode() {
        int hash = layer.hashCode();
        hash = 31 * hash + moment.hashCode();
        hash = 31 * hash + Objects.hashCode(framework);
        hash = 31 * hash + Boolean.hashCode(springTransactionBoundary);
        hash = 31 * hash + Objects.hashCode(layerVersion);
        return 31 * hash + conflicting.hashCode();
    }

    @Override
    public String toString() {
        return layer.label() + (framework == null ? "" : " (" + framework + ")") + " at " + moment.label()
                + (springTransactionBoundary ? ", through a Spring transaction boundary" : "")
                + (conflicting.isEmpty() ? "" : ", frames of " + conflicting);
    }
}
