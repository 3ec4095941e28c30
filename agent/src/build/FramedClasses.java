import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step, run on the shaded agent jar ({@code java -cp <ASM> FramedClasses.java <jar>}): every class file
 * older than Java 6's format (ASM's own, published as Java 5 class files) is rewritten in Java 6's format, with
 * stack map frames, its code unchanged. The JVM verifies a class without frames with the old inference
 * verifier, several times slower than checking frames: for ASM's classes, which the agent loads at start-up,
 * that was about 9 ms of CPU in every application start. Entries keep their order and times, so the jar stays
 * reproducible.
 */
public final class FramedClasses {

    private static final int FIRST_FRAMED_VERSION = Opcodes.V1_6;

    private FramedClasses() {
    }

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, ZipEntry> headers = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toArray(ZipEntry[]::new)) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
                headers.put(entry.getName(), entry);
            }
        }
        Hierarchy hierarchy = new Hierarchy(entries);
        List<String> framed = new ArrayList<>();
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".framed");
        try (OutputStream file = Files.newOutputStream(rewritten); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                byte[] content = entry.getValue();
                if (entry.getKey().endsWith(".class") && majorVersion(content) < FIRST_FRAMED_VERSION) {
                    content = withFrames(content, hierarchy);
                    framed.add(entry.getKey());
                }
                ZipEntry original = headers.get(entry.getKey());
                ZipEntry copy = new ZipEntry(original.getName());
                copy.setTime(original.getTime());
                copy.setExtra(original.getExtra());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[FramedClasses] " + framed.size() + " class files given stack map frames in " + jar);
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] withFrames(byte[] classFile, Hierarchy hierarchy) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String first, String second) {
                return hierarchy.commonSuperclass(first, second);
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                // Java 6's format, the first with frames: should a frame computed here be wrong, the JVM falls
                // back to the old verifier for such a class file rather than refuse it.
                super.visit(Opcodes.V1_6, access, name, signature, superName, interfaces);
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * Superclasses as the jar's class files name them (they are relocated, so they cannot be loaded here), and
     * the JDK's from the JDK itself.
     */
    private static final class Hierarchy {
        private final Map<String, String> superclasses = new HashMap<>();
        private final Map<String, Boolean> interfaces = new HashMap<>();

        Hierarchy(Map<String, byte[]> entries) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                if (entry.getKey().endsWith(".class") && !entry.getKey().endsWith("module-info.class")) {
                    ClassReader reader = new ClassReader(entry.getValue());
                    superclasses.put(reader.getClassName(), reader.getSuperName());
                    interfaces.put(reader.getClassName(), (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0);
                }
            }
        }

        String commonSuperclass(String first, String second) {
            if (isInterface(first) || isInterface(second)) {
                return "java/lang/Object";
            }
            List<String> firstChain = new ArrayList<>();
            for (String type = first; type != null; type = superclassOf(type)) {
                firstChain.add(type);
            }
            for (String type = second; type != null; type = superclassOf(type)) {
                if (firstChain.contains(type)) {
                    return type;
                }
            }
            return "java/lang/Object";
        }

        private boolean isInterface(String type) {
            Boolean known = interfaces.get(type);
            return known != null ? known : jdkClass(type).isInterface();
        }

        private String superclassOf(String type) {
            if (superclasses.containsKey(type)) {
                return superclasses.get(type);
            }
            Class<?> superclass = jdkClass(type).getSuperclass();
            return superclass == null ? null : superclass.getName().replace('.', '/');
        }

        private static Class<?> jdkClass(String type) {
            try {
                return Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException notInJarNorJdk) {
                throw new IllegalStateException("cannot place " + type + " in the class hierarchy", notInJarNorJdk);
            }
        }
    }
}
