package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.registry.Change;
import io.mlops.suite.SuiteStores;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Saving the configuration with another store opens the new stores at once, but work that started on the
 * old ones (a build's step) finishes on them: their pool closes when that work lets go, not under it.
 */
@WithJenkins
class StoreReconfigurationTest {
    @TempDir
    Path tmp;

    @Test
    void shouldKeepTheOldStoresOpenForWorkThatHoldsThem(JenkinsRule j) throws Exception {
        MlopsStores stores = MlopsStores.get();
        SuiteStores.Reference running = stores.acquire();
        SuiteStores before = running.stores();

        MlopsConfiguration.get().setStoreUrl("sqlite:" + tmp.resolve("other.db"));
        SuiteStores after = stores.current();

        assertThat(after).isNotSameAs(before);
        // The running work still writes to the store it started with.
        before.registry().createModel("persons", "", Map.of(), Change.by("build"));
        assertThat(before.registry().model("persons").name()).isEqualTo("persons");
        assertThat(before.isOpen()).isTrue();

        running.close();
        assertThat(before.isOpen()).isFalse();
        assertThat(after.isOpen()).isTrue();
    }
}
