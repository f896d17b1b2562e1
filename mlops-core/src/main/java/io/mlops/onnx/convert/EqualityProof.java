package io.mlops.onnx.convert;

import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.NdArray;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The proof that an ONNX model answers as its source model did on the same input: every output
 * compared element by element within its tolerance.
 *
 * @param comparisons one per output, in the ONNX model's output order
 */
public record EqualityProof(List<OutputComparison> comparisons) implements Serializable {
    /** Copies the list. */
    public EqualityProof {
        comparisons = List.copyOf(comparisons);
    }

    /**
     * Compares outputs.
     *
     * @param expected the source model's outputs by ONNX output name
     * @param actual ONNX Runtime's outputs by name
     * @param tolerances tolerances by output name; others get {@code fallback}
     * @param fallback the tolerance for outputs not named
     * @return the comparisons (check {@link #equal()})
     * @throws UserError when an output is missing or has another shape
     */
    public static EqualityProof compare(
            Map<String, NdArray> expected,
            Map<String, NdArray> actual,
            Map<String, Tolerance> tolerances,
            Tolerance fallback) {
        for (String name : tolerances.keySet()) {
            if (!expected.containsKey(name)) {
                throw new UserError("--tolerance names output '" + name + "', the model has " + expected.keySet());
            }
        }
        List<OutputComparison> comparisons = new ArrayList<>();
        for (var entry : expected.entrySet()) {
            String name = entry.getKey();
            NdArray source = entry.getValue();
            NdArray onnx = actual.get(name);
            if (onnx == null) {
                throw new UserError("the ONNX model gave no output '" + name + "' (it gave " + actual.keySet() + ")");
            }
            if (source.size() != onnx.size()) {
                throw new UserError("output '" + name + "' has shape " + Arrays.toString(onnx.shape()) + " in ONNX but "
                        + Arrays.toString(source.shape()) + " in the source model");
            }
            comparisons.add(compare(name, source, onnx, tolerances.getOrDefault(name, fallback)));
        }
        return new EqualityProof(comparisons);
    }

    private static OutputComparison compare(String name, NdArray source, NdArray onnx, Tolerance tolerance) {
        int n = source.size();
        if (source.type() == ElementType.STRING || onnx.type() == ElementType.STRING) {
            int mismatches = 0;
            int worst = 0;
            for (int i = 0; i < n; i++) {
                if (!String.valueOf(value(source, i)).equals(String.valueOf(value(onnx, i)))) {
                    if (mismatches++ == 0) {
                        worst = i;
                    }
                }
            }
            return new OutputComparison(
                    name,
                    n,
                    mismatches,
                    mismatches == 0 ? 0 : Double.NaN,
                    source.index(worst),
                    String.valueOf(value(source, worst)),
                    String.valueOf(value(onnx, worst)),
                    tolerance);
        }
        int mismatches = 0;
        int worst = 0;
        boolean worstOk = true;
        double worstScore = -1;
        double maxDiff = 0;
        for (int i = 0; i < n; i++) {
            double e = source.numbers()[i];
            double a = onnx.numbers()[i];
            double diff = Math.abs(a - e);
            boolean ok = tolerance.accepts(a, e);
            if (!ok) {
                mismatches++;
            }
            if (!Double.isNaN(diff)) {
                maxDiff = Math.max(maxDiff, diff);
            }
            // the worst element: the mismatch furthest off (NaN or infinity worst of all), else the largest difference
            double score = Double.isFinite(diff) ? diff : ok ? 0 : Double.POSITIVE_INFINITY;
            if ((worstOk && !ok) || (worstOk == ok && score > worstScore)) {
                worst = i;
                worstOk = ok;
                worstScore = score;
            }
        }
        return new OutputComparison(
                name,
                n,
                mismatches,
                maxDiff,
                source.index(worst),
                format(source.numbers()[worst]),
                format(onnx.numbers()[worst]),
                tolerance);
    }

    private static Object value(NdArray array, int i) {
        return array.type() == ElementType.STRING ? array.strings()[i] : format(array.numbers()[i]);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    /**
     * Whether all outputs are equal within tolerance.
     *
     * @return true when proven equal
     */
    public boolean equal() {
        return comparisons.stream().allMatch(OutputComparison::equal);
    }

    /**
     * Fails unless equal, naming the worst element of the first differing output.
     *
     * @param what which model was compared, e.g. the file name
     * @throws UserError naming output, index and both values
     */
    public void require(String what) {
        for (OutputComparison c : comparisons) {
            if (!c.equal()) {
                throw new UserError(
                        what + " does not answer as the source model: output '" + c.output() + "' differs in "
                                + c.mismatches() + " of " + c.elements() + " elements; worst at " + c.worstIndex()
                                + ": source " + c.expected() + ", onnx " + c.actual() + " (" + c.tolerance() + ")");
            }
        }
    }
}
