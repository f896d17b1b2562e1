package io.mlops.onnx.convert;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.Locale;

/**
 * How far an ONNX output may be from the source model's: {@code |onnx - source| <= absolute +
 * relative * |source|}, NumPy's allclose rule.
 *
 * @param absolute the absolute tolerance
 * @param relative the relative tolerance
 */
public record Tolerance(double absolute, double relative) implements Serializable {
    /** Float32 models against frameworks that compute in float64 differ in the 7th digit. */
    public static final Tolerance DEFAULT = new Tolerance(1e-5, 1e-4);

    /** Validates the tolerances. */
    public Tolerance {
        if (!(absolute >= 0) || !(relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new UserError(
                    "tolerances must be finite and non-negative, got absolute " + absolute + ", relative " + relative);
        }
    }

    /**
     * Parses {@code ATOL:RTOL}, e.g. {@code 1e-4:1e-3}.
     *
     * @param text the two numbers
     * @return the tolerance
     * @throws UserError when the text is not two numbers
     */
    public static Tolerance parse(String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                return new Tolerance(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("tolerance '" + text + "' must be ATOL:RTOL, e.g. 1e-5:1e-4");
    }

    /**
     * Whether two values are close enough; NaN matches only NaN, infinities only themselves.
     *
     * @param actual the ONNX value
     * @param expected the source model's value
     * @return true when within tolerance
     */
    public boolean accepts(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= absolute + relative * Math.abs(expected);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "atol %g, rtol %g", absolute, relative);
    }
}
