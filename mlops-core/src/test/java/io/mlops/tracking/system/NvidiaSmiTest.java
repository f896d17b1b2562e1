package io.mlops.tracking.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPUs' UUIDs, and a tool that hangs or fails counting as no GPU. The programs here are real
 * shell scripts standing in for nvidia-smi (this machine has no NVIDIA driver); the lines they print
 * are in the format of {@code nvidia-smi --query-gpu=uuid --format=csv,noheader}.
 */
class NvidiaSmiTest {
    @TempDir
    Path dir;

    @Test
    void shouldListTheUuidsInDeviceOrder() throws Exception {
        Path tool = script(
                "printf 'GPU-3f2c1a7e-0b1d-4c55-9a0e-1d2f3a4b5c6d\\nMIG-5e6f7a8b-1c2d-5e3f-8a9b-0c1d2e3f4a5b\\n'");

        assertThat(new NvidiaSmi(tool.toString()).gpuUuids())
                .containsExactly(
                        "GPU-3f2c1a7e-0b1d-4c55-9a0e-1d2f3a4b5c6d", "MIG-5e6f7a8b-1c2d-5e3f-8a9b-0c1d2e3f4a5b");
    }

    @Test
    void shouldCountAToolThatHangsAsNoGpu() throws Exception {
        Path tool = script("echo GPU-3f2c1a7e-0b1d-4c55-9a0e-1d2f3a4b5c6d; exec sleep 600");

        assertThat(new NvidiaSmi(tool.toString(), 1).gpuUuids()).isEmpty();
    }

    @Test
    void shouldCountAFailingToolAsNoGpu() throws Exception {
        Path tool =
                script("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9");

        assertThat(new NvidiaSmi(tool.toString()).gpuUuids()).isEmpty();
        assertThat(new NvidiaSmi("/nonexistent/nvidia-smi").gpuUuids()).isEmpty();
    }

    private Path script(String body) throws Exception {
        Path tool = dir.resolve("nvidia-smi");
        Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }
}
