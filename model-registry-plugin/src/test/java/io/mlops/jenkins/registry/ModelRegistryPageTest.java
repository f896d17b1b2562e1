package io.mlops.jenkins.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.jenkins.MlopsStores;
import io.mlops.registry.AliasName;
import io.mlops.registry.AuditEntry;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.NewVersion;
import io.mlops.registry.UnknownRegistryEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The registry page and its API under Jenkins security: readers read, only users with
 * MLOps/Promote move aliases, with the crumb, and the audit log names the Jenkins user. Webhooks
 * made through it go to public addresses only, and mlops server's loopback Host check is not applied.
 */
@WithJenkins
class ModelRegistryPageTest {
    private static final String PROMOTE = "model-registry/api/registry/v1/models/persons/aliases/production";
    private static final String BODY = "{\"version\": 1, \"reason\": \"better mAP\"}";

    @TempDir
    Path tmp;

    private JenkinsRule j;

    @BeforeEach
    void secure(JenkinsRule rule) throws Exception {
        j = rule;
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .toEveryone()
                .grant(RegistryPermissions.PROMOTE)
                .everywhere()
                .to("alice"));
        ModelRegistry registry = MlopsStores.get().current().registry();
        registry.createModel("persons", "", Map.of(), Change.by("setup"));
        Path model = Files.writeString(tmp.resolve("persons.onnx"), "model bytes");
        registry.registerVersion(NewVersion.of("persons", FileSource.of(model)), Change.by("setup"));
    }

    @Test
    void shouldShowThePageAndTheApiToReaders() throws Exception {
        JenkinsRule.WebClient bob = j.createWebClient().login("bob");

        String page = bob.goTo("model-registry/").getWebResponse().getContentAsString();
        WebResponse models = bob.goTo("model-registry/api/registry/v1/models", "application/json")
                .getWebResponse();

        assertThat(page).contains("id=\"root\"").contains("data-csrf-token=");
        assertThat(models.getContentAsString()).contains("persons");
    }

    @Test
    void shouldRefuseToPromoteForAnonymousAndPlainReaders() throws Exception {
        assertThat(promote(j.createWebClient()).getStatusCode()).isEqualTo(403);
        assertThat(promote(j.createWebClient().login("bob")).getStatusCode()).isEqualTo(403);
        ModelRegistry registry = MlopsStores.get().current().registry();
        assertThatThrownBy(() -> registry.versionByAlias("persons", new AliasName("production")))
                .isInstanceOf(UnknownRegistryEntry.class);
    }

    @Test
    void shouldPromoteForAUserWithPromoteAndAuditTheirId() throws Exception {
        WebResponse answer = promote(j.createWebClient().login("alice"));

        assertThat(answer.getStatusCode()).isEqualTo(200);
        ModelRegistry registry = MlopsStores.get().current().registry();
        assertThat(registry.versionByAlias("persons", new AliasName("production"))
                        .version())
                .isEqualTo(1);
        assertThat(registry.audit("persons")).extracting(AuditEntry::actor).contains("alice");
    }

    @Test
    void shouldRefuseAPromotionWithoutTheCrumb() throws Exception {
        JenkinsRule.WebClient alice = j.createWebClient().login("alice");
        alice.setThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(j.getURL().toURI().resolve(PROMOTE).toURL(), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setRequestBody(BODY);

        assertThat(alice.getPage(request).getWebResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    void shouldRefuseAWebhookToAnInternalAddress() throws Exception {
        JenkinsRule.WebClient alice = j.createWebClient().login("alice");
        alice.setThrowExceptionOnFailingStatusCode(false);
        WebRequest request =
                new WebRequest(alice.createCrumbedUrl("model-registry/api/registry/v1/webhooks"), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setRequestBody("{\"url\": \"http://127.0.0.1:9/hook\", \"secret\": \"a-secret-of-sixteen-or-more\","
                + " \"events\": [\"ALIAS_MOVED\"]}");

        WebResponse answer = alice.getPage(request).getWebResponse();

        assertThat(answer.getStatusCode()).isEqualTo(400);
        assertThat(answer.getContentAsString()).contains("internal address");
        assertThat(MlopsStores.get().current().webhooks().list()).isEmpty();
    }

    @Test
    void shouldServeTheApiUnderTheControllersOwnHostName() throws Exception {
        // mlops server's loopback Host check would refuse this name; inside Jenkins it does not apply.
        JenkinsRule.WebClient bob = j.createWebClient().login("bob");
        WebRequest request = new WebRequest(
                j.getURL()
                        .toURI()
                        .resolve("model-registry/api/registry/v1/models")
                        .toURL(),
                HttpMethod.GET);
        request.setAdditionalHeader("Host", "jenkins.example.com");

        WebResponse models = bob.getPage(request).getWebResponse();

        assertThat(models.getStatusCode()).isEqualTo(200);
        assertThat(models.getContentAsString()).contains("persons");
    }

    private WebResponse promote(JenkinsRule.WebClient web) throws Exception {
        web.setThrowExceptionOnFailingStatusCode(false);
        // The crumb goes in the URL: addCrumb sets form parameters, which HtmlUnit refuses beside a body.
        WebRequest request = new WebRequest(web.createCrumbedUrl(PROMOTE), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setRequestBody(BODY);
        return web.getPage(request).getWebResponse();
    }
}
