package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * trackRun tokens live in the store, so they outlast a controller restart; one whose build did not
 * survive the restart (gone, or over) is revoked when the jobs are loaded again.
 */
class BuildTokenRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldKeepTokensAcrossARestartAndRevokeThoseOfBuildsThatAreGone() throws Throwable {
        AtomicReference<String> token = new AtomicReference<>();
        sessions.then(j -> {
            token.set(MlopsStores.get().current().tokens().issue("vanished-job#1"));
            assertThat(MlopsStores.get().current().tokens().verify(token.get())).isPresent();
        });
        sessions.then(j -> assertThat(MlopsStores.get().current().tokens().verify(token.get()))
                .as("no build vanished-job#1 runs after the restart")
                .isEmpty());
    }
}
