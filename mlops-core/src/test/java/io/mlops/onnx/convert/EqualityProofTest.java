package io.mlops.onnx.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.NdArray;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EqualityProofTest {
    private static NdArray matrix(double... values) {
        return NdArray.of(ElementType.FLOAT32, new long[] {values.length / 2, 2}, values);
    }

    @Test
    void shouldAcceptDifferencesWithinTheTolerance() {
        EqualityProof proof = EqualityProof.compare(
                Map.of("p", matrix(0.5, 0.5, 1, 100)),
                Map.of("p", matrix(0.500001, 0.5, 1, 100.005)),
                Map.of(),
                Tolerance.DEFAULT);

        assertThat(proof.equal()).isTrue();
        assertThat(proof.comparisons().get(0).worstIndex()).isEqualTo("[1, 1]");
    }

    @Test
    void shouldNameTheWorstElementItsIndexAndBothValues() {
        EqualityProof proof = EqualityProof.compare(
                Map.of("p", matrix(0.1, 0.2, 0.3, 0.4)),
                Map.of("p", matrix(0.1, 0.25, 0.3, 0.9)),
                Map.of(),
                Tolerance.DEFAULT);

        assertThat(proof.equal()).isFalse();
        assertThatThrownBy(() -> proof.require("model.onnx"))
                .isInstanceOf(UserError.class)
                .hasMessage("model.onnx does not answer as the source model: output 'p' differs in 2 of 4 elements;"
                        + " worst at [1, 1]: source 0.4, onnx 0.9 (atol 1.00000e-05, rtol 0.000100000)");
    }

    @Test
    void shouldTreatNaNAsTheWorstMismatchAndUsePerOutputTolerances() {
        EqualityProof proof = EqualityProof.compare(
                Map.of("a", matrix(1, 2), "b", matrix(1, 2)),
                Map.of("a", matrix(1, Double.NaN), "b", matrix(1.5, 2)),
                Map.of("b", new Tolerance(1, 0)),
                Tolerance.DEFAULT);

        OutputComparison a = proof.comparisons().stream()
                .filter(c -> c.output().equals("a"))
                .findFirst()
                .orElseThrow();
        OutputComparison b = proof.comparisons().stream()
                .filter(c -> c.output().equals("b"))
                .findFirst()
                .orElseThrow();
        assertThat(a.equal()).isFalse();
        assertThat(a.actual()).isEqualTo("NaN");
        assertThat(b.equal()).isTrue();
        assertThatThrownBy(() -> EqualityProof.compare(
                        Map.of("a", matrix(1, 2)),
                        Map.of("a", matrix(1, 2)),
                        Map.of("z", Tolerance.DEFAULT),
                        Tolerance.DEFAULT))
                .hasMessage("--tolerance names output 'z', the model has [a]");
    }

    @Test
    void shouldParseTolerances() {
        assertThat(Tolerance.parse("1e-3:0")).isEqualTo(new Tolerance(1e-3, 0));
        assertThatThrownBy(() -> Tolerance.parse("0.1"))
                .hasMessage("tolerance '0.1' must be ATOL:RTOL, e.g. 1e-5:1e-4");
        assertThatThrownBy(() -> new Tolerance(-1, 0)).isInstanceOf(UserError.class);
    }
}
