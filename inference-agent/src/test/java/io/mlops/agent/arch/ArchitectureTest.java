package io.mlops.agent.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the inference agent a serving process: it speaks the contract (mlops-protocol), never the
 * engine's store, Git or registry code, and its packages stay layered, from the backends at the
 * bottom to the transports and the wiring at the top.
 */
class ArchitectureTest {
    private static JavaClasses agent;

    @BeforeAll
    static void importAgent() {
        agent = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlops.agent");
    }

    @Test
    void shouldNotDependOnTheEngineOrItsStorageLibraries() {
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
                        "java.sql..",
                        "javax.sql..",
                        "org.eclipse.jgit..",
                        "org.sqlite..",
                        "org.postgresql..",
                        "com.zaxxer.hikari..",
                        "org.roaringbitmap..")
                .because("the agent is installed on many serving nodes and needs the contract, not the engine"
                        + " (the enforcer's bannedDependencies keeps the libraries out of its jar)")
                .check(agent);
    }

    @Test
    void shouldKeepPackagesFreeOfCycles() {
        slices().matching("io.mlops.agent.(*)..").should().beFreeOfCycles().check(agent);
    }

    @Test
    void shouldRespectTheAllowedPackageDependencies() {
        Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("io.mlops.agent..")
                .layer("backend")
                .definedBy("io.mlops.agent.backend..")
                .layer("serve")
                .definedBy("io.mlops.agent.serve..")
                .layer("batch")
                .definedBy("io.mlops.agent.batch..")
                .layer("v2")
                .definedBy("io.mlops.agent.v2..")
                .layer("metrics")
                .definedBy("io.mlops.agent.metrics..")
                .layer("drift")
                .definedBy("io.mlops.agent.drift..")
                .layer("labeling")
                .definedBy("io.mlops.agent.labeling..")
                .layer("http")
                .definedBy("io.mlops.agent.http..")
                .layer("grpc")
                .definedBy("io.mlops.agent.grpc..")
                .layer("wiring")
                .definedBy("io.mlops.agent")
                .whereLayer("wiring")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("http")
                .mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("labeling")
                .mayOnlyBeAccessedByLayers("http", "wiring")
                .whereLayer("grpc")
                .mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("drift")
                .mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("metrics")
                .mayOnlyBeAccessedByLayers("drift", "http", "grpc", "wiring")
                .whereLayer("v2")
                .mayOnlyBeAccessedByLayers("http", "grpc", "wiring")
                .whereLayer("batch")
                .mayOnlyBeAccessedByLayers("metrics", "drift", "wiring")
                .whereLayer("serve")
                .mayOnlyBeAccessedByLayers("batch", "v2", "metrics", "drift", "labeling", "http", "grpc", "wiring")
                .whereLayer("backend")
                .mayOnlyBeAccessedByLayers("serve", "batch", "wiring")
                .check(agent);
    }
}
