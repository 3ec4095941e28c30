package io.integrityagent.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JDK that benchmark and start-up JVMs run on: the one running this program, or another found by its feature
 * release under {@code /usr/lib/jvm} (as {@code .ci/run} finds JDK 25) or given as a directory. Its version is read
 * from the JDK's {@code release} file, which every JDK since 9 has, so finding one starts no process.
 */
record Jdk(Path home, String version) {

    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    static Jdk running() {
        return new Jdk(Path.of(System.getProperty("java.home")), System.getProperty("java.version"));
    }

    /**
     * @param spec a feature release ({@code 25}) or a JDK's directory
     * @return the JDK, or empty when none of that release is installed
     */
    static Optional<Jdk> find(String spec) {
        if (!spec.chars().allMatch(Character::isDigit)) {
            return at(Path.of(spec).toAbsolutePath());
        }
        int feature = Integer.parseInt(spec);
        Jdk running = running();
        if (running.feature() == feature) {
            return Optional.of(running);
        }
        return installed().stream().filter(jdk -> jdk.feature() == feature).findFirst();
    }

    private static List<Jdk> installed() {
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            return homes.sorted().map(Jdk::at).flatMap(Optional::stream).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Jdk> at(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(new Jdk(home, version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** 17 for {@code 17.0.15}, 25 for {@code 25.0.3} or {@code 25}. */
    int feature() {
        return feature(version);
    }

    static int feature(String version) {
        Matcher leading = Pattern.compile("^(?:1\\.)?(\\d+)").matcher(version);
        return leading.find() ? Integer.parseInt(leading.group(1)) : 0;
    }

    Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** {@code jdk17}: how forks' files and lines name the JDK. */
    String id() {
        return "jdk" + feature();
    }
}
