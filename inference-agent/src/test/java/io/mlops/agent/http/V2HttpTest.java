package io.mlops.agent.http;

import static io.mlops.agent.http.RunningAgent.json;
import static io.mlops.agent.http.RunningAgent.linearRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.testing.AgentModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The V2 endpoints over real HTTP: every bad input of the protocol gets its status and a V2 error. */
class V2HttpTest {
    private static final long MAX_BODY = 1_000_000;

    @TempDir
    Path dir;

    private RunningAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningAgent(dir.resolve("repo"), MAX_BODY, null);
        agent.serveLinear(dir, "mlp", "1", 1);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    @Test
    void shouldAnswerHealthServerMetadataAndModelMetadata() {
        assertThat(agent.get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(agent.get("/v2/health/live").body()).isEqualTo("{\"live\":true}");
        assertThat(agent.get("/v2/health/ready").statusCode()).isEqualTo(200);
        assertThat(agent.get("/v2/health/ready").body()).isEqualTo("{\"ready\":true}");
        JsonNode server = json(agent.get("/v2"));
        assertThat(server.get("name").asText()).isEqualTo("mlops-inference-agent");
        assertThat(server.get("extensions").toString()).contains("binary_tensor_data");

        JsonNode metadata = json(agent.get("/v2/models/mlp"));
        assertThat(metadata.get("platform").asText()).isEqualTo("onnxruntime_onnx");
        assertThat(metadata.get("inputs").toString())
                .isEqualTo("[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,3]}]");
        assertThat(json(agent.get("/v2/models/mlp/versions/1")).get("versions").toString())
                .isEqualTo("[\"1\"]");
        assertThat(agent.get("/v2/models/mlp/ready").statusCode()).isEqualTo(200);
        assertThat(agent.get("/v2/models/mlp/ready").body()).isEqualTo("{\"name\":\"mlp\",\"ready\":true}");
        assertThat(agent.get("/v2/models/mlp/versions/1/ready").statusCode()).isEqualTo(200);
        assertThat(agent.get("/v2/models/mlp/versions/1/ready").body())
                .isEqualTo("{\"name\":\"mlp\",\"version\":\"1\",\"ready\":true}");
    }

    @Test
    void shouldInferWithJsonTensors() {
        HttpResponse<String> response = agent.postJson(
                "/v2/models/mlp/infer",
                "{\"id\":\"42\",\"inputs\":[{\"name\":\"x\",\"shape\":[2,3],\"datatype\":\"FP32\","
                        + "\"data\":[[1,2,3],[0,0,1]]}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"model_name\":\"mlp\",\"model_version\":\"1\",\"id\":\"42\",\"outputs\":[{\"name\":\"y\","
                        + "\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[6.0,6.0,1.0,1.0]}]}");
    }

    @Test
    void shouldInferWithTheBinaryTensorDataExtension() throws Exception {
        String header = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":12}}],\"parameters\":{\"binary_data_output\":true}}";
        ByteBuffer x = ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1)
                .putFloat(2)
                .putFloat(4);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(x.array());

        HttpResponse<byte[]> response = agent.client.send(
                HttpRequest.newBuilder(agent.uri("/v2/models/mlp/infer"))
                        .header("Content-Type", "application/octet-stream")
                        .header("Inference-Header-Content-Length", Integer.toString(header.length()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        int jsonLength = Integer.parseInt(
                response.headers().firstValue("Inference-Header-Content-Length").orElseThrow());
        String json = new String(response.body(), 0, jsonLength, StandardCharsets.UTF_8);
        assertThat(json).contains("\"parameters\":{\"binary_data_size\":8}").doesNotContain("\"data\"");
        ByteBuffer y = ByteBuffer.wrap(response.body(), jsonLength, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] {y.getFloat(), y.getFloat()}).containsExactly(7f, 7f);
    }

    @Test
    void shouldRoundTripEveryDatatypeAsJson() {
        HttpResponse<String> uploaded =
                agent.upload("types", "1", AgentModels.bundle(Map.of("model.onnx", AgentModels.allTypes())));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        agent.switchTo("types", "1");
        Map<String, String> values = Map.ofEntries(
                Map.entry("bool", "[true,false]"),
                Map.entry("uint8", "[0,255]"),
                Map.entry("int8", "[-128,127]"),
                Map.entry("int16", "[-32768,32767]"),
                Map.entry("int32", "[-2147483648,2147483647]"),
                Map.entry("int64", "[-9223372036854775808,9223372036854775807]"),
                Map.entry("fp16", "[1.5,-65504.0]"),
                Map.entry("fp32", "[1.5,-0.25]"),
                Map.entry("fp64", "[1.0E-300,-2.5]"),
                Map.entry("bf16", "[1.5,-2.0]"),
                Map.entry("bytes", "[\"a\",\"ünïcødé\"]"));
        StringBuilder request = new StringBuilder("{\"inputs\":[");
        values.forEach((type, data) -> request.append("{\"name\":\"in_")
                .append(type)
                .append("\",\"shape\":[2],\"datatype\":\"")
                .append(type.equals("bytes") ? "BYTES" : type.toUpperCase())
                .append("\",\"data\":")
                .append(data)
                .append("},"));
        request.append("{\"name\":\"small\",\"shape\":[2],\"datatype\":\"INT32\",\"data\":[7,65535]}]}");

        HttpResponse<String> response = agent.postJson("/v2/models/types/infer", request.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode outputs = json(response).get("outputs");
        Map<String, String> answered = new java.util.HashMap<>();
        outputs.forEach(o -> answered.put(o.get("name").asText(), o.get("data").toString()));
        values.forEach(
                (type, data) -> assertThat(answered.get("out_" + type)).as(type).isEqualTo(data));
        assertThat(answered.get("out_uint16")).isEqualTo("[7,65535]");
        assertThat(answered.get("out_uint32")).isEqualTo("[7,65535]");
        assertThat(answered.get("out_uint64")).isEqualTo("[7,65535]");
    }

    @Test
    void shouldAnswer404WithAV2ErrorForAnUnknownModel() {
        HttpResponse<String> response = agent.postJson("/v2/models/nope/infer", linearRequest(1));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(response).get("error").asText())
                .isEqualTo("model 'nope' is not served by this agent; it serves [mlp]");
        assertThat(agent.get("/v2/models/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer404WithAV2ErrorForAnUnknownVersion() {
        HttpResponse<String> response = agent.postJson("/v2/models/mlp/versions/7/infer", linearRequest(1));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("model 'mlp' has no version 7; it has [1]");
        assertThat(agent.get("/v2/models/mlp/versions/7/ready").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400NamingAnUnknownInputAndTheExpectedOnes() {
        HttpResponse<String> response = agent.postJson(
                "/v2/models/mlp/infer",
                "{\"inputs\":[{\"name\":\"X\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("model 'mlp' version 1 has no input named 'X'; its inputs are [x FP32[-1, 3]]");
    }

    @Test
    void shouldAnswer400NamingTheInputWithTheWrongShape() {
        HttpResponse<String> response = agent.postJson(
                "/v2/models/mlp/infer",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("input 'x' of model 'mlp' version 1: expected shape [-1, 3] (-1 = any size), got [1, 4]");
    }

    @Test
    void shouldAnswer400NamingTheInputWithTheWrongDatatype() {
        HttpResponse<String> response = agent.postJson(
                "/v2/models/mlp/infer",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"INT64\",\"data\":[1,2,3]}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("input 'x' of model 'mlp' version 1: expected datatype FP32, got INT64");
    }

    @Test
    void shouldAnswer400WhenTheDataDoesNotMatchTheShape() {
        HttpResponse<String> response = agent.postJson(
                "/v2/models/mlp/infer",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[2,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("input 'x': 3 values of data do not match shape [2, 3], which holds 6");
    }

    @Test
    void shouldAnswer400WhenTheBinaryHeaderLengthIsLargerThanTheBody() {
        String header = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":12}}]}";
        HttpResponse<String> response = agent.send(HttpRequest.newBuilder(agent.uri("/v2/models/mlp/infer"))
                .header("Inference-Header-Content-Length", "5000")
                .POST(HttpRequest.BodyPublishers.ofString(header)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo(
                        "Inference-Header-Content-Length is 5000 but the body has only " + header.length() + " bytes");
    }

    @Test
    void shouldRefuseAGigabyteBodyBeforeReadingIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", agent.agent.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // Declares 1 GiB but sends a few bytes: the answer must come without the rest.
            out.write(("POST /v2/models/mlp/infer HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1073741824\r\n\r\n{\"inputs\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(reply).startsWith("HTTP/1.1 413 ");
            assertThat(reply)
                    .contains("{\"error\":\"the request body of 1073741824 bytes is larger than the limit of "
                            + MAX_BODY + " bytes");
        }
    }

    @Test
    void shouldRefuseAChunkedBodyThatPassesTheLimit() {
        byte[] large = new byte[(int) MAX_BODY + 10_000];
        HttpResponse<String> response = agent.send(HttpRequest.newBuilder(agent.uri("/v2/models/mlp/infer"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).contains("more than " + MAX_BODY + " bytes");
    }

    @Test
    void shouldAcceptGzipAndDeflateBodiesAndCompressTheReplyWhenAsked() throws Exception {
        byte[] json = linearRequest(2).getBytes(StandardCharsets.UTF_8);
        for (String coding : List.of("gzip", "deflate")) {
            HttpResponse<byte[]> response = agent.client.send(
                    HttpRequest.newBuilder(agent.uri("/v2/models/mlp/infer"))
                            .header("Content-Encoding", coding)
                            .header("Accept-Encoding", coding)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(compress(coding, json)))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue(coding);
            String reply = new String(inflate(coding, response.body()), StandardCharsets.UTF_8);
            assertThat(RunningAgent.JSON.readTree(reply).at("/outputs/0/data").toString())
                    .isEqualTo("[3.0,3.0,3.0,3.0]");
        }
        HttpResponse<String> plain = agent.postJson("/v2/models/mlp/infer", linearRequest(1));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void shouldRefuseAZipBombWith413AtTheLimitOfTheInflatedBytes() throws Exception {
        byte[] bomb = compress("gzip", new byte[50 * (int) MAX_BODY]);
        assertThat(bomb.length).isLessThan((int) MAX_BODY);

        HttpResponse<String> response = agent.send(HttpRequest.newBuilder(agent.uri("/v2/models/mlp/infer"))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText())
                .isEqualTo("the request body of more than 1000000 bytes once inflated is larger than the limit of"
                        + " 1000000 bytes (--max-body-bytes / --max-bundle-bytes)");
    }

    @Test
    void shouldRefuseAnUnknownContentEncodingAndCorruptGzipNamingThem() {
        HttpResponse<String> unknown = agent.send(HttpRequest.newBuilder(agent.uri("/v2/models/mlp/infer"))
                .header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofString(linearRequest(1))));
        assertThat(unknown.statusCode()).isEqualTo(415);
        assertThat(json(unknown).get("error").asText())
                .isEqualTo("Content-Encoding 'br' is not supported; send the body as is, gzip or deflate");

        HttpResponse<String> corrupt = agent.send(HttpRequest.newBuilder(agent.uri("/v2/models/mlp/infer"))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(linearRequest(1))));
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(json(corrupt).get("error").asText())
                .startsWith("the request body is not valid gzip data (Content-Encoding: gzip)");
    }

    @Test
    void shouldAnswerTritonsModelConfiguration() {
        JsonNode config = json(agent.get("/v2/models/mlp/config"));

        assertThat(config.toString())
                .isEqualTo("{\"name\":\"mlp\",\"platform\":\"onnxruntime_onnx\",\"backend\":\"onnxruntime\","
                        + "\"version_policy\":{\"specific\":{\"versions\":[1]}},\"max_batch_size\":1,"
                        + "\"input\":[{\"name\":\"x\",\"data_type\":\"TYPE_FP32\",\"dims\":[3]}],"
                        + "\"output\":[{\"name\":\"y\",\"data_type\":\"TYPE_FP32\",\"dims\":[2]}],"
                        + "\"instance_group\":[{\"name\":\"mlp\",\"kind\":\"KIND_CPU\",\"count\":2,\"gpus\":[]}]}");
        assertThat(json(agent.get("/v2/models/mlp/versions/1/config"))
                        .get("name")
                        .asText())
                .isEqualTo("mlp");
        assertThat(agent.get("/v2/models/mlp/versions/7/config").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerClassCountWithTheTopClassesOrRefuseABadCount() {
        HttpResponse<String> top = agent.postJson(
                "/v2/models/mlp/infer",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,4]}],"
                        + "\"outputs\":[{\"name\":\"y\",\"parameters\":{\"class_count\":2}}]}");
        assertThat(top.statusCode()).as(top.body()).isEqualTo(200);
        JsonNode output = json(top).at("/outputs/0");
        assertThat(output.get("datatype").asText()).isEqualTo("BYTES");
        assertThat(output.get("shape").toString()).isEqualTo("[1,2]");
        assertThat(output.get("data").toString()).isEqualTo("[\"7.000000:0\",\"7.000000:1\"]");

        HttpResponse<String> bad = agent.postJson(
                "/v2/models/mlp/infer",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,4]}],"
                        + "\"outputs\":[{\"name\":\"y\",\"parameters\":{\"class_count\":\"two\"}}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText())
                .isEqualTo("output 'y': parameters.class_count must be a whole number of 0 or more, not \"two\"");
    }

    private static byte[] compress(String coding, byte[] data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = coding.equals("gzip") ? new GZIPOutputStream(bytes) : new DeflaterOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] inflate(String coding, byte[] data) throws Exception {
        try (InputStream in = coding.equals("gzip")
                ? new GZIPInputStream(new ByteArrayInputStream(data))
                : new InflaterInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    @Test
    void shouldAnswer404ForAPathThatIsNoEndpoint() {
        HttpResponse<String> response = agent.get("/v2/models/mlp/explain");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("no endpoint GET /v2/models/mlp/explain");
    }

    @Test
    void shouldServeADemoPageWithoutExternalAssetsAndTheSampleInput() {
        HttpResponse<String> page = agent.get("/v2/models/mlp/demo");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>mlp</h1>").doesNotContain("http://", "https://", "{{MODEL}}");

        JsonNode sample = json(agent.get("/v2/models/mlp/demo/sample"));
        assertThat(sample.get("sample").toString())
                .isEqualTo("{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,1,1]}]}");
        assertThat(agent.get("/v2/models/nope/demo").statusCode()).isEqualTo(404);
    }
}
