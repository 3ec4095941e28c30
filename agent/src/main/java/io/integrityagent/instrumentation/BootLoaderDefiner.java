package io.integrityagent.instrumentation;

import java.security.ProtectionDomain;
import java.util.function.BiConsumer;

/**
 * Defines a class in the bootstrap class loader. Loaded by {@link BootstrapClasses} into a class loader of its
 * own, whose module alone is given access to {@code jdk.internal.misc}: the application's class path, where the
 * agent itself lives, gains no access it did not have. Refers to {@code java.base} only.
 */
public final class BootLoaderDefiner implements BiConsumer<String, byte[]> {

    @Override
    public void accept(String name, byte[] classFile) {
        try {
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class, ClassLoader.class,
                    ProtectionDomain.class).invoke(unsafe, name, classFile, 0, classFile.length, null, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot define " + name + " in the bootstrap class loader", e);
        }
    }
}
