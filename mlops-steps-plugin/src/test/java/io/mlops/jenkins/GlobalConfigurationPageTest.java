package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.jenkins.config.InferenceAgent;
import io.mlops.jenkins.config.MlopsConfiguration;
import java.util.List;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Manage Jenkins » System » MLOps as an administrator uses it: inference agents can be removed again. */
@WithJenkins
class GlobalConfigurationPageTest {
    @Test
    void shouldDeleteAnInferenceAgentWithItsDeleteButton(JenkinsRule j) throws Exception {
        MlopsConfiguration.get()
                .setAgents(List.of(
                        new InferenceAgent("gpu-1", "http://gpu-1:8000", "gpu-1-token"),
                        new InferenceAgent("cpu-1", "http://cpu-1:8000", "cpu-1-token")));
        HtmlPage page = j.createWebClient().goTo("configure");
        HtmlForm form = page.getFormByName("config");
        List<HtmlButton> deletes = form.getByXPath(".//button[contains(@class, 'repeatable-delete')]");
        assertThat(deletes).hasSize(2);

        deletes.getFirst().click();
        j.submit(form);

        assertThat(MlopsConfiguration.get().getAgents())
                .extracting(InferenceAgent::getName)
                .containsExactly("cpu-1");
    }

    @Test
    void shouldKeepTheAgentsWhenTheFormIsSavedUnchanged(JenkinsRule j) throws Exception {
        MlopsConfiguration.get().setAgents(List.of(new InferenceAgent("gpu-1", "http://gpu-1:8000", "gpu-1-token")));

        j.configRoundtrip();

        assertThat(MlopsConfiguration.get().getAgents())
                .extracting(InferenceAgent::getName, InferenceAgent::getUrl, InferenceAgent::getCredentialsId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpu-1", "http://gpu-1:8000", "gpu-1-token"));
    }
}
