package io.mlops.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void shouldRejectParentDirectoryInModelName() {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        assertThatThrownBy(() -> repository.versionDir("..", "1"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("model name '..' is not allowed");
        assertThatThrownBy(() -> repository.versionDir("../outside", "1"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("model name '../outside' is not allowed");
    }

    @Test
    void shouldRejectAbsolutePathAsModelName() {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        assertThatThrownBy(() -> repository.modelDir("/etc"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'/etc' is not allowed");
    }

    @Test
    void shouldRejectVersionThatIsNotAPositiveNumber() {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        for (String version : new String[] {"..", "0", "-1", "1/../../x", "v2", ""}) {
            assertThatThrownBy(() -> repository.versionDir("mlp", version))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("version '" + version + "' is not allowed");
        }
    }

    @Test
    void shouldRejectModelDirectoryThatIsASymlinkOutOfTheRepository() throws Exception {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(repository.root().resolve("escape"), outside);
        assertThatThrownBy(() -> repository.versionDir("escape", "1"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("leads outside the model repository");
    }

    @Test
    void shouldRejectVersionDirectoryThatIsASymlinkOutOfTheRepository() throws Exception {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(repository.root().resolve("mlp"));
        Files.createSymbolicLink(repository.root().resolve("mlp").resolve("3"), outside);
        assertThatThrownBy(() -> repository.versionDir("mlp", "3"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("leads outside the model repository");
    }

    @Test
    void shouldListVersionsHoldingAModelInNumericOrder() throws Exception {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        for (String version : new String[] {"10", "9", "2"}) {
            Path versionDir =
                    Files.createDirectories(repository.root().resolve("mlp").resolve(version));
            Files.writeString(versionDir.resolve(ModelRepository.MODEL_FILE), "x");
        }
        Files.createDirectories(repository.root().resolve("mlp").resolve("11"));
        Files.createDirectories(repository.root().resolve("mlp").resolve("notes"));

        assertThat(repository.models()).containsExactly("mlp");
        assertThat(repository.versions("mlp")).containsExactly("2", "9", "10");
    }

    @Test
    void shouldInstallAStagedVersionInOneRenameAndRefuseToOverwrite() throws Exception {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        Path staged = repository.newStagingDir();
        Files.writeString(staged.resolve(ModelRepository.MODEL_FILE), "first");
        Path installed = repository.install(staged, "mlp", "1");

        assertThat(installed).isEqualTo(repository.root().resolve("mlp/1"));
        assertThat(Files.readString(installed.resolve(ModelRepository.MODEL_FILE)))
                .isEqualTo("first");
        assertThat(staged).doesNotExist();

        Path again = repository.newStagingDir();
        Files.writeString(again.resolve(ModelRepository.MODEL_FILE), "second");
        assertThatThrownBy(() -> repository.install(again, "mlp", "1"))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("version 1 exists");
        assertThat(Files.readString(installed.resolve(ModelRepository.MODEL_FILE)))
                .isEqualTo("first");
    }

    @Test
    void shouldDeleteAVersionButNotWhatALinkInsideItPointsTo() throws Exception {
        ModelRepository repository = new ModelRepository(dir.resolve("repo"));
        Path outside = Files.writeString(dir.resolve("precious.txt"), "keep");
        Path version = Files.createDirectories(repository.root().resolve("mlp/1"));
        Files.createSymbolicLink(version.resolve("link"), outside);

        repository.delete(version);

        assertThat(version).doesNotExist();
        assertThat(outside).hasContent("keep");
    }
}
