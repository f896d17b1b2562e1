package io.mlops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path tmp;

    @Test
    void shouldReadWhatNumpyWrites() {
        String script = """
                import numpy as np
                np.save("f4.npy", np.arange(6, dtype=np.float32).reshape(2, 3) / 4)
                np.save("big.npy", np.array([1, -2, 3], dtype=">i8"))
                np.save("fortran.npy", np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)))
                np.save("text.npy", np.array(["cat", "dög"]))
                np.save("flags.npy", np.array([True, False]))
                np.savez_compressed("both.npz", x=np.zeros((4, 2), np.uint8), y=np.arange(4))
                """;
        var run = Processes.run(tmp, List.of(Peers.program("python").toString(), "-c", script));
        assertThat(run.exitCode()).as(run.output()).isZero();

        assertThat(Npy.read(tmp.resolve("f4.npy")))
                .isEqualTo(
                        NdArray.of(ElementType.FLOAT32, new long[] {2, 3}, new double[] {0, 0.25, 0.5, 0.75, 1, 1.25}));
        assertThat(Npy.read(tmp.resolve("big.npy")).numbers()).containsExactly(1, -2, 3);
        assertThat(Npy.read(tmp.resolve("fortran.npy")).numbers()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(Npy.read(tmp.resolve("text.npy")).strings()).containsExactly("cat", "dög");
        assertThat(Npy.read(tmp.resolve("flags.npy")).numbers()).containsExactly(1, 0);
        Map<String, NdArray> both = Npy.readArchive(tmp.resolve("both.npz"));
        assertThat(both).containsOnlyKeys("x", "y");
        assertThat(both.get("x").describe()).isEqualTo("uint8 [4, 2]");
        assertThat(both.get("y").type()).isEqualTo(ElementType.INT64);
    }

    @Test
    void shouldRoundTripItsOwnTestWriter() {
        NdArray array = NdArray.of(ElementType.FLOAT64, new long[] {3}, new double[] {1.5, -2, 1e300});
        NpzWriter.writeNpy(tmp.resolve("a.npy"), array);

        assertThat(Npy.read(tmp.resolve("a.npy"))).isEqualTo(array).hasSameHashCodeAs(array);
    }

    @Test
    void shouldRejectFilesThatAreNotNumpy() throws IOException {
        Path text = Files.writeString(tmp.resolve("x.npy"), "hello");
        Path zip = Files.writeString(tmp.resolve("x.npz"), "not a zip");

        assertThatThrownBy(() -> Npy.read(text))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is not a NumPy .npy file");
        assertThatThrownBy(() -> Npy.readArchive(zip))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cannot read " + zip + " as a NumPy .npz archive");
    }
}
