package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

class BindsCallingBindsTest {

    /**
     * Binds as SQLite's and H2's drivers write them: a boolean bound through the int bind, the others through a
     * private method of a bind's shape, which is not advised.
     */
    @SuppressWarnings("unused")
    static final class TranslatingStatement {
        private final Object[] values = new Object[4];

        public void setBoolean(int index, boolean value) {
            setInt(index, value ? 1 : 0);
        }

        public void setInt(int index, int value) {
            setParameter(index, value);
        }

        public void setString(int index, String value) {
            setParameter(index, value.strip());
        }

        public void setObject(int index, Object value) {
            values[index] = String.valueOf(value);
        }

        private void setParameter(int index, Object value) {
            values[index] = value;
        }

        /** As MariaDB's: through private helpers to the statement's own typed bind. */
        public void setObject(int index, Object value, int targetType) {
            convert(index, value, targetType);
        }

        private void convert(int index, Object value, int targetType) {
            if (targetType == java.sql.Types.BOOLEAN) {
                setBoolean(index, Boolean.parseBoolean(String.valueOf(value)));
            } else {
                setParameter(index, value);
            }
        }

        /** Through a lambda to the typed bind. */
        public void setShort(int index, short value) {
            Runnable bind = () -> setInt(index, value);
            bind.run();
        }
    }

    @Test
    void onlyABindThatReachesAnotherBindDirectlyThroughHelpersOrLambdasIsFound() throws IOException {
        ClassReader classFile = new ClassReader(TranslatingStatement.class.getName());

        assertEquals(Set.of("setBoolean(IZ)V", "setObject(ILjava/lang/Object;I)V", "setShort(IS)V"),
                PreparedStatementInstrumentation.bindsCallingBinds(classFile));
    }
}
