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
    }

    @Test
    void onlyABindThatBindsThroughAnotherBindIsFound() throws IOException {
        ClassReader classFile = new ClassReader(TranslatingStatement.class.getName());

        assertEquals(Set.of("setBoolean(IZ)V"), PreparedStatementInstrumentation.bindsCallingBinds(classFile));
    }
}
