package io.mlops.agent.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class V2InferRequestReaderTest {
    private static byte[] body(String json, byte[] binary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(binary);
        return out.toByteArray();
    }

    private static byte[] floats(float... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return data.array();
    }

    @Test
    void shouldReadBinaryInputsInOrderAfterTheJsonHeader() {
        String header = "{\"id\":\"r1\",\"inputs\":["
                + "{\"name\":\"a\",\"shape\":[2],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":8}},"
                + "{\"name\":\"b\",\"shape\":[1],\"datatype\":\"INT32\",\"data\":[7]},"
                + "{\"name\":\"c\",\"shape\":[1],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":4}}]}";
        byte[] body = body(header, floats(1.5f, 2.5f, 9f));

        V2InferRequestReader.Parsed parsed = V2InferRequestReader.read("m", null, body, header.length());

        assertThat(parsed.request().id()).isEqualTo("r1");
        Tensor a = parsed.request().inputs().get(0);
        Tensor c = parsed.request().inputs().get(2);
        assertThat(a.data().getFloat(4)).isEqualTo(2.5f);
        assertThat(c.data().getFloat(0)).isEqualTo(9f);
        assertThat(parsed.request().inputs().get(1).datatype()).isEqualTo(DataType.INT32);
    }

    @Test
    void shouldRefuseAHeaderLengthLargerThanTheBody() {
        byte[] body = body("{\"inputs\":[]}", new byte[0]);
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, body, 1_000))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("Inference-Header-Content-Length is 1000 but the body has only 13 bytes");
    }

    @Test
    void shouldRefuseABinarySizeBeyondTheBinaryData() {
        String header = "{\"inputs\":[{\"name\":\"a\",\"shape\":[4],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":16}}]}";
        byte[] body = body(header, floats(1, 2));
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, body, header.length()))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input 'a' claims binary_data_size 16 but only 8 bytes of binary data remain");
    }

    @Test
    void shouldRefuseABinarySizeThatDoesNotMatchTheShape() {
        String header = "{\"inputs\":[{\"name\":\"a\",\"shape\":[4],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":8}}]}";
        byte[] body = body(header, floats(1, 2));
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, body, header.length()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining(
                        "tensor 'a': 8 bytes of data do not match shape [4] of FP32, which needs 16 bytes");
    }

    @Test
    void shouldRefuseBinaryDataNoInputClaims() {
        String header = "{\"inputs\":[{\"name\":\"a\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]}";
        byte[] body = body(header, floats(1));
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, body, header.length()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("4 bytes of binary data follow the last input");
    }

    @Test
    void shouldTellWhichOutputsAreWantedInBinary() {
        String json = "{\"inputs\":[{\"name\":\"a\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}],"
                + "\"parameters\":{\"binary_data_output\":true},"
                + "\"outputs\":[{\"name\":\"y\"},{\"name\":\"z\",\"parameters\":{\"binary_data\":false}}]}";
        V2InferRequestReader.Parsed parsed =
                V2InferRequestReader.read("m", "2", json.getBytes(StandardCharsets.UTF_8), -1);

        assertThat(parsed.request().version()).isEqualTo("2");
        assertThat(parsed.request().outputs()).containsExactlyInAnyOrder("y", "z");
        assertThat(parsed.format().binary("y")).isTrue();
        assertThat(parsed.format().binary("z")).isFalse();
    }

    @Test
    void shouldRefuseMalformedJsonAndUnknownDatatypes() {
        assertThatThrownBy(() ->
                        V2InferRequestReader.read("m", null, "{\"inputs\":[".getBytes(StandardCharsets.UTF_8), -1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("not valid JSON");
        byte[] unknown = "{\"inputs\":[{\"name\":\"a\",\"shape\":[1],\"datatype\":\"FP8\",\"data\":[1]}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, unknown, -1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("input 'a': unknown tensor datatype 'FP8'");
    }

    @Test
    void shouldRefuseAShapeThatWrapsAroundALong() {
        // 2^64 is a whole number too; read as a long it wraps to 0, and [0, 4] with no data would pass.
        byte[] wrapped =
                "{\"inputs\":[{\"name\":\"a\",\"shape\":[18446744073709551616,4],\"datatype\":\"FP32\",\"data\":[]}]}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, wrapped, -1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("must hold whole numbers from 0 to 9223372036854775807");
        byte[] overflowing =
                "{\"inputs\":[{\"name\":\"a\",\"shape\":[4294967296,4294967296],\"datatype\":\"FP32\",\"data\":[]}]}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, overflowing, -1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("more elements than any tensor can");
    }

    @Test
    void shouldRefuseTrailingContentAfterTheJson() {
        byte[] trailing = "{\"inputs\":[{\"name\":\"a\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]} garbage"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> V2InferRequestReader.read("m", null, trailing, -1))
                .isInstanceOf(InvalidInput.class);
    }
}
