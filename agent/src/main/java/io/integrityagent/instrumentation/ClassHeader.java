package io.integrityagent.instrumentation;

import java.util.Arrays;

/**
 * The header of a class file: its version, access flags, name, superclass and interfaces, read by walking the
 * constant pool and nothing more. Most class files the transformer looks at only need this much to be passed
 * over, and reading it here keeps ASM (large classes, slow to load and verify) off the application's start-up
 * until a JDBC class is actually rewritten.
 */
final class ClassHeader {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int UTF8 = 1;
    private static final int CLASS = 7;

    private final int majorVersion;
    private final int access;
    private final String name;
    private final String superName;
    private final String[] interfaces;

    private ClassHeader(int majorVersion, int access, String name, String superName, String[] interfaces) {
        this.majorVersion = majorVersion;
        this.access = access;
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
    }

    /** @throws IllegalArgumentException if {@code classFile} is not a class file */
    static ClassHeader read(byte[] classFile) {
        Reader in = new Reader(classFile);
        if (in.u4() != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        in.skip(2);
        int majorVersion = in.u2();
        int count = in.u2();
        int[] offsets = new int[count];
        byte[] tags = new byte[count];
        for (int index = 1; index < count; index++) {
            tags[index] = (byte) in.u1();
            offsets[index] = in.position;
            int tag = tags[index];
            in.skip(entryLength(tag, in));
            if (tag == 5 || tag == 6) { // a long or a double takes two slots
                index++;
            }
        }
        ConstantPool pool = new ConstantPool(classFile, tags, offsets);
        int access = in.u2();
        String name = pool.className(in.u2());
        String superName = pool.className(in.u2());
        String[] interfaces = new String[in.u2()];
        for (int i = 0; i < interfaces.length; i++) {
            interfaces[i] = pool.className(in.u2());
        }
        return new ClassHeader(majorVersion, access, name, superName, interfaces);
    }

    private static int entryLength(int tag, Reader in) {
        switch (tag) {
            case UTF8:
                return 2 + in.peekU2();
            case CLASS: case 8: case 16: case 19: case 20: // class, string, method type, module, package
                return 2;
            case 15: // method handle
                return 3;
            case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                return 4;
            case 5: case 6:
                return 8;
            default:
                throw new IllegalArgumentException("unknown constant pool tag " + tag);
        }
    }

    int majorVersion() {
        return majorVersion;
    }

    int access() {
        return access;
    }

    /** Internal name, {@code org/h2/jdbc/JdbcStatement}. */
    String name() {
        return name;
    }

    /** Null for {@code java/lang/Object} and module-info. */
    String superName() {
        return superName;
    }

    String[] interfaces() {
        return interfaces.clone();
    }

    @Override
    public String toString() {
        return name + " extends " + superName + " implements " + Arrays.toString(interfaces);
    }

    private static final class ConstantPool {
        private final byte[] file;
        private final byte[] tags;
        private final int[] offsets;

        ConstantPool(byte[] file, byte[] tags, int[] offsets) {
            this.file = file;
            this.tags = tags;
            this.offsets = offsets;
        }

        String className(int classIndex) {
            if (classIndex == 0) {
                return null;
            }
            int nameIndex = new Reader(file, entry(classIndex, CLASS)).u2();
            Reader utf8 = new Reader(file, entry(nameIndex, UTF8));
            return utf8.modifiedUtf8(utf8.u2());
        }

        private int entry(int index, int tag) {
            if (index <= 0 || index >= tags.length || tags[index] != tag) {
                throw new IllegalArgumentException("constant pool entry " + index + " is not of tag " + tag);
            }
            return offsets[index];
        }
    }

    private static final class Reader {
        private final byte[] data;
        private int position;

        Reader(byte[] data) {
            this(data, 0);
        }

        Reader(byte[] data, int position) {
            this.data = data;
            this.position = position;
        }

        int u1() {
            return data[position++] & 0xFF;
        }

        int u2() {
            int value = peekU2();
            position += 2;
            return value;
        }

        int peekU2() {
            return (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
        }

        int u4() {
            return u2() << 16 | u2();
        }

        void skip(int length) {
            position += length;
        }

        /** The JVM's modified UTF-8 (JVMS 4.4.7): one to three bytes per char, surrogates encoded one by one. */
        String modifiedUtf8(int length) {
            char[] chars = new char[length];
            int count = 0;
            int end = position + length;
            while (position < end) {
                int first = u1();
                if (first < 0x80) {
                    chars[count++] = (char) first;
                } else if (first < 0xE0) {
                    chars[count++] = (char) ((first & 0x1F) << 6 | u1() & 0x3F);
                } else {
                    chars[count++] = (char) ((first & 0x0F) << 12 | (u1() & 0x3F) << 6 | u1() & 0x3F);
                }
            }
            return new String(chars, 0, count);
        }
    }
}
