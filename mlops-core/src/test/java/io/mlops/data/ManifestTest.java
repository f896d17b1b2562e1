package io.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestTest {
    private static final String A = "b1946ac92492d2347c6235b4d2611184";
    private static final String B = "4050c36483ef3afd1d97013bc4705b11";

    @Test
    void shouldWriteTheDirObjectExactlyAsDvcDoes() {
        Manifest manifest =
                Manifest.of(List.of(new ManifestEntry("sub/b.txt", B, 7), new ManifestEntry("a.txt", A, 6)));

        // Bytes and id written by dvc 3.67 for this very tree (dvc add data; cat .dvc/cache/files/md5/41/...)
        assertThat(new String(manifest.dirObject(), StandardCharsets.UTF_8))
                .isEqualTo("[{\"md5\": \"" + A + "\", \"relpath\": \"a.txt\"}, {\"md5\": \"" + B
                        + "\", \"relpath\": \"sub/b.txt\"}]");
        assertThat(manifest.objectId()).hasToString("417ddb2caa0a7ffa9453a16a43997ea9.dir");
    }

    @Test
    void shouldEscapeLikePythonJsonDumpsWithAsciiOnly() {
        Manifest manifest = Manifest.of(List.of(new ManifestEntry("wö\"rld\u007f\t😀.txt", A, 1)));

        assertThat(new String(manifest.dirObject(), StandardCharsets.UTF_8))
                .isEqualTo("[{\"md5\": \"" + A + "\", \"relpath\": \"w\\u00f6\\\"rld\\u007f\\t\\ud83d\\ude00.txt\"}]");
    }

    @Test
    void shouldSortByCodePointLikePython() {
        // U+FF21 sorts before U+1F600 by code point, after it by UTF-16 unit
        Manifest manifest = Manifest.of(List.of(new ManifestEntry("😀", A, 1), new ManifestEntry("Ａ", B, 1)));

        assertThat(manifest.entries()).extracting(ManifestEntry::path).containsExactly("Ａ", "😀");
    }

    @Test
    void shouldReadBackWhatItWrites() {
        Manifest manifest =
                Manifest.of(List.of(new ManifestEntry("a.txt", A, 6), new ManifestEntry("sub/b.txt", B, 7)));

        Manifest read = Manifest.parseDirObject(manifest.dirObject(), "test", md5 -> md5.equals(A) ? 6 : 7);

        assertThat(read).isEqualTo(manifest).hasSameHashCodeAs(manifest);
        assertThat(read.totalSize()).isEqualTo(13);
    }

    @Test
    void shouldRejectDuplicatePaths() {
        assertThatThrownBy(() -> Manifest.of(List.of(new ManifestEntry("a", A, 1), new ManifestEntry("a", B, 1))))
                .hasMessageContaining("duplicate path in manifest: a");
    }

    @Test
    void shouldNameTheFileOfAnInvalidDirObject() {
        assertThatThrownBy(
                        () -> Manifest.parseDirObject("{oops".getBytes(StandardCharsets.UTF_8), "cache/x.dir", m -> -1))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cache/x.dir");
        assertThatThrownBy(() ->
                        Manifest.parseDirObject("[{\"md5\": 1}]".getBytes(StandardCharsets.UTF_8), "y.dir", m -> -1))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("y.dir");
    }
}
