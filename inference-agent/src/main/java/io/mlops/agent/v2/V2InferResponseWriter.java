package io.mlops.agent.v2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mlops.agent.serve.InferResponse;
import io.mlops.protocol.v2.JsonTensorData;
import io.mlops.protocol.v2.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a V2 infer reply: JSON alone, or a JSON header followed by the binary data of the outputs
 * asked for in binary, each with {@code parameters.binary_data_size}.
 */
public final class V2InferResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private V2InferResponseWriter() {}

    /**
     * An encoded reply.
     *
     * @param header the JSON
     * @param binary the outputs' binary data, in output order; empty when the reply is JSON alone
     */
    public record Encoded(byte[] header, List<ByteBuffer> binary) {
        /**
         * Whether the reply uses the binary extension.
         *
         * @return true when some output is binary
         */
        public boolean hasBinary() {
            return !binary.isEmpty();
        }

        /**
         * The body's total length.
         *
         * @return header plus binary bytes
         */
        public long length() {
            return header.length
                    + binary.stream().mapToLong(ByteBuffer::remaining).sum();
        }
    }

    /**
     * Encodes a reply.
     *
     * @param response the reply
     * @param format which outputs go as binary
     * @return the encoded reply
     */
    public static Encoded write(InferResponse response, ReplyFormat format) {
        List<ByteBuffer> binary = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("model_name", response.model());
            json.writeStringField("model_version", response.version());
            if (!response.id().isEmpty()) {
                json.writeStringField("id", response.id());
            }
            json.writeArrayFieldStart("outputs");
            for (Tensor output : response.outputs()) {
                json.writeStartObject();
                json.writeStringField("name", output.name());
                json.writeStringField("datatype", output.datatype().name());
                json.writeArrayFieldStart("shape");
                for (long dim : output.shape()) {
                    json.writeNumber(dim);
                }
                json.writeEndArray();
                if (format.binary(output.name())) {
                    ByteBuffer data = output.data();
                    json.writeObjectFieldStart("parameters");
                    json.writeNumberField("binary_data_size", data.remaining());
                    json.writeEndObject();
                    binary.add(data);
                } else {
                    json.writeFieldName("data");
                    JsonTensorData.write(output, json);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Encoded(out.toByteArray(), binary);
    }
}
