package io.integrityagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a legal review and a security scanner read in the agent jar: its license, the notices and license texts of
 * every library it bundles, and the CycloneDX SBOM beside it, which must list exactly what the jar contains.
 */
class AgentJarLicensesIT {

    private static final Path SBOM = AgentProcess.AGENT_JAR.resolveSibling(
            AgentProcess.AGENT_JAR.getFileName().toString().replaceFirst("\\.jar$", ".cdx.json"));
    private static final String SHADED = "io/integrityagent/shaded/";
    /** The shade plugin's relocations (agent/pom.xml). */
    private static final Map<String, String> RELOCATIONS = Map.of(
            "net/bytebuddy/", SHADED + "bytebuddy/",
            "org/objectweb/asm/", SHADED + "asm/",
            "io/micrometer/", SHADED + "micrometer/",
            "io/prometheus/", SHADED + "prometheus/",
            "org/HdrHistogram/", SHADED + "hdrhistogram/",
            "org/LatencyUtils/", SHADED + "latencyutils/",
            "io/opentelemetry/proto/", SHADED + "otlp/proto/",
            "com/google/protobuf/", SHADED + "protobuf/",
            "org/jspecify/", SHADED + "jspecify/");

    private static List<Component> components;

    @BeforeAll
    static void readSbom() throws IOException {
        JsonNode sbom = new ObjectMapper().readTree(SBOM.toFile());
        assertEquals("CycloneDX", sbom.get("bomFormat").asText());
        components = new ArrayList<>();
        for (JsonNode component : sbom.get("components")) {
            components.add(new Component(component));
        }
        assertTrue(!components.isEmpty(), "the SBOM lists no components");
    }

    @Test
    void sbomDescribesTheAgentJarAtItsVersion() throws Exception {
        JsonNode agent = new ObjectMapper().readTree(SBOM.toFile()).get("metadata").get("component");
        try (JarFile jar = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            assertEquals("integrity-agent", agent.get("name").asText());
            assertEquals(jar.getManifest().getMainAttributes().getValue("Implementation-Version"),
                    agent.get("version").asText());
        }
    }

    @Test
    void theJarsThirdPartyClassesAreExactlyThoseOfTheComponentsTheSbomLists() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Component component : components) {
            assertTrue(component.version != null && !component.licenses.isEmpty(),
                    component + " has no version or no license in the SBOM");
            try (JarFile jar = component.jar()) {
                jar.stream().map(JarEntry::getName).filter(AgentJarLicensesIT::isBundledClass)
                        .map(AgentJarLicensesIT::relocated).forEach(expected::add);
            }
        }
        try (JarFile agent = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            Set<String> bundled = agent.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith(SHADED) && name.endsWith(".class"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(List.of(), difference(bundled, expected), "in the jar, from no component of the SBOM");
            assertEquals(List.of(), difference(expected, bundled), "of a component in the SBOM, not in the jar");
        }
    }

    @Test
    void theJarCarriesTheApacheLicenseAndTheTextOfEveryOtherLicenseOfABundledLibrary() throws Exception {
        try (JarFile agent = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            String license = read(agent, "META-INF/LICENSE");
            assertTrue(license.strip().startsWith("Apache License\n                           Version 2.0"),
                    license.substring(0, Math.min(200, license.length())));
            for (Component component : components) {
                for (String id : component.licenses) {
                    if (!id.equals("Apache-2.0")) {
                        assertTrue(agent.getEntry("META-INF/licenses/" + component.name + ".txt") != null,
                                component + " is under " + id + ", whose text is not in META-INF/licenses/");
                    }
                }
                // License texts a library ships of what it bundles itself come along.
                try (JarFile jar = component.jar()) {
                    for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith("META-INF/licenses/")
                            && !e.isDirectory()).collect(Collectors.toList())) {
                        assertEquals(read(jar, entry.getName()), read(agent, entry.getName()),
                                entry.getName() + " of " + component);
                    }
                }
            }
        }
    }

    @Test
    void theNoticeNamesEveryBundledLibraryAndQuotesEachOnesNotice() throws Exception {
        try (JarFile agent = new JarFile(AgentProcess.AGENT_JAR.toFile())) {
            String notice = read(agent, "META-INF/NOTICE");
            assertTrue(notice.startsWith("Integrity Agent\n"), notice);
            for (Component component : components) {
                assertTrue(notice.contains(component.group + ":" + component.name), component + " not named");
                try (JarFile jar = component.jar()) {
                    if (jar.getEntry("META-INF/NOTICE") != null) {
                        assertTrue(normalized(notice).contains(normalized(read(jar, "META-INF/NOTICE"))),
                                "the NOTICE does not quote the NOTICE of " + component);
                    }
                }
            }
        }
    }

    private static boolean isBundledClass(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/");
    }

    private static String relocated(String name) {
        return RELOCATIONS.entrySet().stream().filter(relocation -> name.startsWith(relocation.getKey()))
                .map(relocation -> relocation.getValue() + name.substring(relocation.getKey().length()))
                .findFirst().orElse(name);
    }

    private static List<String> difference(Set<String> from, Set<String> remove) {
        return from.stream().filter(name -> !remove.contains(name)).collect(Collectors.toList());
    }

    private static String read(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertTrue(entry != null, name + " is missing from " + jar.getName());
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** One library the SBOM lists, found on the test class path (where Maven put the agent's dependencies). */
    private static final class Component {
        final String group;
        final String name;
        final String version;
        final List<String> licenses = new ArrayList<>();

        Component(JsonNode component) {
            group = component.get("group").asText();
            name = component.get("name").asText();
            version = component.path("version").asText(null);
            for (JsonNode license : component.path("licenses")) {
                JsonNode id = license.path("license").path("id");
                licenses.add(id.isMissingNode() ? license.path("license").path("name").asText() : id.asText());
            }
        }

        JarFile jar() throws IOException {
            String suffix = String.join("/", group.replace('.', '/'), name, version, name + "-" + version + ".jar");
            String path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> entry.replace(File.separatorChar, '/').endsWith("/" + suffix))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(this + " is not a dependency of the agent"));
            return new JarFile(Paths.get(path).toFile());
        }

        @Override
        public String toString() {
            return group + ":" + name + ":" + version;
        }
    }
}
