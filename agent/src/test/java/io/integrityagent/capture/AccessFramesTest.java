package io.integrityagent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.integrityagent.model.AccessPath;
import io.integrityagent.model.AccessPath.Layer;
import io.integrityagent.model.AccessPath.Moment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What single frames tell; whole stacks of real runs are in {@link RealStacksTest}. */
class AccessFramesTest {

    @Test
    void onlyPoolAndJdkFramesArePlainJdbc() {
        AccessPath path = read("com.zaxxer.hikari.pool.HikariProxyPreparedStatement executeUpdate",
                "jdk.internal.reflect.DirectMethodHandleAccessor invoke");

        assertEquals(Layer.JDBC, path.layer());
        assertEquals(Moment.STATEMENT, path.moment());
        assertTrue(path.conflicting().isEmpty());
    }

    @Test
    void framesOfTwoModelledFrameworksAreAmbiguousAndNamed() {
        AccessPath path = read("org.jooq.impl.AbstractQuery execute", "org.hibernate.internal.SessionImpl doWork");

        assertEquals(Layer.JDBC, path.layer());
        assertEquals(List.of("Hibernate", "jOOQ"), path.conflicting());
    }

    @Test
    void aFrameworkTheAgentDoesNotModelIsNamed() {
        AccessPath path = read("org.apache.ibatis.executor.SimpleExecutor doUpdate",
                "org.mybatis.spring.SqlSessionTemplate update");

        assertEquals(Layer.OTHER, path.layer());
        assertEquals("MyBatis", path.framework());
    }

    @Test
    void aCommitBySpringsTransactionManagerAloneIsItsOwnWrapper() {
        AccessPath path = read("org.springframework.jdbc.datasource.DataSourceTransactionManager doCommit",
                "org.springframework.transaction.support.AbstractPlatformTransactionManager commit");

        assertEquals(Layer.OTHER, path.layer());
        assertEquals("Spring's transaction manager", path.framework());
    }

    @Test
    void theInnermostHibernateMarkerTellsTheMoment() {
        AccessPath path = read("org.hibernate.event.internal.DefaultAutoFlushEventListener onAutoFlush",
                "org.hibernate.internal.SessionImpl autoFlushIfRequired",
                "org.hibernate.internal.SessionImpl flush");

        assertEquals(Moment.AUTO_FLUSH, path.moment());
    }

    @Test
    void withoutItsClassTheSpringDataJdbcVersionIsUnknown() {
        AccessPath path = read("org.springframework.jdbc.core.JdbcTemplate update",
                "org.springframework.data.jdbc.core.AggregateChangeExecutor execute");

        assertEquals(Layer.SPRING_DATA_JDBC, path.layer());
        assertNull(path.layerVersion());
    }

    private static AccessPath read(String... frames) {
        AccessFrames between = new AccessFrames();
        for (String frame : frames) {
            String[] parts = frame.split(" ");
            between.see(parts[0], () -> parts[1], null);
        }
        return between.path();
    }
}
