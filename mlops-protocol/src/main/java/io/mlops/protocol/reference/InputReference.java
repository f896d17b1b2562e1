package io.mlops.protocol.reference;

import io.mlops.error.UserError;
import io.mlops.protocol.v2.Tensor;
import io.mlops.stats.Bins;
import io.mlops.stats.DriftLayout;
import java.util.List;
import java.util.Objects;

/**
 * The reference distribution of one model input: either of each row's mean (images and other
 * inputs with many values per row) or of each feature of a tabular {@code [rows, features]} input.
 *
 * @param rowMean the bins of the row means, or null when per feature
 * @param features the bins of each feature, in column order; empty when by row mean
 */
public record InputReference(Bins rowMean, List<Bins> features) {

    /** Validates the reference: exactly one of the two forms. */
    public InputReference {
        features = List.copyOf(features);
        if ((rowMean == null) == features.isEmpty()) {
            throw new UserError("an input's reference statistics are either by row mean (edges, fractions) or "
                    + "per feature (features), not " + (rowMean == null ? "neither" : "both"));
        }
    }

    /**
     * Whether the input is compared per feature.
     *
     * @return true for a tabular input
     */
    public boolean perFeature() {
        return rowMean == null;
    }

    /**
     * Computes the reference of an input from sample data: per feature for a rank-2 input of at
     * most {@link DriftLayout#MAX_FEATURES} columns, else by row mean.
     *
     * @param sample the sample, many rows of one input
     * @param bins the bins per distribution, e.g. 10
     * @return the reference
     * @throws UserError when the input is not numeric or has no rows
     */
    public static InputReference fromSample(Tensor sample, int bins) {
        Objects.requireNonNull(sample, "sample");
        if (!RowValues.numeric(sample.datatype())) {
            throw new UserError("input '" + sample.name() + "' is " + sample.datatype()
                    + "; drift statistics need a numeric input");
        }
        if (RowValues.rows(sample) == 0) {
            throw new UserError("input '" + sample.name() + "': the sample has no rows");
        }
        if (DriftLayout.perFeature(sample.shape())) {
            return new InputReference(
                    null,
                    java.util.Arrays.stream(RowValues.columns(sample))
                            .map(column -> Bins.fromSample(column, bins))
                            .toList());
        }
        return new InputReference(Bins.fromSample(RowValues.rowMeans(sample), bins), List.of());
    }
}
