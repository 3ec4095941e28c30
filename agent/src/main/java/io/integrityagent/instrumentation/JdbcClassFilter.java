package io.integrityagent.instrumentation;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Hands Byte Buddy only the class files that can belong to a JDBC implementation. A class implementing a JDBC
 * method names a {@code java/sql/} type in its class file (every such method throws SQLException), so a class
 * file without those bytes is passed over after one scan of its bytes, instead of being parsed and matched:
 * that parse, for every class an application loads, was most of the agent's start-up cost. Class loaders that
 * may need to delegate the bootstrap hooks pass by the same test: overriding {@code loadClass(String, boolean)}
 * (or calling it) names its descriptor.
 */
final class JdbcClassFilter implements ClassFileTransformer {

    private static final byte[] JAVA_SQL = "java/sql/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOAD_CLASS =
            BootDelegationInstrumentation.LOAD_CLASS_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);

    private final ClassFileTransformer byteBuddy;

    JdbcClassFilter(ClassFileTransformer byteBuddy) {
        this.byteBuddy = byteBuddy;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (classBeingRedefined == null && !contains(classFile, JAVA_SQL) && !contains(classFile, LOAD_CLASS)) {
            return null;
        }
        return byteBuddy.transform(module, loader, className, classBeingRedefined, domain, classFile);
    }

    static boolean contains(byte[] data, byte[] pattern) {
        byte first = pattern[0];
        int last = data.length - pattern.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
