package io.integrityagent.instrumentation;

import io.integrityagent.bootstrap.Hooks;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;

/**
 * Rewrites a class with the {@link TypeInstrumentation}s that apply to it, with ASM and without computing frames
 * or reading any other class (which could load classes in the middle of a transform).
 */
final class ClassRewriter {

    private final List<TypeInstrumentation> instrumentations;
    private final Instrumentation instrumentation;

    ClassRewriter(List<TypeInstrumentation> instrumentations, Instrumentation instrumentation) {
        this.instrumentations = instrumentations;
        this.instrumentation = instrumentation;
    }

    /** The rewritten class file, or null when no instrumentation changes it. */
    byte[] rewrite(LoadingClass type) {
        ClassWriter writer = new ClassWriter(type.reader(), 0);
        ClassVisitor chain = writer;
        for (TypeInstrumentation instrumentation : instrumentations) {
            if (instrumentation.appliesTo(type)) {
                chain = instrumentation.transform(chain, type);
            }
        }
        if (chain == writer) {
            return null;
        }
        type.reader().accept(chain, ClassReader.EXPAND_FRAMES);
        if (!type.isChanged()) {
            return null;
        }
        byte[] transformed = writer.toByteArray();
        if (type.inNamedModule()) {
            readBootstrapPackage(type);
        }
        return transformed;
    }

    /** A driver in a named module reads the bootstrap package's unnamed module only when told to. */
    private void readBootstrapPackage(LoadingClass type) {
        Module driver = type.module();
        Module hooks = Hooks.class.getModule();
        if (!driver.canRead(hooks)) {
            instrumentation.redefineModule(driver, Set.of(hooks), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
