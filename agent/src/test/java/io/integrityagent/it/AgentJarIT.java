package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The packaged agent jar: self-contained, with everything third-party relocated under our package. */
class AgentJarIT {

    @Test
    void everyClassInTheJarIsUnderTheProjectsPackage() throws Exception {
        try (JarFile jar = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            List<String> foreign = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.replaceFirst("^META-INF/versions/\\d+/", ""))
                    .filter(name -> !name.startsWith("io/integrityagent/"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), foreign);
        }
    }

    /** A class file without frames (Java 5's format, as ASM publishes its own) is verified the slow, old way. */
    @Test
    void everyClassFileCarriesStackMapFrames() throws Exception {
        try (JarFile jar = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            List<String> unframed = new ArrayList<>();
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
                        in.readInt(); // magic
                        in.readUnsignedShort(); // minor version
                        if (in.readUnsignedShort() < 50) {
                            unframed.add(entry.getName());
                        }
                    }
                }
            }
            assertEquals(List.of(), unframed);
        }
    }

    @Test
    void noResourceNamesAThirdPartyPackageThatCouldBeFoundByTheApplication() throws Exception {
        try (JarFile jar = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            List<String> services = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("META-INF/services/") && !name.endsWith("/"))
                    .filter(name -> !name.startsWith("META-INF/services/io.integrityagent."))
                    .collect(Collectors.toList());
            assertEquals(List.of(), services);
        }
    }

    @Test
    void manifestDeclaresTheAgentEntryPoints() throws Exception {
        try (JarFile jar = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("io.integrityagent.IntegrityAgent", main.getValue("Premain-Class"));
            assertEquals("io.integrityagent.IntegrityAgent", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("true", main.getValue("Can-Redefine-Classes"));
            assertTrue(main.getValue("Implementation-Version") != null);
        }
    }
}
