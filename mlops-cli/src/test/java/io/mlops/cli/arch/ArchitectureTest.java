package io.mlops.cli.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the CLI a shell over the engine: its command groups depend on mlops-core, never the other
 * way; they do not call one another except through the shared server hosting ({@code server}) and
 * the label readers of {@code labels}; and no package cycles.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlops");
    }

    @Test
    void shouldKeepTheEngineAndTheContractFreeOfTheCli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.mlops.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.mlops.cli..")
                .because("commands depend on core, never the other way (DESIGN.md: dependencies point one way)")
                .check(classes);
    }

    @Test
    void shouldKeepCommandGroupsFreeOfCycles() {
        slices().matching("io.mlops.cli.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void shouldKeepCommandGroupsApart() {
        Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("io.mlops.cli..")
                .layer("main")
                .definedBy("io.mlops.cli")
                .layer("server")
                .definedBy("io.mlops.cli.server..")
                .layer("labels")
                .definedBy("io.mlops.cli.labels..")
                .layer("data")
                .definedBy("io.mlops.cli.data..")
                .layer("deploy")
                .definedBy("io.mlops.cli.deploy..")
                .layer("eval")
                .definedBy("io.mlops.cli.eval..")
                .layer("onnx")
                .definedBy("io.mlops.cli.onnx..")
                .layer("registry")
                .definedBy("io.mlops.cli.registry..")
                .layer("report")
                .definedBy("io.mlops.cli.report..")
                .layer("runs")
                .definedBy("io.mlops.cli.runs..")
                .layer("track")
                .definedBy("io.mlops.cli.track..")
                .layer("hardware")
                .definedBy("io.mlops.cli.hardware..")
                .layer("monitor")
                .definedBy("io.mlops.cli.monitor..")
                .whereLayer("server")
                .mayOnlyBeAccessedByLayers("main", "deploy", "registry", "report", "runs", "track", "monitor")
                .whereLayer("labels")
                .mayOnlyBeAccessedByLayers("main", "data")
                .whereLayer("data")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("deploy")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("eval")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("onnx")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("registry")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("report")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("runs")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("track")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("hardware")
                .mayOnlyBeAccessedByLayers("main")
                .whereLayer("monitor")
                .mayOnlyBeAccessedByLayers("main")
                .check(classes);
    }
}
