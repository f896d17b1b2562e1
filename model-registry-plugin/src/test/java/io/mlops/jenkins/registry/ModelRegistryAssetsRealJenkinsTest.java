package io.mlops.jenkins.registry;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import io.mlops.registry.http.RegistryUiAssets;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.RealJenkinsExtension;

/**
 * The registry page's front end in a real Jenkins, where each plugin has its own class loader: registry-ui
 * is bundled in model-registry, mlops-core in mlops-steps, and the page must find its assets through the
 * former. JenkinsRule's single flat class path would hide a lookup through the wrong loader.
 */
class ModelRegistryAssetsRealJenkinsTest {
    @RegisterExtension
    private static final RealJenkinsExtension REAL_JENKINS = new RealJenkinsExtension();

    @Test
    void shouldServeThePageAndEveryAssetItNamesThroughThePluginsOwnLoader() throws Throwable {
        REAL_JENKINS.then(ModelRegistryAssetsRealJenkinsTest::fetchPageAndAssets);
    }

    private static void fetchPageAndAssets(JenkinsRule r) throws Throwable {
        // The situation the fix is for: mlops-core's loader is mlops-steps', not this plugin's.
        assertThat(RegistryUiAssets.class.getClassLoader())
                .as("mlops-core is loaded by the mlops-steps plugin, apart from model-registry")
                .isNotSameAs(ModelRegistryAction.class.getClassLoader());

        ModelRegistryAction action = ExtensionList.lookupSingleton(ModelRegistryAction.class);
        List<String> assets = new ArrayList<>(action.getScripts());
        assets.addAll(action.getStylesheets());
        assertThat(action.getScripts()).isNotEmpty();

        JenkinsRule.WebClient web = r.createWebClient();
        String page = web.goTo("model-registry/").getWebResponse().getContentAsString();
        assertThat(page).contains("id=\"root\"");
        for (String asset : assets) {
            assertThat(page).contains(asset);
            WebResponse response = web.goTo("model-registry/" + asset, null).getWebResponse();
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getContentAsString()).isNotEmpty();
        }
    }
}
