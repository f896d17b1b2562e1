package io.mlops.protocol.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the contract module small enough for every serving node: none of the engine's packages, no
 * database, Git, servlet or web server code, and no cycles between its packages.
 */
class ArchitectureTest {
    private static JavaClasses protocol;

    @BeforeAll
    static void importProtocol() {
        protocol = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlops");
    }

    @Test
    void shouldNotDependOnTheEngineNorOnStorageOrServers() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.mlops.store..",
                        "io.mlops.git..",
                        "io.mlops.home..",
                        "io.mlops.blob..",
                        "io.mlops.data..",
                        "io.mlops.labels..",
                        "io.mlops.eval..",
                        "io.mlops.tracking..",
                        "io.mlops.registry..",
                        "io.mlops.deploy..",
                        "io.mlops.trigger..",
                        "io.mlops.token..",
                        "io.mlops.progress..",
                        "io.mlops.agent..",
                        "io.mlops.cli..",
                        "java.sql..",
                        "javax.sql..",
                        "org.eclipse.jgit..",
                        "jakarta.servlet..",
                        "org.eclipse.jetty..",
                        "io.netty..",
                        "io.grpc..")
                .because("mlops-protocol is the contract both sides stand on, shipped on every serving node")
                .check(protocol);
    }

    @Test
    void shouldKeepPackagesFreeOfCycles() {
        slices().matching("io.mlops.(*)..").should().beFreeOfCycles().check(protocol);
    }

    @Test
    void shouldKeepTheFoundationsFreeOfTheContract() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.mlops.error..",
                        "io.mlops.stats..",
                        "io.mlops.text..",
                        "io.mlops.json..",
                        "io.mlops.hardware..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.mlops.protocol..", "io.mlops.onnx..")
                .because("the foundations sit below the contract")
                .check(protocol);
    }
}
