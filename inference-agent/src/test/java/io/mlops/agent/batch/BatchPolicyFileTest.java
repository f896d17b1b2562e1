package io.mlops.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPolicyFileTest {
    private static final BatchPolicy AGENT = new BatchPolicy(1, 0, 64, 30_000, 2);

    @TempDir
    Path repo;

    @Test
    void shouldKeepTheAgentsDefaultsWithoutAFile() throws Exception {
        Path version = Files.createDirectories(repo.resolve("m/1"));

        assertThat(BatchPolicyFile.forVersion(version, AGENT)).isEqualTo(AGENT);
    }

    @Test
    void shouldApplyTheModelsFileThenTheVersionsOverTheDefaults() throws Exception {
        Path version = Files.createDirectories(repo.resolve("m/1"));
        Files.writeString(repo.resolve("m/config.json"), "{\"maxBatchSize\": 32, \"maxQueueDelayUs\": 500}");
        Files.writeString(version.resolve("config.json"), "{\"maxBatchSize\": 8}");

        assertThat(BatchPolicyFile.forVersion(version, AGENT)).isEqualTo(new BatchPolicy(8, 500, 64, 30_000, 2));
    }

    @Test
    void shouldRejectABadFileNamingTheFileAndTheSetting() throws Exception {
        Path version = Files.createDirectories(repo.resolve("m/1"));
        Path file = version.resolve("config.json");

        Files.writeString(file, "{\"maxBatch\": 8}");
        assertThatThrownBy(() -> BatchPolicyFile.forVersion(version, AGENT))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown setting 'maxBatch'");
        Files.writeString(file, "{\"maxBatchSize\": \"many\"}");
        assertThatThrownBy(() -> BatchPolicyFile.forVersion(version, AGENT))
                .hasMessageContaining("'maxBatchSize' must be a whole number, not \"many\"");
        Files.writeString(file, "{\"maxBatchSize\": 0}");
        assertThatThrownBy(() -> BatchPolicyFile.forVersion(version, AGENT))
                .hasMessageContaining("max batch size must be at least 1, not 0");
        Files.writeString(file, "{oops");
        assertThatThrownBy(() -> BatchPolicyFile.forVersion(version, AGENT)).hasMessageContaining("not readable JSON");
    }
}
