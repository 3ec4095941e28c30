package io.integrityagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.integrityagent.bootstrap.Hooks;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootstrapClassesTest {

    @Test
    void everyClassOfTheBootstrapPackageIsDefinedInTheBootstrapLoader() throws IOException, URISyntaxException {
        Path hooks = Path.of(Hooks.class.getResource("Hooks.class").toURI());
        Set<String> compiled;
        try (Stream<Path> files = Files.list(hooks.getParent())) {
            compiled = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
                    .map(name -> Hooks.class.getPackageName() + "." + name.substring(0, name.length() - 6))
                    .collect(Collectors.toSet());
        }
        assertEquals(compiled, Set.copyOf(BootstrapClasses.CLASSES));
    }
}
