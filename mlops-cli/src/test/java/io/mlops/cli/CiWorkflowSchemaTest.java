package io.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI files validate against their published JSON schemas, with {@code check-jsonschema} (PyPI,
 * pinned in python/requirements-test.txt) and the copies of SchemaStore's github-workflows,
 * github-actions and gitlab-ci schemas it ships. A broken copy of each must fail, so a validator that
 * accepts anything would fail this test too.
 */
class CiWorkflowSchemaTest {
    private static final Path ROOT = root();

    @TempDir
    Path directory;

    @Test
    void shouldValidateTheGitHubWorkflowAndTheCompositeAction() throws Exception {
        assertValid("vendor.github-workflows", ROOT.resolve("docs/ci/github-actions.yml"));
        assertValid("vendor.github-actions", ROOT.resolve(".github/actions/mlops/action.yml"));
    }

    @Test
    void shouldValidateTheGitLabPipelineAndBothDocumentsOfTheComponent() throws Exception {
        assertValid("vendor.gitlab-ci", ROOT.resolve("docs/ci/gitlab-ci.yml"));
        // a component is two YAML documents, the spec header and the jobs; the validator reads one each
        String component = Files.readString(ROOT.resolve("templates/mlops.yml"));
        String[] documents = component.split("(?m)^---$", 2);
        assertThat(documents).hasSize(2);
        assertThat(documents[0]).contains("spec:", "inputs:");
        assertValid("vendor.gitlab-ci", Files.writeString(directory.resolve("spec.yml"), documents[0]));
        assertValid("vendor.gitlab-ci", Files.writeString(directory.resolve("jobs.yml"), documents[1]));
    }

    @Test
    void shouldRejectBrokenCopies() throws Exception {
        String workflow = Files.readString(ROOT.resolve("docs/ci/github-actions.yml"));
        String action = Files.readString(ROOT.resolve(".github/actions/mlops/action.yml"));
        String pipeline = Files.readString(ROOT.resolve("docs/ci/gitlab-ci.yml"));

        assertInvalid(
                "vendor.github-workflows",
                broken("workflow.yml", workflow, "    runs-on: [self-hosted, linux, mlops]\n    steps:", "    steps:"));
        assertInvalid("vendor.github-actions", broken("action.yml", action, "using: composite", "using: compost"));
        assertInvalid("vendor.gitlab-ci", broken("gitlab-ci.yml", pipeline, "when: manual", "when: sometimes"));
    }

    private Path broken(String name, String text, String from, String to) throws IOException {
        assertThat(text).contains(from);
        return Files.writeString(directory.resolve(name), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    private static void assertValid(String schema, Path file) throws Exception {
        Result result = check(schema, file);
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok -- validation done");
    }

    private static void assertInvalid(String schema, Path file) throws Exception {
        Result result = check(schema, file);
        assertThat(result.status()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("Schema validation errors", file.getFileName().toString());
    }

    private record Result(int status, String output) {}

    private static Result check(String schema, Path file) throws Exception {
        Process process = new ProcessBuilder(
                        List.of(validator().toString(), "--builtin-schema", schema, file.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES))
                .as("check-jsonschema ended")
                .isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path validator() {
        String configured = System.getenv("MLOPS_VENV");
        Path venv = configured != null && !configured.isBlank() ? Path.of(configured) : ROOT.resolve(".venv");
        Path program = venv.resolve("bin/check-jsonschema");
        if (!Files.isExecutable(program)) {
            String reason = "check-jsonschema not found at " + program
                    + "; install python/requirements-test.txt into the venv (bin/setup-python) or set MLOPS_VENV";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return program;
    }

    private static Path root() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        return root;
    }
}
