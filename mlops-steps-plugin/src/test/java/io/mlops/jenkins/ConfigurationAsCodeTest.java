package io.mlops.jenkins;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.mlops.jenkins.config.InferenceAgent;
import io.mlops.jenkins.config.MlopsConfiguration;
import org.junit.jupiter.api.Test;

/** The global configuration read from Configuration as Code, and exported back the same. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {
    @Test
    @ConfiguredWithCode("casc.yaml")
    void shouldRoundTripTheConfiguration(JenkinsConfiguredWithCodeRule j) throws Exception {
        MlopsConfiguration config = MlopsConfiguration.get();
        assertThat(config.getStoreUrl()).isEqualTo("postgresql://db.example:5432/mlops");
        assertThat(config.getStoreCredentialsId()).isEqualTo("mlops-db");
        assertThat(config.getDefaultPython()).isEqualTo("/opt/venv/bin/python");
        assertThat(config.getAgents())
                .extracting(InferenceAgent::getName, InferenceAgent::getUrl, InferenceAgent::getCredentialsId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu-1", "http://gpu-1:8000", "agent-token"));

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = getUnclassifiedRoot(context).get("mlops");
        String yaml = toYamlString(exported);

        assertThat(yaml)
                .contains("storeUrl: \"postgresql://db.example:5432/mlops\"")
                .contains("defaultPython: \"/opt/venv/bin/python\"")
                .contains("name: \"gpu-1\"");
    }
}
