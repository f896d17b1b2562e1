package io.mlops.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRowsTest {
    @Test
    void shouldConcatenateAndSplitFixedSizeRows() {
        Tensor a = FunctionModel.rowsOf("x", 2, 1, 2, 3, 4);
        Tensor b = FunctionModel.rowsOf("x", 2, 5, 6);

        Tensor joined = BatchRows.concat(List.of(a, b));
        List<Tensor> parts = BatchRows.split(joined, new int[] {2, 1});

        assertThat(joined.shape()).containsExactly(3, 2);
        assertThat(FunctionModel.floats(joined)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(FunctionModel.floats(parts.get(0))).containsExactly(1, 2, 3, 4);
        assertThat(parts.get(0).shape()).containsExactly(2, 2);
        assertThat(FunctionModel.floats(parts.get(1))).containsExactly(5, 6);
        assertThat(parts.get(1).shape()).containsExactly(1, 2);
    }

    @Test
    void shouldConcatenateAndSplitByteStringsOfDifferentLengths() {
        Tensor a = strings(new long[] {1, 2}, "a", "bcd");
        Tensor b = strings(new long[] {2, 2}, "", "ef", "ghij", "k");

        Tensor joined = BatchRows.concat(List.of(a, b));
        List<Tensor> parts = BatchRows.split(joined, new int[] {1, 2});

        assertThat(joined.shape()).containsExactly(3, 2);
        assertThat(texts(joined)).containsExactly("a", "bcd", "", "ef", "ghij", "k");
        assertThat(texts(parts.get(0))).containsExactly("a", "bcd");
        assertThat(texts(parts.get(1))).containsExactly("", "ef", "ghij", "k");
        assertThat(parts.get(1).shape()).containsExactly(2, 2);
    }

    @Test
    void shouldRefuseToSplitAnOutputThatIsNotPerRow() {
        Tensor summary = FunctionModel.rowsOf("y", 2, 1, 2);

        assertThatThrownBy(() -> BatchRows.split(summary, new int[] {1, 2}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not 3 rows");
    }

    private static Tensor strings(long[] shape, String... values) {
        ByteBuffer data = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            data.putInt(bytes.length).put(bytes);
        }
        data.flip();
        return Tensor.of("s", DataType.BYTES, shape, data);
    }

    private static List<String> texts(Tensor tensor) {
        ByteBuffer data = tensor.data();
        List<String> values = new ArrayList<>();
        while (data.hasRemaining()) {
            byte[] bytes = new byte[data.getInt()];
            data.get(bytes);
            values.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return values;
    }
}
