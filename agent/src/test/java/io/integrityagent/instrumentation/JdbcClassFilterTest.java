package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcClassFilterTest {

    private static final byte[] TRANSFORMED = {1, 2, 3};

    private final List<String> handedOn = new ArrayList<>();
    private final JdbcClassFilter filter = new JdbcClassFilter(new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                ProtectionDomain domain, byte[] classFile) {
            handedOn.add(className);
            return TRANSFORMED;
        }
    });

    /** Names java/sql/ in its class file, as every class implementing a JDBC method does. */
    abstract static class UsesJdbc {
        abstract Connection connection();
    }

    static class PlainClass {
        int answer() {
            return 42;
        }
    }

    /** Overrides loadClass(String, boolean), as a class loader that may delegate the hooks does. */
    static class DelegatingLoader extends ClassLoader {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void aClassFileThatNamesJavaSqlIsHandedToByteBuddy() throws Exception {
        assertArrayEquals(TRANSFORMED, transform(UsesJdbc.class, null));
        assertTrue(handedOn.contains(UsesJdbc.class.getName()));
    }

    @Test
    void aClassFileThatNamesNeitherJavaSqlNorLoadClassIsPassedOver() throws Exception {
        assertNull(transform(PlainClass.class, null));
        assertTrue(handedOn.isEmpty());
    }

    @Test
    void aClassLoaderOverridingLoadClassIsHandedToByteBuddy() throws Exception {
        assertArrayEquals(TRANSFORMED, transform(DelegatingLoader.class, null));
    }

    @Test
    void aRetransformedClassIsAlwaysHandedOn() throws Exception {
        assertArrayEquals(TRANSFORMED, transform(PlainClass.class, PlainClass.class));
    }

    @Test
    void theBytesAreFoundAnywhereIncludingAtTheEndAndAfterAPartialMatch() {
        byte[] pattern = "java/sql/".getBytes(StandardCharsets.US_ASCII);

        assertTrue(JdbcClassFilter.contains(ascii("java/sql/"), pattern));
        assertTrue(JdbcClassFilter.contains(ascii("xxjava/sqjava/sql/"), pattern));
        assertFalse(JdbcClassFilter.contains(ascii("java/sql"), pattern));
        assertFalse(JdbcClassFilter.contains(ascii("java/util/java/sq"), pattern));
        assertFalse(JdbcClassFilter.contains(new byte[0], pattern));
    }

    private byte[] transform(Class<?> type, Class<?> redefined) throws Exception {
        return filter.transform(null, type.getClassLoader(), type.getName(), redefined, null, classFile(type));
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        String resource = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
