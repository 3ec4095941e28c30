package io.integrityagent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The headers of supertypes read from class files, each read once for every kind of class judged ({@link
 * Subtypes} of Statement, Connection and ClassLoader ask about the same ones): reading a class file through its
 * loader costs a resource lookup, the most expensive step of judging a class while the application starts. Like
 * those judgements, remembered by name.
 */
final class SupertypeHeaders {

    /** Beyond about this many bytes of remembered headers (names, mostly) the memory is cleared, not grown. */
    private static final long MAX_BYTES = 4L << 20;
    private static final int BYTES_PER_ENTRY = 96;

    private final Map<String, Optional<ClassHeader>> read = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** The header of a supertype's class file, read through the class loader defining its subtype; null if none. */
    ClassHeader of(String internalName, ClassLoader loader) {
        Optional<ClassHeader> known = read.get(internalName);
        if (known == null) {
            ClassHeader header = readHeader(internalName, loader);
            if (bytes.addAndGet(weight(internalName, header)) > MAX_BYTES) {
                read.clear();
                bytes.set(0);
            }
            known = Optional.ofNullable(header);
            read.put(internalName, known);
        }
        return known.orElse(null);
    }

    private static long weight(String internalName, ClassHeader header) {
        long chars = internalName.length();
        if (header != null) {
            chars += header.name().length() + (header.superName() == null ? 0 : header.superName().length());
            for (String implemented : header.interfaces()) {
                chars += implemented.length() + 16L;
            }
        }
        return BYTES_PER_ENTRY + 2 * chars;
    }

    private static ClassHeader readHeader(String internalName, ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : ClassHeader.read(in.readAllBytes());
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
