package io.mlops.cli.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.Main;
import io.mlops.hardware.CpuInfo;
import io.mlops.hardware.MemInfo;
import io.mlops.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mlops hardware} on this machine (Linux: it reads /proc and asks nvidia-smi, absent here). */
class HardwareCommandTest {
    @BeforeAll
    static void linux() {
        assumeTrue(Files.isReadable(Path.of("/proc/cpuinfo")), "a Linux machine");
    }

    @Test
    void shouldPrintThisMachinesProbeAsJson() throws IOException {
        Result result = mlops("--json", "hardware");

        assertThat(result.status()).isZero();
        JsonNode json = Json.mapper().readTree(result.out());
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        assertThat(json.get("cpu").get("model").asText())
                .isEqualTo(CpuInfo.parse(cpuinfo).model());
        assertThat(json.get("cpu").get("logicalCores").asInt())
                .isEqualTo(CpuInfo.parse(cpuinfo).logicalCores());
        assertThat(json.get("memoryBytes").asLong())
                .isEqualTo(MemInfo.totalBytes(Files.readString(Path.of("/proc/meminfo"))));
        assertThat(json.get("backends").toString()).contains("\"onnxruntime\"");
        assertThat(json.has("gpus") && json.has("openvinoDevices") && json.has("notes"))
                .isTrue();
    }

    @Test
    void shouldPrintTheSameLabelsAsTextAndAsJsonWithTheirPrefix() throws IOException {
        Result text = mlops("hardware", "--labels", "--prefix", "hw-");
        Result json = mlops("hardware", "--labels", "--prefix", "hw-", "--json");

        List<String> fromJson = new ArrayList<>();
        Json.mapper().readTree(json.out()).forEach(label -> fromJson.add(label.asText()));
        String vendor =
                CpuInfo.parse(Files.readString(Path.of("/proc/cpuinfo"))).vendor();
        assertThat(text.out().strip().split(" ")).containsExactlyElementsOf(fromJson);
        assertThat(fromJson).allMatch(label -> label.startsWith("hw-")).contains("hw-onnxruntime");
        if (!vendor.equals("other")) {
            assertThat(fromJson).contains("hw-" + vendor);
        }
    }

    @Test
    void shouldPrintTheProbeForPeopleWithItsNotes() {
        Result result = mlops("hardware");

        assertThat(result.status()).isZero();
        assertThat(result.out()).containsPattern("(?m)^cpu +\\S").containsPattern("(?m)^memory +\\d");
        assertThat(result.out()).containsPattern("(?m)^labels +\\S").containsPattern("(?m)^backends +.*onnxruntime");
    }

    @Test
    void shouldRefuseAPrefixJenkinsWouldReadAsAnOperator() {
        Result result = mlops("hardware", "--labels", "--prefix", "a&&b");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).startsWith("mlops: error: label prefix 'a&&b' may hold only letters, digits");
    }

    @Test
    void shouldExplainItselfWithHelp() {
        Result result = mlops("hardware", "--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("--labels", "--prefix", "docs/hardware.md");
    }

    private record Result(int status, String out, String err) {}

    private static Result mlops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), System.getenv());
        return new Result(status, out.toString(), err.toString());
    }
}
