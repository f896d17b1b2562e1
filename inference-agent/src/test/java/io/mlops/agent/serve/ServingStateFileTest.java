package io.mlops.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.protocol.admin.Rollback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file: written whole or not at all, read back exactly, and damage reported, not guessed around. */
class ServingStateFileTest {
    @TempDir
    Path dir;

    private static final ServingState STATE = new ServingState(
            "2",
            "1",
            "3",
            10,
            new ServingState.Watch("3", 1_700_000_000_000L, 0.05),
            List.of("4"),
            Map.of("5", "the agent restarted during the deployment of version 5"),
            new Rollback("6", "2", "manual rollback", 1_600_000_000_000L));

    @Test
    void shouldReadBackExactlyWhatWasWritten() {
        Path model = dir.resolve("mlp");
        ServingStateFile.write(model, STATE);

        assertThat(ServingStateFile.read(model)).contains(STATE);
        try (Stream<Path> files = Files.list(model)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ServingStateFile.FILE_NAME);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldReplaceTheStateInOneStep() {
        ServingStateFile.write(dir, STATE);
        ServingState next = new ServingState("3", "2", null, 0, null, List.of(), Map.of(), null);
        ServingStateFile.write(dir, next);

        assertThat(ServingStateFile.read(dir)).contains(next);
    }

    @Test
    void shouldIgnoreATornTemporaryFile() throws Exception {
        ServingStateFile.write(dir, STATE);
        // A write killed before its rename leaves a partial temporary file beside the real one.
        Files.writeString(dir.resolve(ServingStateFile.TEMP_NAME), "{\"primary\":\"9\",\"can");

        assertThat(ServingStateFile.read(dir)).contains(STATE);
        ServingState next = new ServingState("1", null, null, 0, null, List.of(), Map.of(), null);
        ServingStateFile.write(dir, next);
        assertThat(ServingStateFile.read(dir)).contains(next);
        assertThat(dir.resolve(ServingStateFile.TEMP_NAME)).doesNotExist();
    }

    @Test
    void shouldFindNoStateWhereOnlyATornTemporaryFileLies() throws Exception {
        Files.writeString(dir.resolve(ServingStateFile.TEMP_NAME), "{\"primary\":");

        assertThat(ServingStateFile.read(dir)).isEmpty();
    }

    @Test
    void shouldNameADamagedFileAndRefuseToGuess() throws Exception {
        Path file = Files.writeString(dir.resolve(ServingStateFile.FILE_NAME), "{\"primary\":\"2\",");

        assertThatThrownBy(() -> ServingStateFile.read(dir))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("the serving state " + file + " is damaged")
                .hasMessageContaining("will not guess");
    }

    @Test
    void shouldCallAnEmptyFileDamaged() throws Exception {
        Files.writeString(dir.resolve(ServingStateFile.FILE_NAME), "");

        assertThatThrownBy(() -> ServingStateFile.read(dir))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is damaged");
    }
}
