package io.mlops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.data.Manifest;
import io.mlops.data.ManifestEntry;
import io.mlops.eval.coco.CategoryEvaluation;
import io.mlops.eval.data.Item;
import io.mlops.eval.metric.ClassificationState;
import io.mlops.eval.metric.LatencyState;
import io.mlops.eval.metric.RegressionState;
import io.mlops.eval.metric.ScoreCounts;
import io.mlops.image.DecodedImage;
import io.mlops.image.ImageTransform;
import io.mlops.labels.Polygon;
import io.mlops.onnx.NdArray;
import io.mlops.registry.http.UiAsset;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.Test;

/**
 * Every hand-written equals of mlops-core, and every record holding an array (whose generated equals
 * would compare the arrays by identity), checked as coverage-model and analysis-model check theirs.
 * Where a record's constructor ties its fields together (an array's length to a count), EqualsVerifier
 * cannot make instances field by field; those are checked by hand with equal and unequal copies.
 */
class ValueObjectEqualityTest {
    @Test
    void shouldCompareTheArraysOfRecordsByContent() {
        EqualsVerifier.forClass(UiAsset.class).suppress(Warning.NULL_FIELDS).verify();
        EqualsVerifier.forClass(Prepared.class)
                .withPrefabValues(DecodedImage.class, image(1), image(2))
                .verify();
        EqualsVerifier.forClass(Item.class)
                .withPrefabValues(DecodedImage.class, image(1), image(2))
                .verify();
        EqualsVerifier.forClass(Item.Tensor.class).verify();
        EqualsVerifier.forClass(ImageTransform.Result.class).verify();
        EqualsVerifier.forClass(CategoryEvaluation.class).verify();
        EqualsVerifier.forClass(LatencyState.class)
                .suppress(Warning.NULL_FIELDS)
                .verify();
        EqualsVerifier.forClass(RegressionState.class)
                .suppress(Warning.NULL_FIELDS)
                .verify();
    }

    @Test
    void shouldCompareTheHandWrittenValueObjects() {
        EqualsVerifier.forClass(Manifest.class)
                .withPrefabValues(
                        ManifestEntry.class,
                        new ManifestEntry("a.csv", "0123456789abcdef0123456789abcdef", 1),
                        new ManifestEntry("b.csv", "fedcba9876543210fedcba9876543210", 2))
                .suppress(Warning.NULL_FIELDS)
                .verify();
        EqualsVerifier.forClass(Polygon.class)
                .withPrefabValues(double[].class, new double[] {0, 0, 4, 0, 4, 3}, new double[] {1, 1, 5, 1, 1, 6})
                .suppress(Warning.NULL_FIELDS)
                .verify();
        // equal lengths everywhere, so that every mix of them fits the element count of the shape
        EqualsVerifier.forClass(NdArray.class)
                .withPrefabValues(long[].class, new long[] {2}, new long[] {1, 2})
                .withPrefabValues(double[].class, new double[] {1, 2}, new double[] {3, 4})
                .withPrefabValues(String[].class, new String[] {"a", "b"}, new String[] {"c", "d"})
                .suppress(Warning.NULL_FIELDS)
                .verify();
        EqualsVerifier.forClass(ScoreCounts.class)
                .withPrefabValues(float[].class, new float[] {0.5f}, new float[] {0.25f})
                .withPrefabValues(long[].class, new long[] {1}, new long[] {2})
                .suppress(Warning.NULL_FIELDS)
                .verify();
    }

    @Test
    void shouldCompareAClassificationStateByContent() {
        ClassificationState state = classification(new long[] {3, 1, 0, 4});

        assertThat(state)
                .isEqualTo(classification(new long[] {3, 1, 0, 4}))
                .hasSameHashCodeAs(classification(new long[] {3, 1, 0, 4}))
                .isNotEqualTo(classification(new long[] {3, 1, 1, 4}))
                .isNotEqualTo(new ClassificationState(2, new long[] {3, 1, 0, 4}, new long[] {1}, List.of()))
                .isNotEqualTo(null);
    }

    @Test
    void shouldCompareADecodedImageByItsPixels() {
        DecodedImage image = new DecodedImage(1, 2, new byte[] {1, 2, 3, 4, 5, 6});

        assertThat(image)
                .isEqualTo(new DecodedImage(1, 2, new byte[] {1, 2, 3, 4, 5, 6}))
                .hasSameHashCodeAs(new DecodedImage(1, 2, new byte[] {1, 2, 3, 4, 5, 6}))
                .isNotEqualTo(new DecodedImage(1, 2, new byte[] {1, 2, 3, 4, 5, 7}))
                .isNotEqualTo(new DecodedImage(2, 1, new byte[] {1, 2, 3, 4, 5, 6}))
                .isNotEqualTo(null);
        assertThat(image.toString()).isEqualTo("DecodedImage[1x2]");
    }

    private static DecodedImage image(int red) {
        return new DecodedImage(1, 1, new byte[] {(byte) red, 0, 0});
    }

    private static ClassificationState classification(long[] confusion) {
        return new ClassificationState(2, confusion, new long[] {2}, List.of());
    }
}
