package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.reference.RowValues;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.V2JsonTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads KServe V2 JSON bodies for a deployment: the files a user gives and the agent's answers,
 * their tensors through the protocol's one codec ({@link V2JsonTensors}), so that a sample input
 * accepted here is accepted by the agent's warm-up too.
 */
final class V2Json {
    /** The suite's mapper: it reads the NaN and Infinity literals the V2 codec accepts. */
    static final ObjectMapper MAPPER = Json.mapper();

    private V2Json() {}

    static JsonNode readFile(Path file, String what) {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserError("no such " + what + " file: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The numbers of each numeric tensor of a response's {@code outputs}, NaN and infinities kept
     * so that a smoke test can find them; string outputs give none.
     *
     * @param response the response body
     * @param where where it came from
     * @return numbers by output name
     */
    static Map<String, double[]> outputs(JsonNode response, String where) {
        List<Tensor> tensors = V2JsonTensors.outputs(response, where);
        Map<String, double[]> numbers = new LinkedHashMap<>();
        for (Tensor tensor : tensors) {
            if (tensor.datatype() != DataType.BYTES) {
                numbers.put(tensor.name(), RowValues.values(tensor));
            }
        }
        return numbers;
    }
}
