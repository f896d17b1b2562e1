package io.mlops.labels.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.labels.Box;
import io.mlops.labels.Fixtures;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.RecordingSink;
import io.mlops.progress.ProgressListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SageMaker Ground Truth reader on an output manifest written by hand after AWS's
 * documentation of labeling job output (https://docs.aws.amazon.com/sagemaker/latest/dg/sms-data-output.html:
 * "Bounding Box Job Output", "Classification Job Output", "Multi-label Classification Job Output").
 */
class SageMakerReaderTest {
    @TempDir
    Path dir;

    private RecordingSink read() {
        Path manifest = Fixtures.copy("sagemaker", dir).resolve("output.manifest");
        RecordingSink sink = new RecordingSink();
        new SageMakerReader().read(manifest, dir, sink, ProgressListener.NONE);
        return sink;
    }

    @Test
    void shouldReadBoundingBoxJobOutputWithItsClassMap() {
        RecordingSink sink = read();

        assertThat(sink.images.getFirst()).isEqualTo(new LabeledImage(1, "street.png", 64, 48));
        assertThat(sink.annotations)
                .extracting(a -> sink.name(a.categoryId()) + " " + a.box())
                .containsExactly("car " + new Box(4, 6, 20, 30), "bus " + new Box(30, 10, 25, 20));
    }

    @Test
    void shouldReadSingleAndMultiLabelClassification() {
        RecordingSink sink = read();

        assertThat(sink.imageLabels)
                .extracting(l -> l.imageId() + ":" + sink.name(l.categoryId()))
                .containsExactly("2:park", "3:sunny", "3:crowded");
        assertThat(sink.images.get(1)).isEqualTo(new LabeledImage(2, "park.png", 0, 0));
    }

    @Test
    void shouldReportAMalformedLineWithLineAndColumnAndReadTheRest() {
        RecordingSink sink = read();

        assertThat(sink.findings("malformed-json")).singleElement().satisfies(f -> {
            assertThat(f.where().line()).isEqualTo(4);
            assertThat(f.where().column()).isPositive();
            assertThat(f.where().toString())
                    .endsWith("output.manifest:4:" + f.where().column());
        });
        assertThat(sink.images).extracting(LabeledImage::fileName).contains("seg.png");
    }

    @Test
    void shouldReportJobTypesItDoesNotRead() {
        RecordingSink sink = read();

        assertThat(sink.findings("unsupported-shape"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'groundtruth/semantic-segmentation'"));
    }
}
