package io.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation and equality of the registry's value objects. */
class RegistryValuesTest {
    private static final String HASH = "c".repeat(64);

    @TempDir
    Path directory;

    @Test
    void shouldAcceptWordCharactersAndHyphensInAliasNames() {
        assertThat(new AliasName("champion-2024_b").value()).isEqualTo("champion-2024_b");
        assertThat(new AliasName("production"))
                .isEqualTo(new AliasName("production"))
                .hasSameHashCodeAs(new AliasName("production"));
    }

    @Test
    void shouldRejectAliasNamesWithOtherCharacters() {
        for (String bad : new String[] {"", "prod@1", "a/b", "a b", "ü-", "x.y"}) {
            assertThatThrownBy(() -> new AliasName(bad)).as(bad).isInstanceOf(UserError.class);
        }
    }

    @Test
    void shouldRequireAnActorAndDropABlankReason() {
        assertThat(new Change("alice", "  ").reason()).isNull();
        assertThatThrownBy(() -> new Change(" ", "why")).isInstanceOf(UserError.class);
    }

    @Test
    void shouldRejectABadHashOrNegativeSize() {
        assertThatThrownBy(() -> new SourceArtifact("/m.onnx", "ABC", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceArtifact("/m.onnx", HASH, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectNonFiniteMetricsAndBadSnapshotIds() {
        SourceArtifact source = new SourceArtifact("/m.onnx", HASH, 1);

        assertThatThrownBy(() -> new NewVersion("m", source, null, List.of(), Map.of("loss", Double.NaN), null, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("metric 'loss'");
        assertThatThrownBy(() -> new NewVersion("m", source, null, List.of("xyz"), Map.of(), null, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'xyz' is no data snapshot id");
    }

    @Test
    void shouldRejectBlankAndControlCharacterModelNames() {
        assertThatThrownBy(() -> NewVersion.of(" ", new SourceArtifact("/m.onnx", HASH, 1)))
                .isInstanceOf(UserError.class);
        assertThatThrownBy(() -> NewVersion.of("a\nb", new SourceArtifact("/m.onnx", HASH, 1)))
                .isInstanceOf(UserError.class);
    }

    @Test
    void shouldHashAFileAndNameItByItsAbsolutePath() throws IOException {
        Path file = Files.writeString(directory.resolve("model.onnx"), "abc");

        SourceArtifact source = FileSource.of(file);

        assertThat(source.uri()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(source.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(source.sizeBytes()).isEqualTo(3);
        assertThat(source.isRunArtifact()).isFalse();
    }

    @Test
    void shouldRefuseToRegisterAMissingFile() {
        assertThatThrownBy(() -> FileSource.of(directory.resolve("missing.onnx")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("it is no file");
    }
}
