package io.mlops.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host killed with -9 while builds hold GPUs: on the next start the allocations of builds that still
 * run are back, and those of builds that ended meanwhile are free.
 */
class GpuAllocationsRestartTest {
    static final NodeGpus NODE = new NodeGpus("gpu-1", List.of("GPU-a", "GPU-b", "GPU-c"));
    static final String HELD = "held";

    @TempDir
    Path dir;

    @Test
    void shouldRestoreTheAllocationsOfLiveBuildsAfterAKill() throws Exception {
        Path file = dir.resolve("gpu-allocations.json");
        Process child = hostProcess(file, "still-running#1", "ended#2");
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals(HELD));
            assertThat(line).as("the child host took its GPUs").isEqualTo(HELD);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            child.waitFor();
        }

        GpuAllocations restored = GpuAllocations.restore(file, Set.of("still-running#1")::contains);

        assertThat(restored.holders("gpu-1"))
                .containsExactly(new Allocation("gpu-1", "still-running#1", List.of("GPU-a")));
        assertThat(restored.acquire(NODE, "next#3", 2))
                .as("the GPU of the build that ended is free again")
                .containsExactly("GPU-b", "GPU-c");
    }

    private static Process hostProcess(Path file, String... holders) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(
                java.toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-cp",
                classPath,
                GpuHolderProcess.class.getName(),
                file.toString()));
        command.addAll(List.of(holders));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
