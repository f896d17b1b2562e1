package io.mlops.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareProbeTest {
    @TempDir
    Path tmp;

    @Test
    void shouldReadGpusAndCudaVersionFromAnNvidiaSmiThatAnswersLikeTheRealOne() throws IOException {
        Path csv = fixture("nvidia-smi-query-h100.csv");
        Path header = fixture("nvidia-smi-h100.txt");
        // the real tool's two answers: the CSV for --query-gpu, the table without arguments
        Path smi = script(
                "nvidia-smi",
                "if [ \"$1\" = \"--query-gpu=" + NvidiaSmi.QUERY_FIELDS + "\" ]; then cat " + csv + "; else cat "
                        + header + "; fi");
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(lib.resolve("libnvinfer.so.10"), "");

        Hardware hardware = probe(smi, Duration.ofSeconds(30), List.of(lib));

        assertThat(hardware.gpus()).hasSize(1);
        assertThat(hardware.gpus().getFirst().cudaVersion()).isEqualTo("12.4");
        assertThat(hardware.gpus().getFirst().name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(hardware.backends()).containsExactly("tensorrt");
        assertThat(hardware.cpu().model()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
        assertThat(hardware.memoryBytes()).isEqualTo(24683772L * 1024);
    }

    @Test
    void shouldNoteAGpuWithoutTensorRtLibraries() throws IOException {
        Path csv = fixture("nvidia-smi-query-h100.csv");
        Path smi = script("nvidia-smi", "cat " + csv);

        Hardware hardware = probe(smi, Duration.ofSeconds(30), List.of(tmp));

        assertThat(hardware.backends()).isEmpty();
        assertThat(hardware.notes()).anyMatch(n -> n.startsWith("tensorrt: libnvinfer.so not found in "));
        assertThat(hardware.notes()).contains("nvidia-smi: no CUDA version in its header");
    }

    @Test
    void shouldStopAHangingNvidiaSmiAndNoteIt() throws IOException {
        Path smi = script("nvidia-smi", "exec sleep 600");

        Hardware hardware = probe(smi, Duration.ofMillis(300), List.of());

        assertThat(hardware.gpus()).isEmpty();
        assertThat(hardware.notes()).contains("nvidia-smi: no answer within 300 ms, stopped");
        assertThat(hardware.cpu().vendor()).isEqualTo("intel");
    }

    @Test
    void shouldNoteAMissingNvidiaSmi() {
        Hardware hardware = probe(tmp.resolve("nvidia-smi"), Duration.ofSeconds(30), List.of());

        assertThat(hardware.gpus()).isEmpty();
        assertThat(hardware.notes()).contains("nvidia-smi: not found");
    }

    @Test
    void shouldNoteAnNvidiaSmiThatCannotReachItsDriver() throws IOException {
        Path smi = script(
                "nvidia-smi",
                "echo 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA driver.'; exit 9");

        Hardware hardware = probe(smi, Duration.ofSeconds(30), List.of());

        assertThat(hardware.notes())
                .contains("nvidia-smi: exit 9: NVIDIA-SMI has failed because it couldn't communicate with the"
                        + " NVIDIA driver.");
    }

    @Test
    void shouldNoteUnreadableProcFilesAndStillAnswer() {
        ProbeSources sources = new ProbeSources(
                tmp.resolve("cpuinfo"),
                tmp.resolve("meminfo"),
                "nvidia-smi-absent",
                Duration.ofSeconds(5),
                false,
                List.of());

        Hardware hardware = new HardwareProbe(sources).probe();

        assertThat(hardware.cpu().logicalCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(hardware.memoryBytes()).isEqualTo(-1);
        assertThat(hardware.notes())
                .contains(
                        "cpuinfo: not readable (" + tmp.resolve("cpuinfo") + ")",
                        "meminfo: not readable (" + tmp.resolve("meminfo") + ")",
                        "nvidia-smi-absent: not found",
                        "onnxruntime: not asked");
    }

    @Test
    void shouldReturnThisMachinesCpuModelAndMemoryLive() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/cpuinfo")), "a Linux machine");
        String lscpu = run("lscpu");
        String free = run("free", "-b");
        assumeTrue(lscpu != null && free != null, "lscpu and free, to compare with");

        Hardware hardware = new HardwareProbe(ProbeSources.linux(System.getenv())).probe();

        assertThat(lscpu)
                .containsPattern("Model name:\\s+"
                        + java.util.regex.Pattern.quote(hardware.cpu().model()) + "\n");
        assertThat(lscpu).containsPattern("\nCPU\\(s\\):\\s+" + hardware.cpu().logicalCores() + "\n");
        assertThat(free).containsPattern("Mem:\\s+" + hardware.memoryBytes() + "\\s");
        // ONNX Runtime is on this module's test class path: its CPU provider is always there
        assertThat(hardware.onnxRuntimeProviders()).contains("CPUExecutionProvider");
        assertThat(hardware.backends()).contains("onnxruntime");
    }

    private Hardware probe(Path smi, Duration timeout, List<Path> libraryDirs) {
        ProbeSources sources = new ProbeSources(
                fixture("cpuinfo-intel-sapphire-rapids.txt"),
                fixture("meminfo-24g-kvm.txt"),
                smi.toString(),
                timeout,
                false,
                libraryDirs);
        return new HardwareProbe(sources).probe();
    }

    private Path fixture(String name) {
        try {
            Path file = tmp.resolve(name);
            if (!Files.exists(file)) {
                Files.writeString(file, Fixtures.read(name), StandardCharsets.UTF_8);
            }
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path script(String name, String body) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ExternalTool.Answer answer = ExternalTool.run(List.of(command), Duration.ofSeconds(30));
        return answer.output();
    }
}
