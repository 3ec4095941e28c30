package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupertypeHeadersTest {

    /** Counts what is read through it. */
    static final class CountingLoader extends ClassLoader {
        final List<String> reads = new ArrayList<>();

        CountingLoader() {
            super(SupertypeHeadersTest.class.getClassLoader());
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            reads.add(name);
            return super.getResourceAsStream(name);
        }
    }

    private final SupertypeHeaders headers = new SupertypeHeaders();
    private final CountingLoader loader = new CountingLoader();

    @Test
    void aSupertypeIsReadOnceWhateverAsksAboutIt() {
        String name = SupertypeHeadersTest.class.getName().replace('.', '/');
        assertEquals(name, headers.of(name, loader).name());
        assertEquals(name, headers.of(name, loader).name());
        assertEquals(List.of(name + ".class"), loader.reads);
    }

    @Test
    void whatCannotBeReadIsRememberedAsNothing() {
        assertNull(headers.of("no/such/Type", loader));
        assertNull(headers.of("no/such/Type", loader));
        assertEquals(1, loader.reads.size());
    }

    @Test
    void aHeaderThatIsNotAClassFileIsNothing() {
        ClassLoader garbage = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return new ByteArrayInputStream(new byte[] {0, 1, 2, 3});
            }
        };
        assertNull(headers.of("some/Type", garbage));
    }

    @Test
    void manyHeadersAreForgottenRatherThanGrownWithoutBound() {
        // Each unreadable name is remembered too; far more names than the bound holds must not pile up.
        for (int i = 0; i < 100_000; i++) {
            headers.of("no/such/Type" + i + "x".repeat(40), loader);
        }
        loader.reads.clear();
        headers.of("no/such/Type0" + "x".repeat(40), loader);
        assertEquals(1, loader.reads.size(), "the earliest names were forgotten");
    }
}
