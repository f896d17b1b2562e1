package io.mlops.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputValidationTest {
    private static final String WHERE = "model 'mlp' version 1";
    private static final List<TensorSpec> DECLARED = List.of(
            new TensorSpec("x", DataType.FP32, new long[] {-1, 3}),
            new TensorSpec("mask", DataType.BOOL, new long[] {-1}));

    private static Tensor tensor(String name, DataType type, long... shape) {
        long count = Tensor.elementCount(name, shape);
        return Tensor.of(name, type, shape, ByteBuffer.allocate((int) (count * type.elementSize())));
    }

    @Test
    void shouldPutValidInputsInTheModelsOrder() {
        Tensor mask = tensor("mask", DataType.BOOL, 2);
        Tensor x = tensor("x", DataType.FP32, 2, 3);
        assertThat(InputValidation.inputs(WHERE, DECLARED, List.of(mask, x))).containsExactly(x, mask);
    }

    @Test
    void shouldNameTheUnknownInputAndTheModelsInputs() {
        assertThatThrownBy(() -> InputValidation.inputs(
                        WHERE, DECLARED, List.of(tensor("X", DataType.FP32, 1, 3), tensor("mask", DataType.BOOL, 1))))
                .isInstanceOf(InvalidInput.class)
                .hasMessage(
                        "model 'mlp' version 1 has no input named 'X'; its inputs are [x FP32[-1, 3], mask BOOL[-1]]");
    }

    @Test
    void shouldNameTheInputWithTheWrongShapeAndBothShapes() {
        assertThatThrownBy(() -> InputValidation.inputs(
                        WHERE, DECLARED, List.of(tensor("x", DataType.FP32, 2, 4), tensor("mask", DataType.BOOL, 2))))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input 'x' of model 'mlp' version 1: expected shape [-1, 3] (-1 = any size), got [2, 4]");
    }

    @Test
    void shouldNameTheInputWithTheWrongDatatypeAndBothDatatypes() {
        assertThatThrownBy(() -> InputValidation.inputs(
                        WHERE, DECLARED, List.of(tensor("x", DataType.FP64, 2, 3), tensor("mask", DataType.BOOL, 2))))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input 'x' of model 'mlp' version 1: expected datatype FP32, got FP64");
    }

    @Test
    void shouldNameAMissingInput() {
        assertThatThrownBy(() -> InputValidation.inputs(WHERE, DECLARED, List.of(tensor("x", DataType.FP32, 2, 3))))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input 'mask' of model 'mlp' version 1 is missing: expected mask BOOL[-1]");
    }

    @Test
    void shouldRefuseAnInputGivenTwice() {
        Tensor x = tensor("x", DataType.FP32, 1, 3);
        assertThatThrownBy(() -> InputValidation.inputs(WHERE, DECLARED, List.of(x, x)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("input 'x' is given more than once");
    }

    @Test
    void shouldNameAnOutputTheModelDoesNotHave() {
        assertThatThrownBy(() -> InputValidation.outputs(
                        WHERE, List.of(new TensorSpec("y", DataType.FP32, new long[] {-1})), Set.of("z")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("has no output named 'z'; its outputs are [y FP32[-1]]");
    }
}
