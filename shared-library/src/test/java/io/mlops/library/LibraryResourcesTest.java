package io.mlops.library;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.json.JsonSlurper;
import groovy.yaml.YamlSlurper;
import io.mlops.eval.gate.Gate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files under resources/ (read in pipelines with libraryResource) agree with the code they
 * describe: metric names with the inference agent's sources, agent flags with its command line, gates
 * with the evaluator's parser and metric names, GPU pods with the resource Kubernetes schedules on.
 */
class LibraryResourcesTest {
    private static final Path ROOT = RecordedStepsHarness.root();
    private static final Path RESOURCES = ROOT.resolve("resources/io/mlops");
    private static final Pattern METRIC = Pattern.compile("\\bmlops_[a-z_]+\\b");

    private static String sources(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void shouldNameOnlyMetricsTheInferenceAgentWrites() throws IOException {
        String agent = sources(ROOT.resolve("inference-agent/src/main/java"));
        Set<String> used = new TreeSet<>();
        for (String file : List.of("monitoring/grafana-dashboard.json", "monitoring/prometheus-alerts.yaml")) {
            Matcher metric = METRIC.matcher(Files.readString(RESOURCES.resolve(file)));
            while (metric.find()) {
                // a histogram's series are NAME_bucket, NAME_sum and NAME_count
                used.add(metric.group().replaceFirst("_(bucket|sum|count)$", ""));
            }
        }

        assertThat(used).contains("mlops_agent_requests_total", "mlops_agent_request_duration_seconds");
        assertThat(used)
                .allSatisfy(name -> assertThat(agent)
                        .as("metric %s is not written by the inference agent", name)
                        .contains("\"" + name + "\""));
    }

    @Test
    void shouldBeAGrafanaDashboardOverThePrometheusDatasource() throws IOException {
        Map<?, ?> dashboard = (Map<?, ?>) new JsonSlurper()
                .parse(RESOURCES.resolve("monitoring/grafana-dashboard.json").toFile());
        List<?> panels = (List<?>) dashboard.get("panels");

        assertThat(dashboard.get("uid")).isEqualTo("mlops-inference-agent");
        assertThat(panels)
                .hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(panel ->
                        assertThat(((Map<?, ?>) panel).get("targets")).asList().isNotEmpty());
    }

    @Test
    void shouldBePrometheusRuleGroupsWithAnExpressionPerAlert() throws IOException {
        Map<?, ?> rules = (Map<?, ?>) new YamlSlurper().parse(RESOURCES.resolve("monitoring/prometheus-alerts.yaml"));
        List<?> alerts = (List<?>) ((Map<?, ?>) ((List<?>) rules.get("groups")).get(0)).get("rules");

        assertThat(alerts)
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(rule -> assertThat(((Map<?, ?>) rule).keySet())
                        .asString()
                        .contains("alert", "expr", "labels", "annotations"));
    }

    @Test
    void shouldGiveEveryDefaultGateSetGatesTheEvaluatorParsesOnItsTasksMetrics() throws IOException {
        String core = ROOT.resolve("mlops-core/src/main/java/io/mlops/eval").toString();
        Map<String, String> metricSources = Map.of(
                "classification", sources(Path.of(core, "metric")),
                "regression", sources(Path.of(core, "metric")),
                "detection", sources(Path.of(core, "coco")));
        for (String task : List.of("classification", "detection", "regression")) {
            Map<?, ?> set = (Map<?, ?>) new YamlSlurper().parse(RESOURCES.resolve("gates/" + task + ".yaml"));
            List<?> gates = (List<?>) set.get("gates");

            assertThat(gates).as(task).isNotEmpty();
            for (Object expression : gates) {
                Gate gate = Gate.parse((String) expression);
                assertThat(metricSources.get(task))
                        .as("gate '%s' of %s names a metric the evaluator does not report", expression, task)
                        .contains("\"" + gate.metric() + "\"");
            }
        }
    }

    @Test
    void shouldAskKubernetesForNvidiaGpusInTheGpuPod() throws IOException {
        Map<?, ?> pod = (Map<?, ?>) new YamlSlurper().parse(RESOURCES.resolve("k8s/gpu-agent-pod.yaml"));
        List<?> containers = (List<?>) ((Map<?, ?>) pod.get("spec")).get("containers");
        List<Object> gpuLimits = new ArrayList<>();
        for (Object container : containers) {
            Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) container).get("resources");
            Map<?, ?> limits = resources == null ? null : (Map<?, ?>) resources.get("limits");
            if (limits != null && limits.containsKey("nvidia.com/gpu")) {
                gpuLimits.add(limits.get("nvidia.com/gpu"));
            }
        }

        assertThat(pod.get("kind")).isEqualTo("Pod");
        assertThat(gpuLimits).containsExactly(1);
        assertThat(((Map<?, ?>) new YamlSlurper().parse(RESOURCES.resolve("k8s/intel-agent-pod.yaml"))).get("kind"))
                .isEqualTo("Pod");
    }

    @Test
    void shouldStartTheAgentWithFlagsItHasFromTheInstalledLauncher() throws IOException {
        String unit = Files.readString(RESOURCES.resolve("agent/inference-agent.service"));
        String agent = sources(ROOT.resolve("inference-agent/src/main/java/io/mlops/agent"));
        String install = Files.readString(RESOURCES.resolve("agent/install-inference-agent.sh"));
        String exec =
                unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        Matcher flag = Pattern.compile("\\s(--[a-z-]+)").matcher(exec);
        List<String> flags = new ArrayList<>();
        while (flag.find()) {
            flags.add(flag.group(1));
        }

        assertThat(flags).contains("--repository", "--admin-token-file");
        assertThat(flags)
                .allSatisfy(f -> assertThat(agent)
                        .as("inference-agent has no flag %s", f)
                        .contains("names = \"" + f + "\""));
        assertThat(exec).startsWith("ExecStart=/opt/mlops/bin/inference-agent ");
        assertThat(install).contains("/opt/mlops/bin/", "/etc/systemd/system/inference-agent.service");
    }

    @Test
    void shouldBeAnInstallScriptBashAccepts() throws Exception {
        Process bash = new ProcessBuilder(
                        "bash",
                        "-n",
                        RESOURCES.resolve("agent/install-inference-agent.sh").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes());

        assertThat(bash.waitFor()).as(out).isZero();
    }
}
