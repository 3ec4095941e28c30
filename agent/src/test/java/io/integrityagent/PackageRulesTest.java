package io.integrityagent;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules between the agent's packages. Start-up (this package) wires the stages together;
 * the stages meet in {@code model}; {@code util}, {@code sql} and {@code bootstrap} are leaves.
 */
@AnalyzeClasses(packages = "io.integrityagent",
        importOptions = {ImportOption.DoNotIncludeTests.class, PackageRulesTest.NotShaded.class})
class PackageRulesTest {

    private static final String OURS = "io.integrityagent..";

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("io.integrityagent.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyStartUpKnowsTheInstrumentation = noClasses()
            .that().resideOutsideOfPackages("io.integrityagent", "io.integrityagent.instrumentation..")
            .should().dependOnClassesThat().resideInAPackage("io.integrityagent.instrumentation..");

    @ArchTest
    static final ArchRule noStageKnowsTheStartUp = noClasses()
            .that().resideOutsideOfPackage("io.integrityagent")
            .should().dependOnClassesThat().resideInAPackage("io.integrityagent");

    @ArchTest
    static final ArchRule modelDependsOnNothingOfOurs = dependsOnlyOnItself("io.integrityagent.model..");

    @ArchTest
    static final ArchRule utilDependsOnNothingOfOurs = dependsOnlyOnItself("io.integrityagent.util..");

    @ArchTest
    static final ArchRule sqlParserDependsOnNothingOfOurs = dependsOnlyOnItself("io.integrityagent.sql..");

    /** Its classes are defined in the bootstrap class loader, where no other class of the agent is visible. */
    @ArchTest
    static final ArchRule bootstrapDependsOnNothingOfOurs = dependsOnlyOnItself("io.integrityagent.bootstrap..");

    /** Capture runs on the application's thread for every statement: it knows nothing of what reads it. */
    @ArchTest
    static final ArchRule captureKnowsOnlyTheHooksAndTheModel = classes()
            .that().resideInAPackage("io.integrityagent.capture..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(OURS).or(resideInAnyPackage(
                    "io.integrityagent.capture..", "io.integrityagent.bootstrap..", "io.integrityagent.model..",
                    "io.integrityagent.util..")));

    /** The live page reads finished reports and renders them as the events do; it never reaches back upstream. */
    @ArchTest
    static final ArchRule livePageKnowsOnlyTheModelAndTheOutputs = classes()
            .that().resideInAPackage("io.integrityagent.ui..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(OURS).or(resideInAnyPackage(
                    "io.integrityagent.ui..", "io.integrityagent.model..", "io.integrityagent.output..",
                    "io.integrityagent.util..")));

    private static ArchRule dependsOnlyOnItself(String packageIdentifier) {
        return classes().that().resideInAPackage(packageIdentifier)
                .should().onlyDependOnClassesThat(
                        resideOutsideOfPackage(OURS).or(resideInAnyPackage(packageIdentifier)));
    }

    /** Byte Buddy and the other relocated libraries are not the agent's own code. */
    static final class NotShaded implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/io/integrityagent/shaded/");
        }
    }
}
