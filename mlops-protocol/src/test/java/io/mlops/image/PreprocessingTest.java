package io.mlops.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingTest {
    @TempDir
    Path tmp;

    @Test
    void shouldReadJsonAndYamlWithDefaults() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("p.yaml"), """
                resize: [256]
                crop: [224, 224]
                mean: [0.485, 0.456, 0.406]
                std: [0.229, 0.224, 0.225]
                channels: bgr
                """);
        Path json = Files.writeString(tmp.resolve("p.json"), "{\"letterbox\": [640, 640], \"category_ids\": [1, 3]}");

        Preprocessing fromYaml = Preprocessing.read(yaml);
        Preprocessing fromJson = Preprocessing.read(json);

        assertThat(fromYaml.resize()).containsExactly(256);
        assertThat(fromYaml.channels()).isEqualTo("BGR");
        assertThat(fromYaml.layout()).isEqualTo("NCHW");
        assertThat(fromYaml.scale()).isEqualTo(1.0 / 255);
        assertThat(fromJson.letterbox()).isEqualTo(List.of(640, 640));
        assertThat(fromJson.padValue()).isEqualTo(114);
        assertThat(fromJson.categoryIds()).containsExactly(1, 3);
    }

    @Test
    void shouldNameTheFileAndTheProblem() throws IOException {
        Path typo = Files.writeString(tmp.resolve("typo.json"), "{\"resise\": [224, 224]}");
        Path both = Files.writeString(tmp.resolve("both.json"), "{\"resize\": [224, 224], \"letterbox\": [640, 640]}");
        Path layout = Files.writeString(tmp.resolve("layout.yaml"), "layout: NWHC\n");

        assertThatThrownBy(() -> Preprocessing.read(typo))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("preprocessing file " + typo + ": unknown key 'resise'");
        assertThatThrownBy(() -> Preprocessing.read(both)).hasMessageContaining("letterbox replaces resize and crop");
        assertThatThrownBy(() -> Preprocessing.read(layout))
                .hasMessageContaining("layout must be one of [NCHW, NHWC], got 'NWHC'");
    }
}
