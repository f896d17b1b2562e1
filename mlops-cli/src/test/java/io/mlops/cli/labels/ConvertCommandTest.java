package io.mlops.cli.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlops data labels convert}; the CVAT input follows CVAT's XML format documentation
 * (https://docs.cvat.ai/docs/manual/advanced/xml_format/, CVAT for images 1.1).
 */
class ConvertCommandTest {
    private static final String CVAT = """
            <?xml version="1.0" encoding="utf-8"?>
            <annotations>
              <version>1.1</version>
              <meta><task><labels>
                <label><name>car</name><type>rectangle</type><attributes></attributes></label>
                <label><name>person</name><type>rectangle</type><attributes></attributes></label>
              </labels></task></meta>
              <image id="0" name="a.png" width="100" height="50">
                <box label="person" source="manual" occluded="0" xtl="10.00" ytl="5.00" xbr="30.00" ybr="45.00" z_order="0"/>
                <box label="car" source="manual" occluded="0" xtl="50.00" ytl="10.00" xbr="90.00" ybr="40.00" z_order="0"/>
              </image>
            </annotations>
            """;

    @TempDir
    Path dir;

    @Test
    void shouldConvertCvatToYolo() throws IOException {
        Path cvat = Files.writeString(dir.resolve("annotations.xml"), CVAT);
        Cli cli = new Cli(dir.resolve("home"));

        Cli.Run run = cli.run(
                "data",
                "labels",
                "convert",
                "--from",
                "cvat",
                "--to",
                "yolo",
                cvat.toString(),
                dir.resolve("yolo").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote 1 images and 2 objects to " + dir.resolve("yolo"));
        assertThat(Files.readAllLines(dir.resolve("yolo/labels/a.txt")))
                .containsExactly("1 0.200000 0.500000 0.200000 0.800000", "0 0.700000 0.500000 0.400000 0.600000");
        assertThat(Files.readString(dir.resolve("yolo/data.yaml"))).contains("names:\n- car\n- person");
    }

    @Test
    void shouldConvertBackFromYoloToCocoWithTheImages() throws IOException {
        Path cvat = Files.writeString(dir.resolve("annotations.xml"), CVAT);
        Datasets.png(dir.resolve("images/a.png"), 100, 50);
        Cli cli = new Cli(dir.resolve("home"));
        cli.run(
                "data",
                "labels",
                "convert",
                "--from",
                "cvat",
                "--to",
                "yolo",
                cvat.toString(),
                dir.resolve("yolo").toString());

        Cli.Run run = cli.run(
                "data",
                "labels",
                "convert",
                "--from",
                "yolo",
                "--to",
                "coco",
                "--images",
                dir.resolve("images").toString(),
                dir.resolve("yolo").toString(),
                dir.resolve("coco.json").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("coco.json")))
                .contains("\"bbox\":[10.0,5.0,20.0,40.0]")
                .contains("\"name\":\"person\"");
    }

    @Test
    void shouldRefuseLabelsWithErrorsAndSayWhy() throws IOException {
        Path cvat = Files.writeString(dir.resolve("annotations.xml"), CVAT.replace("xbr=\"30.00\"", "xbr=\"5.00\""));
        Cli cli = new Cli(dir.resolve("home"));

        Cli.Run run = cli.run(
                "data",
                "labels",
                "convert",
                "--from",
                "cvat",
                "--to",
                "coco",
                cvat.toString(),
                dir.resolve("out.json").toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("[box-empty]");
        assertThat(run.err()).contains("nothing was written (--force writes anyway)");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    @Test
    void shouldRefuseAFormatItDoesNotWrite() throws IOException {
        Path cvat = Files.writeString(dir.resolve("annotations.xml"), CVAT);

        Cli.Run run = new Cli(dir.resolve("home"))
                .run("data", "labels", "convert", "--from", "cvat", "--to", "voc", cvat.toString(), "out");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("the suite writes labels as [coco, yolo], not as voc");
    }
}
