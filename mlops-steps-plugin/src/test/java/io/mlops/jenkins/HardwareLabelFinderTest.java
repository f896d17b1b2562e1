package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Node;
import hudson.model.labels.LabelAtom;
import hudson.slaves.DumbSlave;
import io.mlops.hardware.CpuInfo;
import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.jenkins.hardware.HardwareLabelCache;
import io.mlops.jenkins.hardware.NoHardwareLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Hardware labels on a real agent (a local agent process of JenkinsRule, so the probe runs over remoting on
 * this machine): the CPU vendor of this machine's /proc/cpuinfo becomes a label, with the configured prefix,
 * and a node with {@link NoHardwareLabels} gets none.
 */
@WithJenkins
class HardwareLabelFinderTest {
    private String vendor;

    @BeforeEach
    void readThisMachine() throws Exception {
        vendor = CpuInfo.parse(Files.readString(Path.of("/proc/cpuinfo"))).vendor();
    }

    @Test
    void shouldLabelAnAgentWithItsHardwareWhenItComesOnline(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave();

        assertThat(HardwareLabelCache.get().of(agent)).isPresent();
        assertThat(HardwareLabelCache.get().of(agent).orElseThrow().cpu().vendor())
                .isEqualTo(vendor);
        assertThat(labels(agent)).contains(vendor).doesNotContain("onnxruntime");
        assertThat(j.jenkins.getLabel(vendor).getNodes()).contains(agent);
    }

    @Test
    void shouldPutThePrefixBeforeEveryHardwareLabel(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave();

        MlopsConfiguration.get().setHardwareLabelPrefix("hw-");

        assertThat(labels(agent)).contains("hw-" + vendor).doesNotContain(vendor);
    }

    @Test
    void shouldLabelNothingWhenSwitchedOffGloballyOrOnTheNode(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        DumbSlave quiet = j.createOnlineSlave();
        quiet.getNodeProperties().add(new NoHardwareLabels());
        j.jenkins.updateNode(quiet);

        assertThat(labels(quiet)).doesNotContain(vendor);
        assertThat(labels(agent)).contains(vendor);

        MlopsConfiguration.get().setHardwareLabels(false);

        assertThat(labels(agent)).doesNotContain(vendor);
    }

    @Test
    void shouldKeepTheSettingsThroughTheConfigurationPage(JenkinsRule j) throws Exception {
        MlopsConfiguration.get().setHardwareLabelPrefix("hw-");
        MlopsConfiguration.get().setHardwareLabels(false);

        j.configRoundtrip();

        assertThat(MlopsConfiguration.get().getHardwareLabelPrefix()).isEqualTo("hw-");
        assertThat(MlopsConfiguration.get().isHardwareLabels()).isFalse();
    }

    private static Set<String> labels(Node node) {
        return node.getAssignedLabels().stream().map(LabelAtom::getName).collect(Collectors.toSet());
    }
}
