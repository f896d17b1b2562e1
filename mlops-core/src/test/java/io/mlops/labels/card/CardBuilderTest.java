package io.mlops.labels.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.Fixtures;
import io.mlops.labels.ImageLabel;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.format.CocoReader;
import io.mlops.progress.ProgressListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dataset cards computed from the COCO fixture, whose numbers are worked out by hand below. */
class CardBuilderTest {
    private static final Location HERE = Location.of("test");

    @TempDir
    Path dir;

    private DatasetCard fixtureCard() {
        Path coco = Fixtures.copy("coco", dir).resolve("instances.json");
        CardBuilder builder = new CardBuilder();
        new CocoReader().read(coco, dir, builder, ProgressListener.NONE);
        return builder.card();
    }

    @Test
    void shouldCountImagesObjectsAndOutlines() {
        DatasetCard card = fixtureCard();

        // three images, the third without annotations; four objects, annotations 11 and 13 with polygons
        assertThat(card.images()).isEqualTo(3);
        assertThat(card.annotatedImages()).isEqualTo(2);
        assertThat(card.objects()).isEqualTo(4);
        assertThat(card.outlines()).isEqualTo(2);
        assertThat(card.imageLabels()).isZero();
    }

    @Test
    void shouldDescribeImageSizes() {
        DatasetCard.SizeDistribution sizes = fixtureCard().sizes();

        assertThat(sizes.common())
                .containsExactly(
                        new DatasetCard.SizeCount(32, 32, 1),
                        new DatasetCard.SizeCount(64, 48, 1),
                        new DatasetCard.SizeCount(80, 60, 1));
        assertThat(sizes.minWidth()).isEqualTo(32);
        assertThat(sizes.medianWidth()).isEqualTo(64);
        assertThat(sizes.maxWidth()).isEqualTo(80);
        assertThat(sizes.medianHeight()).isEqualTo(48);
        assertThat(sizes.unknownImages()).isZero();
    }

    @Test
    void shouldCountClassesWithTheirImagesAndAreaRanges() {
        DatasetCard card = fixtureCard();

        // person: 600 px² (small) on image 1 and the 80 x 60 crowd box (4800 px², medium) on image 2
        assertThat(card.classes())
                .containsExactly(
                        new DatasetCard.ClassStats(1, "person", 2, 0, 0, 2, 1, 1, 0),
                        new DatasetCard.ClassStats(2, "bicycle", 1, 1, 0, 1, 1, 0, 0),
                        new DatasetCard.ClassStats(3, "car", 1, 1, 0, 1, 1, 0, 0));
        assertThat(card.areas()).isEqualTo(new DatasetCard.AreaCounts(3, 1, 0));
    }

    @Test
    void shouldDistributeObjectsPerImage() {
        DatasetCard.BoxesPerImage perImage = fixtureCard().boxesPerImage();

        assertThat(perImage.buckets())
                .extracting(b -> b.label() + "=" + b.images())
                .containsExactly(
                        "0=1", "1=0", "2=2", "3=0", "4=0", "5=0", "6-10=0", "11-20=0", "21-50=0", "51-100=0", ">100=0");
        assertThat(perImage.mean()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(perImage.max()).isEqualTo(2);
    }

    @Test
    void shouldCountClassPairsOnTheSameImage() {
        DatasetCard card = fixtureCard();

        // image 1 holds person and car, image 2 person and bicycle
        assertThat(card.coOccurrence())
                .containsExactly(new DatasetCard.ClassPair(1, 2, 1), new DatasetCard.ClassPair(1, 3, 1));
        assertThat(card.coOccurrenceTruncated()).isFalse();
    }

    @Test
    void shouldUseCocoAreaBoundariesExactly() {
        CardBuilder builder = new CardBuilder();
        builder.category(Category.of(1, "x"), HERE);
        builder.image(new LabeledImage(1, "a.png", 200, 200), HERE);
        builder.annotation(Annotation.box(1, 1, 1, new Box(0, 0, 31.99, 32)), HERE);
        builder.annotation(Annotation.box(2, 1, 1, new Box(0, 0, 32, 32)), HERE);
        builder.annotation(Annotation.box(3, 1, 1, new Box(0, 0, 96, 95.99)), HERE);
        builder.annotation(Annotation.box(4, 1, 1, new Box(0, 0, 96, 96)), HERE);
        builder.annotation(Annotation.box(5, 1, 1, new Box(0, 0, 0, 96)), HERE);

        assertThat(builder.card().areas()).isEqualTo(new DatasetCard.AreaCounts(1, 2, 1));
    }

    @Test
    void shouldCountImageLabelsAsClassesOnTheirImage() {
        CardBuilder builder = new CardBuilder();
        builder.category(Category.of(1, "day"), HERE);
        builder.category(Category.of(2, "car"), HERE);
        builder.image(new LabeledImage(1, "a.png", 0, 0), HERE);
        builder.imageLabel(new ImageLabel(1, 1), HERE);
        builder.annotation(Annotation.box(1, 1, 2, new Box(0, 0, 5, 5)), HERE);

        DatasetCard card = builder.card();
        assertThat(card.annotatedImages()).isEqualTo(1);
        assertThat(card.sizes().unknownImages()).isEqualTo(1);
        assertThat(card.coOccurrence()).containsExactly(new DatasetCard.ClassPair(1, 2, 1));
        assertThat(card.countsByName()).containsExactly(java.util.Map.entry("day", 1L), java.util.Map.entry("car", 1L));
    }

    @Test
    void shouldWriteTheSameJsonForTheSameLabelsAndReadItBack() {
        DatasetCard first = fixtureCard();
        DatasetCard second = fixtureCard();

        assertThat(CardJson.write(first)).isEqualTo(CardJson.write(second));
        assertThat(CardJson.read(new String(CardJson.write(first), java.nio.charset.StandardCharsets.UTF_8), "test"))
                .isEqualTo(first);
    }
}
