package io.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default remote of a DVC repository, read from .dvc/config as {@code dvc remote add -d} writes it. */
class DvcRemoteConfigTest {
    @TempDir
    Path repo;

    @Test
    void shouldReadTheDefaultRemoteWithItsEndpointAndLetConfigLocalWin() throws IOException {
        write("config", """
                [core]
                    remote = store
                ['remote "store"']
                    url = s3://team-bucket/data
                    endpointurl = http://127.0.0.1:9000
                ['remote "other"']
                    url = /mnt/other
                """);
        assertThat(repository().defaultRemote())
                .contains(new DvcRemote(
                        "store", "s3://team-bucket/data", Optional.of("http://127.0.0.1:9000"), repo.resolve(".dvc")));

        write("config.local", """
                [core]
                    remote = other
                """);
        assertThat(repository().defaultRemote())
                .contains(new DvcRemote("other", "/mnt/other", Optional.empty(), repo.resolve(".dvc")));
    }

    @Test
    void shouldHaveNoDefaultRemoteWithoutCoreRemoteAndNameAMissingSection() throws IOException {
        write("config", """
                ['remote "store"']
                    url = s3://team-bucket/data
                """);
        assertThat(repository().defaultRemote()).isEmpty();

        write("config", """
                [core]
                    remote = gone
                """);
        assertThatThrownBy(() -> repository().defaultRemote())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("default DVC remote 'gone'")
                .hasMessageContaining("has no url");
    }

    private DvcRepository repository() {
        return DvcRepository.containing(repo).orElseThrow();
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(repo.resolve(".dvc"));
        Files.writeString(repo.resolve(".dvc").resolve(name), text);
    }
}
