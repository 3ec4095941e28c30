package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class ClassHeaderTest {

    @Test
    void readsWhatAsmReadsFromEveryClassOfADriverJar() throws Exception {
        Path jar = Path.of(Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<byte[]> classFiles = new ArrayList<>();
        try (FileSystem zip = FileSystems.newFileSystem(jar); Stream<Path> files = Files.walk(zip.getPath("/"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                classFiles.add(Files.readAllBytes(file));
            }
        }
        assertTrue(classFiles.size() > 500, "H2's jar holds its classes: " + classFiles.size());
        classFiles.forEach(ClassHeaderTest::assertSameHeaderAsAsm);
    }

    @Test
    void readsJdkClassesWithEveryKindOfConstant() throws Exception {
        // java.base's classes hold longs, doubles, method handles, dynamic constants and records.
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (String name : List.of("java/lang/Long", "java/lang/Double", "java/lang/invoke/MethodHandles",
                "java/lang/runtime/ObjectMethods", "java/util/concurrent/ConcurrentHashMap", "java/lang/Object",
                "java/lang/Record", "java/util/Map$Entry")) {
            assertSameHeaderAsAsm(Files.readAllBytes(jrt.getPath("modules", "java.base", name + ".class")));
        }
    }

    @Test
    void decodesNamesOutsideAsciiAsTheJvmWritesThem() {
        // Two- and three-byte characters, and one outside the BMP (a surrogate pair, each half on its own).
        String name = "drivers/Ünïcødé€𝐀Statement";
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, name, null, "java/lang/Object",
                new String[] {"java/sql/Statement", "drivers/Ωmega"});
        writer.visitEnd();
        ClassHeader header = ClassHeader.read(writer.toByteArray());
        assertEquals(name, header.name());
        assertArrayEquals(new String[] {"java/sql/Statement", "drivers/Ωmega"}, header.interfaces());
        assertSameHeaderAsAsm(writer.toByteArray());
    }

    @Test
    void refusesWhatIsNotAClassFile() {
        assertThrows(IllegalArgumentException.class, () -> ClassHeader.read(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}));
    }

    private static void assertSameHeaderAsAsm(byte[] classFile) {
        ClassReader asm = new ClassReader(classFile);
        ClassHeader header = ClassHeader.read(classFile);
        assertEquals(asm.getClassName(), header.name());
        assertEquals(asm.getSuperName(), header.superName(), asm.getClassName());
        assertArrayEquals(asm.getInterfaces(), header.interfaces(), asm.getClassName());
        assertEquals(asm.getAccess() & 0xFFFF, header.access(), asm.getClassName());
        assertEquals(asm.readUnsignedShort(6), header.majorVersion(), asm.getClassName());
    }
}
