package io.integrityagent.instrumentation;

import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * A class the JVM is about to define (or redefine), as its class file's header tells: enough to decide whether
 * an instrumentation applies without parsing the rest of it, which is parsed only for a class that is rewritten.
 */
final class LoadingClass {

    /** Stack map frames are required from class file version 50 (Java 6) on, and refused before. */
    private static final int FIRST_VERSION_WITH_FRAMES = Opcodes.V1_6;

    private final byte[] classFile;
    private final ClassHeader header;
    private final ClassLoader loader;
    private final Module module;
    private final Class<?> redefined;
    private ClassReader reader;
    private boolean changed;

    LoadingClass(byte[] classFile, ClassLoader loader, Module module, Class<?> redefined) {
        this.classFile = classFile;
        this.header = ClassHeader.read(classFile);
        this.loader = loader;
        this.module = module;
        this.redefined = redefined;
    }

    /** The whole class file, parsed on first use. */
    ClassReader reader() {
        if (reader == null) {
            reader = new ClassReader(classFile);
        }
        return reader;
    }

    ClassHeader header() {
        return header;
    }

    /** Internal name, {@code org/h2/jdbc/JdbcStatement}. */
    String internalName() {
        return header.name();
    }

    String name() {
        return internalName().replace('/', '.');
    }

    String superName() {
        return header.superName();
    }

    List<String> interfaces() {
        return List.of(header.interfaces());
    }

    boolean isInterface() {
        return (header.access() & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isSynthetic() {
        return (header.access() & Opcodes.ACC_SYNTHETIC) != 0;
    }

    boolean hasFrames() {
        return header.majorVersion() >= (FIRST_VERSION_WITH_FRAMES & 0xFFFF);
    }

    ClassLoader loader() {
        return loader;
    }

    boolean inNamedModule() {
        return module != null && module.isNamed();
    }

    Module module() {
        return module;
    }

    /** Said by each instrumentation that changes the class file, so an unchanged one is left as it was. */
    void changed() {
        changed = true;
    }

    boolean isChanged() {
        return changed;
    }

    /** The class already defined, when it is being retransformed; null when it is loaded for the first time. */
    Class<?> redefined() {
        return redefined;
    }
}
