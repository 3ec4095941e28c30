package io.integrityagent.instrumentation;

import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * A class the JVM is about to define (or redefine), as its class file's header tells: enough to decide whether
 * an instrumentation applies without parsing the rest of it.
 */
final class LoadingClass {

    /** Stack map frames are required from class file version 50 (Java 6) on, and refused before. */
    private static final int FIRST_VERSION_WITH_FRAMES = Opcodes.V1_6;

    private final ClassReader header;
    private final ClassLoader loader;
    private final Module module;
    private final Class<?> redefined;
    private boolean changed;

    LoadingClass(ClassReader header, ClassLoader loader, Module module, Class<?> redefined) {
        this.header = header;
        this.loader = loader;
        this.module = module;
        this.redefined = redefined;
    }

    ClassReader reader() {
        return header;
    }

    /** Internal name, {@code org/h2/jdbc/JdbcStatement}. */
    String internalName() {
        return header.getClassName();
    }

    String name() {
        return internalName().replace('/', '.');
    }

    String superName() {
        return header.getSuperName();
    }

    List<String> interfaces() {
        return List.of(header.getInterfaces());
    }

    boolean isInterface() {
        return (header.getAccess() & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isSynthetic() {
        return (header.getAccess() & Opcodes.ACC_SYNTHETIC) != 0;
    }

    boolean hasFrames() {
        return (header.readUnsignedShort(6) & 0xFFFF) >= (FIRST_VERSION_WITH_FRAMES & 0xFFFF);
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
