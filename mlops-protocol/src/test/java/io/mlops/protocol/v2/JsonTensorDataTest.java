package io.mlops.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTensorDataTest {
    private static final ObjectMapper JSON = Json.mapper();

    private static String write(Tensor tensor) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            JsonTensorData.write(tensor, json);
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "BOOL    | [true,false]",
                "UINT8   | [0,255]",
                "UINT16  | [0,65535]",
                "UINT32  | [0,4294967295]",
                "UINT64  | [0,18446744073709551615]",
                "INT8    | [-128,127]",
                "INT16   | [-32768,32767]",
                "INT32   | [-2147483648,2147483647]",
                "INT64   | [-9223372036854775808,9223372036854775807]",
                "FP16    | [1.5,-2.0]",
                "BF16    | [1.5,-2.0]",
                "FP32    | [1.5,-0.25]",
                "FP64    | [1.0E-300,-2.5]",
                "BYTES   | [\"a\",\"ünïcødé\"]"
            })
    void shouldReadAndWriteEveryDatatypeUnchanged(DataType type, String data) throws Exception {
        Tensor tensor = JsonTensorData.read("t", type, new long[] {2}, JSON.readTree(data));
        assertThat(tensor.datatype()).isEqualTo(type);
        assertThat(write(tensor)).isEqualTo(data);
    }

    @Test
    void shouldLayOutNumbersLittleEndianInTheV2BinaryLayout() throws Exception {
        Tensor tensor = JsonTensorData.read("t", DataType.INT32, new long[] {2}, JSON.readTree("[1,256]"));
        ByteBuffer data = tensor.data();
        assertThat(data.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(new byte[] {data.get(0), data.get(1), data.get(4), data.get(5)})
                .containsExactly(1, 0, 0, 1);
    }

    @Test
    void shouldRoundFp32ToBfloat16ToNearestEven() {
        // 1 + 2^-8 lies exactly between two bfloat16 values (1 and 1 + 2^-7): ties go to even, i.e. 1.
        assertThat(JsonTensorData.toBfloat16(1 + 0x1p-8f)).isEqualTo((short) 0x3F80);
        assertThat(JsonTensorData.toBfloat16(1 + 0x1p-8f + 0x1p-12f)).isEqualTo((short) 0x3F81);
    }

    @Test
    void shouldFlattenNestedArraysRowMajor() throws Exception {
        JsonNode nested = JSON.readTree("[[1,2,3],[4,5,6]]");
        Tensor tensor = JsonTensorData.read("x", DataType.FP32, new long[] {2, 3}, nested);
        assertThat(write(tensor)).isEqualTo("[1.0,2.0,3.0,4.0,5.0,6.0]");
    }

    @Test
    void shouldNameTheInputWhenTheCountDoesNotMatchTheShape() {
        assertThatThrownBy(() -> JsonTensorData.read("x", DataType.FP32, new long[] {2, 3}, JSON.readTree("[1,2]")))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input 'x': 2 values of data do not match shape [2, 3], which holds 6");
    }

    @Test
    void shouldNameTheElementThatDoesNotFitTheDatatype() {
        assertThatThrownBy(() -> JsonTensorData.read("ids", DataType.UINT8, new long[] {3}, JSON.readTree("[1,2,300]")))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input 'ids' is UINT8 but data element 2 is 300; expected a whole number from 0 to 255");
        assertThatThrownBy(() -> JsonTensorData.read("m", DataType.BOOL, new long[] {1}, JSON.readTree("[1]")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> JsonTensorData.read("s", DataType.BYTES, new long[] {1}, JSON.readTree("[1]")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("expected a string");
    }

    @Test
    void shouldRefuseAnInputWithoutData() {
        assertThatThrownBy(() -> JsonTensorData.read("x", DataType.FP32, new long[] {1}, null))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("input 'x' has no data");
    }

    @Test
    void shouldReadNonFiniteFloatsAsJsonLiteralsAsTritonWritesThem() throws Exception {
        Tensor tensor =
                JsonTensorData.read("x", DataType.FP64, new long[] {4}, JSON.readTree("[NaN, Infinity, -Infinity, 1]"));
        ByteBuffer data = tensor.data();
        assertThat(data.getDouble()).isNaN();
        assertThat(data.getDouble()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(data.getDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(data.getDouble()).isEqualTo(1.0);
    }

    @Test
    void shouldReadBackTheNonFiniteFloatsItWrites() throws Exception {
        Tensor tensor = JsonTensorData.read(
                "x", DataType.FP32, new long[] {3}, JSON.readTree("[\"NaN\", \"Infinity\", \"-Infinity\"]"));
        String written = write(tensor);
        assertThat(written).isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\"]");
        assertThat(write(JsonTensorData.read("x", DataType.FP32, new long[] {3}, JSON.readTree(written))))
                .isEqualTo(written);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"null | null", "\"nan\" | \"nan\"", "\"inf\" | \"inf\"", "\"+inf\" | \"+inf\"", "\"1.5\" | \"1.5\""
            })
    void shouldRefuseNullAndOtherStringsNamingTheTensorAndElement(String element, String shown) {
        assertThatThrownBy(() -> JsonTensorData.read(
                        "pixels", DataType.FP32, new long[] {2}, JSON.readTree("[0.5, " + element + "]")))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("input 'pixels' is FP32 but data element 1 is " + shown
                        + "; expected a number, or NaN, Infinity or -Infinity");
    }
}
