package io.mlops.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageLocationTest {
    private final Path base = Path.of("/work/project");

    @Test
    void shouldReadBucketAndPrefix() {
        assertThat(StorageLocation.parse("s3://team-data/ml/remote/", base))
                .isEqualTo(new StorageLocation.S3("team-data", "ml/remote"));
        assertThat(StorageLocation.parse("s3://team-data", base)).isEqualTo(new StorageLocation.S3("team-data", ""));
        assertThat(new StorageLocation.S3("team-data", "ml").key("files/md5/ab/cd"))
                .isEqualTo("ml/files/md5/ab/cd");
        assertThat(new StorageLocation.S3("team-data", "").key("x")).isEqualTo("x");
        assertThat(new StorageLocation.S3("team-data", "ml")
                        .resolve("/artifacts/")
                        .toString())
                .isEqualTo("s3://team-data/ml/artifacts");
    }

    @Test
    void shouldResolveDirectoriesAgainstTheBase() {
        assertThat(StorageLocation.parse("../remote", base))
                .isEqualTo(new StorageLocation.Directory(Path.of("/work/remote")));
        assertThat(StorageLocation.parse("file:///mnt/remote", base))
                .isEqualTo(new StorageLocation.Directory(Path.of("/mnt/remote")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gs://bucket/x", "azure://container/x", "ssh://host/path", "http://host/x", "hdfs://nn/x"})
    void shouldRefuseSchemesItDoesNotSupportInsteadOfMakingADirectory(String location) {
        String scheme = location.substring(0, location.indexOf(':'));
        assertThatThrownBy(() -> StorageLocation.parse(location, base))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(location)
                .hasMessageContaining(scheme + ":// is not supported")
                .hasMessageContaining("s3://bucket/prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://", "s3://A_B/x", "s3://ab/x", "s3://a..b/x", "s3://bucket/a//b"})
    void shouldRefuseInvalidBucketsAndPrefixes(String location) {
        assertThatThrownBy(() -> StorageLocation.parse(location, base))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("s3://");
    }

    @Test
    void shouldRefuseAnEmptyLocation() {
        assertThatThrownBy(() -> StorageLocation.parse(" ", base)).isInstanceOf(UserError.class);
    }
}
