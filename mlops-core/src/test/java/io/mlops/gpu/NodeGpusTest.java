package io.mlops.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class NodeGpusTest {
    @Test
    void shouldReadACountAsIndices() {
        assertThat(NodeGpus.parse("gpu-1", " 3 ").gpus()).containsExactly("0", "1", "2");
        assertThat(NodeGpus.parse("gpu-1", "").gpus()).isEmpty();
    }

    @Test
    void shouldReadAListOfIndicesOrUuids() {
        assertThat(NodeGpus.parse("gpu-1", "GPU-a, GPU-b").gpus()).containsExactly("GPU-a", "GPU-b");
        assertThat(NodeGpus.parse("gpu-1", "0,2").gpus()).containsExactly("0", "2");
    }

    @Test
    void shouldRefuseRepeatsAndEmptyEntries() {
        assertThatThrownBy(() -> NodeGpus.parse("gpu-1", "0,0"))
                .isInstanceOf(UserError.class)
                .hasMessage("GPU 0 is listed twice for node gpu-1");
        assertThatThrownBy(() -> NodeGpus.parse("gpu-1", "0,,1"))
                .isInstanceOf(UserError.class)
                .hasMessage("the GPU list '0,,1' of node gpu-1 has an empty entry");
        assertThatThrownBy(() -> NodeGpus.parse("gpu-1", "99999999999"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("too large");
    }

    @Test
    void shouldCompareByValue() {
        EqualsVerifier.forClass(NodeGpus.class)
                .withNonnullFields("node", "gpus")
                .verify();
        EqualsVerifier.forClass(Allocation.class)
                .withNonnullFields("node", "holder", "gpus")
                .verify();
        assertThat(new NodeGpus("n", List.of("0"))).isEqualTo(NodeGpus.parse("n", "1"));
    }
}
