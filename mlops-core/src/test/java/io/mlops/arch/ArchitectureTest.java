package io.mlops.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps mlops-core a plain library (no Jenkins, Stapler or web server) and its packages in the
 * dependency order written down in DESIGN.md.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mlops");
    }

    @Test
    void shouldNotDependOnJenkinsStaplerOrWebServers() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "hudson..",
                        "jenkins..",
                        "org.jenkinsci..",
                        "org.kohsuke.stapler..",
                        "org.eclipse.jetty..",
                        "io.undertow..",
                        "org.apache.catalina..",
                        "io.netty..",
                        "com.sun.net.httpserver..")
                .because("mlops-core runs inside Jenkins agents, the CLI and the inference agent alike")
                .check(core);
    }

    @Test
    void shouldKeepPackagesFreeOfCycles() {
        slices().matching("io.mlops.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void shouldRespectTheAllowedPackageDependencies() {
        Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("io.mlops..")
                .layer("error")
                .definedBy("io.mlops.error..")
                .layer("progress")
                .definedBy("io.mlops.progress..")
                .layer("text")
                .definedBy("io.mlops.text..")
                .layer("stats")
                .definedBy("io.mlops.stats..")
                .layer("store")
                .definedBy("io.mlops.store..")
                .layer("git")
                .definedBy("io.mlops.git..")
                .layer("home")
                .definedBy("io.mlops.home..")
                .layer("data")
                .definedBy("io.mlops.data..")
                .layer("labels")
                .definedBy("io.mlops.labels..")
                .layer("onnx")
                .definedBy("io.mlops.onnx..")
                .layer("eval")
                .definedBy("io.mlops.eval..")
                .layer("blob")
                .definedBy("io.mlops.blob..")
                .layer("objectstore")
                .definedBy("io.mlops.objectstore..")
                .layer("tracking")
                .definedBy("io.mlops.tracking..")
                .layer("registry")
                .definedBy("io.mlops.registry..")
                .layer("deploy")
                .definedBy("io.mlops.deploy..")
                .layer("trigger")
                .definedBy("io.mlops.trigger..")
                .layer("token")
                .definedBy("io.mlops.token..")
                .layer("gpu")
                .definedBy("io.mlops.gpu..")
                .layer("json")
                .definedBy("io.mlops.json..")
                .layer("protocol")
                .definedBy("io.mlops.protocol..")
                .layer("monitor")
                .definedBy("io.mlops.monitor..")
                .layer("suite")
                .definedBy("io.mlops.suite..")
                .whereLayer("suite")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("protocol")
                .mayOnlyBeAccessedByLayers("deploy")
                .whereLayer("deploy")
                .mayNotBeAccessedByAnyLayer()
                // GPUs per build: the hosts (the Jenkins step) use it; no capability does
                .whereLayer("gpu")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("trigger")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("token")
                .mayOnlyBeAccessedByLayers("suite")
                // production health: the poller reads the registry's deployments, hosts mount its API
                .whereLayer("monitor")
                .mayOnlyBeAccessedByLayers("suite")
                .whereLayer("registry")
                .mayOnlyBeAccessedByLayers("deploy", "trigger", "monitor", "suite")
                // eval reads COCO ground truth through the labels' one annotation model and COCO reader
                .whereLayer("labels")
                .mayOnlyBeAccessedByLayers("eval", "suite")
                .whereLayer("eval")
                .mayOnlyBeAccessedByLayers("registry", "deploy")
                .whereLayer("tracking")
                .mayOnlyBeAccessedByLayers("registry", "suite")
                .whereLayer("onnx")
                .mayOnlyBeAccessedByLayers("eval", "registry", "deploy", "protocol")
                .whereLayer("data")
                .mayOnlyBeAccessedByLayers("labels", "trigger", "suite")
                .whereLayer("home")
                .mayOnlyBeAccessedByLayers("data", "labels", "onnx", "eval", "tracking", "registry", "suite")
                .whereLayer("git")
                .mayOnlyBeAccessedByLayers("data", "tracking")
                .whereLayer("stats")
                .mayOnlyBeAccessedByLayers("labels", "deploy", "protocol")
                .whereLayer("store")
                .mayOnlyBeAccessedByLayers(
                        "home",
                        "data",
                        "labels",
                        "onnx",
                        "eval",
                        "tracking",
                        "registry",
                        "trigger",
                        "token",
                        "monitor",
                        "suite")
                .whereLayer("blob")
                // The registry serves and deploys the files of versions that are MLflow model directories.
                .mayOnlyBeAccessedByLayers("tracking", "registry", "suite")
                // where remotes, artifacts and model files live: a directory or an S3 bucket
                .whereLayer("objectstore")
                .mayOnlyBeAccessedByLayers("data", "blob", "tracking", "registry", "suite")
                .whereLayer("text")
                .mayOnlyBeAccessedByLayers("data", "labels", "eval", "tracking", "deploy")
                .whereLayer("progress")
                .mayOnlyBeAccessedByLayers("data", "labels", "onnx", "eval", "tracking", "registry", "deploy")
                .check(core);
    }

    @Test
    void shouldKeepServletsInTheProtocolPackages() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.mlops.tracking.http..", "io.mlops.registry.http..", "io.mlops.monitor.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..")
                .because("protocol handlers are servlets (DESIGN.md principle 3); the engine itself stays host-free")
                .check(core);
    }

    @Test
    void shouldBuildJsonAndYamlMappersOnlyInTheJsonPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.mlops.json..")
                .should()
                .callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
                .orShould()
                .callMethodWhere(target(owner(assignableTo(ObjectMapper.class))).and(target(name("builder"))))
                .because("io.mlops.json.Json (and Yaml) decide NaN, numbers, dates, trailing content and limits once;"
                        + " a mapper that needs one rule more derives from Json.builder() or Yaml.builder()")
                .check(core);
    }

    @Test
    void shouldLetEvaluationUseOnlyTheAnnotationModelAndTheReadersOfLabels() {
        noClasses()
                .that()
                .resideInAPackage("io.mlops.eval..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.mlops.labels.card..",
                        "io.mlops.labels.check..",
                        "io.mlops.labels.drift..",
                        "io.mlops.labels.image..",
                        "io.mlops.labels.scan..")
                .because("evaluation shares the annotation model (io.mlops.labels) and its readers"
                        + " (io.mlops.labels.format), not label checks, cards, drift or scans")
                .check(core);
    }
}
