package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.agent.labeling.LabelStudioAccess;
import io.mlops.agent.testing.AgentModels;
import io.mlops.onnx.TestModels;
import io.mlops.testing.LabelStudioServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-annotation against real peers: a real Label Studio (1.23.2) connects the real agent as its ML
 * backend over its API, asks it for predictions of a task whose image was uploaded to Label Studio, and
 * stores them; CVAT's function runner is not available here, so its contract is checked with the request
 * CVAT sends (cvat's serverless nuclio handlers: {@code {"image": base64, "threshold"}}) and the shape
 * its handlers answer.
 *
 * <p>The detector is a constant ONNX model: every image gets, in its 32 x 32 letterboxed input, a
 * "person" box (4, 4)-(28, 28) at 0.9, a "car" box (2, 6)-(10, 12) at 0.8, a class-2 box the labels
 * do not name at 0.7, and a person box at 0.1 under the preprocessing's score threshold.
 */
class PreAnnotationHttpTest {
    private static final String INFERENCE_TOKEN = "infer-secret";
    private static final String LABEL_CONFIG = """
            <View>
              <Image name="img" value="$photo"/>
              <RectangleLabels name="boxes" toName="img">
                <Label value="Person"/>
                <Label value="Vehicle" predicted_values="car,truck"/>
              </RectangleLabels>
            </View>""";

    @TempDir
    static Path dir;

    private static LabelStudioServer labelStudio;
    private static RunningAgent agent;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static byte[] png;

    @BeforeAll
    static void start() throws Exception {
        labelStudio = LabelStudioServer.start(dir.resolve("label-studio"));
        agent = new RunningAgent(
                dir.resolve("repo"),
                new HttpSettings("127.0.0.1", 0, 10_000_000, 50_000_000, RunningAgent.ADMIN_TOKEN, INFERENCE_TOKEN)
                        .withLabelStudio(new LabelStudioAccess(labelStudio.url(), LabelStudioServer.TOKEN)));
        deployDetector(agent, "persons", "3");
        png = png(64, 48);
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (labelStudio != null) {
            labelStudio.close();
        }
    }

    @Test
    void shouldLetLabelStudioStoreTheDetectorsPredictions() throws Exception {
        int project = createProject("pre-annotation");
        int task = importImage(project, "street.png", png);
        HttpResponse<String> connected = labelStudio(
                "POST",
                "/api/ml",
                json(Map.of(
                        "url",
                        agent.uri("/label-studio/persons").toString(),
                        "project",
                        project,
                        "title",
                        "persons",
                        "auth_method",
                        "BASIC_AUTH",
                        "basic_auth_user",
                        "label-studio",
                        "basic_auth_pass",
                        INFERENCE_TOKEN)));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);

        HttpResponse<String> retrieved = labelStudio(
                "POST",
                "/api/dm/actions?id=retrieve_tasks_predictions&project=" + project,
                "{\"selectedItems\": {\"all\": true, \"excluded\": []}}");
        assertThat(retrieved.statusCode()).as(retrieved.body()).isEqualTo(200);

        HttpResponse<String> stored = labelStudio("GET", "/api/predictions?task=" + task, null);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonNode predictions = RunningAgent.json(stored);
        assertThat(predictions).as(stored.body() + "\n" + labelStudio.tail()).hasSize(1);
        JsonNode prediction = predictions.get(0);
        assertThat(prediction.path("model_version").asText()).isEqualTo("3");
        assertThat(prediction.path("score").asDouble()).isCloseTo(0.85, within(1e-6));
        JsonNode results = prediction.path("result");
        assertThat(results).hasSize(2);
        // letterbox 64 x 48 -> 32 x 24 at (0, 4): input (4, 4)-(28, 28) is (8, 0)-(56, 48) on the image
        assertBox(results.get(0), "Person", 12.5, 0, 75, 100, 0.9);
        // (2, 6)-(10, 12) is (4, 4)-(20, 16): a "car", which the config's Vehicle lists in predicted_values
        assertBox(results.get(1), "Vehicle", 6.25, 100.0 * 4 / 48, 25, 100.0 * 12 / 48, 0.8);
    }

    @Test
    void shouldAnswerHealthAndSetupAsTheMlBackendSdkDoes() {
        HttpResponse<String> health = agent.get("/label-studio/persons/health");
        HttpResponse<String> root = agent.get("/label-studio/persons");
        HttpResponse<String> setup = agent.send(authorized("/label-studio/persons/setup")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of(
                        "project",
                        "1.1700000000",
                        "schema",
                        LABEL_CONFIG,
                        "hostname",
                        "http://x",
                        "access_token",
                        "t")))));

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(RunningAgent.json(health).path("status").asText()).isEqualTo("UP");
        assertThat(RunningAgent.json(root).path("model_version").asText()).isEqualTo("3");
        assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
        assertThat(RunningAgent.json(setup).path("model_version").asText()).isEqualTo("3");
    }

    @Test
    void shouldRefuseCallsWithoutTheInferenceToken() {
        HttpResponse<String> anonymous = agent.postJson("/label-studio/persons/predict", predictBody("/data/x.png"));
        HttpResponse<String> wrong = agent.send(HttpRequest.newBuilder(agent.uri("/label-studio/persons/predict"))
                .header("Authorization", basic("label-studio", "not-the-token"))
                .POST(HttpRequest.BodyPublishers.ofString(predictBody("/data/x.png"))));
        HttpResponse<String> cvat = agent.postJson("/cvat/persons", "{\"image\": \"\"}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("not-the-token").doesNotContain(INFERENCE_TOKEN);
        assertThat(cvat.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRefuseBadTasksWithClearClientErrors() throws Exception {
        int project = createProject("bad input");
        int corrupt = importImage(project, "corrupt.png", "not a png at all".getBytes(StandardCharsets.UTF_8));
        String corruptUrl = imageUrl(corrupt);

        HttpResponse<String> noImage = predict(
                "persons",
                "{\"tasks\": [{\"id\": 5, \"data\": {}}], \"label_config\": "
                        + Replies.JSON.writeValueAsString(LABEL_CONFIG) + "}");
        HttpResponse<String> offHost = predict("persons", predictBody("http://127.0.0.2:9/secret.png"));
        HttpResponse<String> elsewhere = predict("persons", predictBody("file:///etc/passwd"));
        HttpResponse<String> broken = predict("persons", predictBody(corruptUrl));
        HttpResponse<String> unknown = predict("nobody", predictBody("/data/x.png"));
        HttpResponse<String> noBoxes = predict(
                "persons",
                "{\"tasks\": [{\"id\": 5, \"data\": {\"photo\": \"/x.png\"}}], \"label_config\": \"<View><Image"
                        + " name='i' value='$photo'/><Choices name='c' toName='i'><Choice value='a'/></Choices></View>\"}");

        assertThat(noImage.statusCode()).isEqualTo(400);
        assertThat(noImage.body()).contains("task 5 has no image URL in data.photo");
        assertThat(offHost.statusCode()).isEqualTo(400);
        assertThat(offHost.body()).contains("not on the Label Studio server the agent is configured for");
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
        assertThat(broken.body()).contains("cannot decode the image of task 9");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("model 'nobody' is not served");
        assertThat(noBoxes.statusCode()).isEqualTo(400);
        assertThat(noBoxes.body()).contains("no RectangleLabels");
    }

    @Test
    void shouldDownloadTaskImagesWithAPersonalAccessToken() throws Exception {
        HttpResponse<String> created = labelStudio("POST", "/api/token/", "{}");
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String pat = RunningAgent.json(created).path("token").asText();
        int project = createProject("personal access token");
        int task = importImage(project, "pat.png", png);
        String url = imageUrl(task);
        try (RunningAgent patAgent = new RunningAgent(
                dir.resolve("repo-pat"),
                new HttpSettings("127.0.0.1", 0, 10_000_000, 50_000_000, RunningAgent.ADMIN_TOKEN, INFERENCE_TOKEN)
                        .withLabelStudio(new LabelStudioAccess(labelStudio.url(), pat)))) {
            deployDetector(patAgent, "persons", "4");
            HttpResponse<String> answer = patAgent.send(authorizedOn(patAgent, "/label-studio/persons/predict")
                    .POST(HttpRequest.BodyPublishers.ofString(predictBody(url))));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode result = RunningAgent.json(answer).path("results").get(0);
            assertThat(result.path("model_version").asText()).isEqualTo("4");
            assertThat(result.path("result")).hasSize(2);
        }
    }

    @Test
    void shouldAnswerCvatsDetectorFunctionContract() throws Exception {
        String image = Base64.getEncoder().encodeToString(png);
        HttpResponse<String> defaults = cvat("{\"image\": \"" + image + "\"}");
        HttpResponse<String> strict = cvat("{\"image\": \"" + image + "\", \"threshold\": 0.85}");
        HttpResponse<String> noImage = cvat("{\"threshold\": 0.5}");
        HttpResponse<String> notBase64 = cvat("{\"image\": \"***\"}");
        HttpResponse<String> corrupt = cvat("{\"image\": \""
                + Base64.getEncoder().encodeToString("garbage".getBytes(StandardCharsets.UTF_8)) + "\"}");

        assertThat(defaults.statusCode()).as(defaults.body()).isEqualTo(200);
        JsonNode shapes = RunningAgent.json(defaults);
        // CVAT's default threshold 0.5: the person, the car and the unnamed class 2 (CVAT maps labels by name)
        assertThat(shapes).hasSize(3);
        JsonNode person = shapes.get(0);
        assertThat(person.path("type").asText()).isEqualTo("rectangle");
        assertThat(person.path("label").asText()).isEqualTo("person");
        assertThat(person.path("confidence").asDouble()).isCloseTo(0.9, within(1e-6));
        assertThat(person.path("points")).hasSize(4);
        assertThat(person.path("points").get(0).asDouble()).isCloseTo(8, within(1e-6));
        assertThat(person.path("points").get(1).asDouble()).isCloseTo(0, within(1e-6));
        assertThat(person.path("points").get(2).asDouble()).isCloseTo(56, within(1e-6));
        assertThat(person.path("points").get(3).asDouble()).isCloseTo(48, within(1e-6));
        assertThat(shapes.get(1).path("label").asText()).isEqualTo("car");
        assertThat(shapes.get(2).path("label").asText()).isEqualTo("2");
        assertThat(RunningAgent.json(strict)).hasSize(1);
        assertThat(noImage.statusCode()).isEqualTo(400);
        assertThat(noImage.body()).contains("carries no image");
        assertThat(notBase64.statusCode()).isEqualTo(400);
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(corrupt.body()).contains("cannot decode the CVAT request's image");
    }

    private static void assertBox(
            JsonNode result, String label, double x, double y, double width, double height, double score) {
        assertThat(result.path("from_name").asText()).isEqualTo("boxes");
        assertThat(result.path("to_name").asText()).isEqualTo("img");
        assertThat(result.path("type").asText()).isEqualTo("rectanglelabels");
        assertThat(result.path("original_width").asInt()).isEqualTo(64);
        assertThat(result.path("original_height").asInt()).isEqualTo(48);
        assertThat(result.path("score").asDouble()).isCloseTo(score, within(1e-6));
        JsonNode value = result.path("value");
        assertThat(value.path("rectanglelabels").get(0).asText()).isEqualTo(label);
        assertThat(value.path("x").asDouble()).isCloseTo(x, within(1e-6));
        assertThat(value.path("y").asDouble()).isCloseTo(y, within(1e-6));
        assertThat(value.path("width").asDouble()).isCloseTo(width, within(1e-6));
        assertThat(value.path("height").asDouble()).isCloseTo(height, within(1e-6));
    }

    private static void deployDetector(RunningAgent target, String model, String version) throws Exception {
        Path onnx = TestModels.constantDetector(dir.resolve("detector-" + version + ".onnx"), 32, 32, new float[] {
            4, 4, 28, 28, 0.9f, 0, 2, 6, 10, 12, 0.8f, 1, 0, 0, 8, 8, 0.7f, 2, 0, 0, 16, 16, 0.1f, 0
        });
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.onnx", Files.readAllBytes(onnx));
        files.put("labels.txt", "person\ncar\n".getBytes(StandardCharsets.UTF_8));
        files.put(
                "preprocessing.json",
                "{\"letterbox\": [32, 32], \"score_threshold\": 0.3}".getBytes(StandardCharsets.UTF_8));
        files.put(
                "model-card.json",
                ("{\"model\": \"" + model + "\", \"version\": \"" + version + "\"}").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> uploaded = target.upload(model, version, AgentModels.bundle(files));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        HttpResponse<String> switched = target.switchTo(model, version);
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
    }

    private static String predictBody(String image) {
        ObjectNode body = Replies.JSON.createObjectNode();
        ObjectNode task = body.putArray("tasks").addObject();
        task.put("id", 9);
        task.putObject("data").put("photo", image);
        body.put("project", "1.1700000000");
        body.put("label_config", LABEL_CONFIG);
        body.putObject("params").put("login", (String) null);
        return body.toString();
    }

    private static HttpResponse<String> predict(String model, String body) {
        return agent.send(authorized("/label-studio/" + model + "/predict")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> cvat(String body) {
        return agent.send(HttpRequest.newBuilder(agent.uri("/cvat/persons"))
                .header("Authorization", "Bearer " + INFERENCE_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder authorized(String path) {
        return authorizedOn(agent, path);
    }

    private static HttpRequest.Builder authorizedOn(RunningAgent target, String path) {
        // as Label Studio sends it: basic authentication with the inference token as the password
        return HttpRequest.newBuilder(target.uri(path)).header("Authorization", basic("label-studio", INFERENCE_TOKEN));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int createProject(String title) throws Exception {
        HttpResponse<String> created =
                labelStudio("POST", "/api/projects", json(Map.of("title", title, "label_config", LABEL_CONFIG)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return RunningAgent.json(created).path("id").asInt();
    }

    /**
     * Uploads a file to Label Studio as a new task: its data is then {@code {"$undefined$":
     * "/data/upload/..."}}, which Label Studio gives to the config's only data key.
     */
    private static int importImage(int project, String name, byte[] bytes) throws Exception {
        String boundary = "----mlops-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> imported = CLIENT.send(
                HttpRequest.newBuilder(labelStudio.url().resolve("/api/projects/" + project + "/import"))
                        .header("Authorization", "Token " + LabelStudioServer.TOKEN)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        HttpResponse<String> listed = labelStudio("GET", "/api/tasks?project=" + project + "&page_size=100", null);
        JsonNode answer = RunningAgent.json(listed);
        JsonNode tasks = answer.isArray() ? answer : answer.path("tasks");
        int newest = -1;
        for (JsonNode task : tasks) {
            newest = Math.max(newest, task.path("id").asInt());
        }
        assertThat(newest).as(listed.body()).isPositive();
        return newest;
    }

    /** The image URL Label Studio gave an uploaded file's task (under whichever data key it shows). */
    private static String imageUrl(int task) throws Exception {
        HttpResponse<String> answer = labelStudio("GET", "/api/tasks/" + task, null);
        JsonNode data = RunningAgent.json(answer).path("data");
        for (JsonNode value : data) {
            if (value.isTextual() && value.asText().contains("/data/upload/")) {
                return value.asText();
            }
        }
        throw new AssertionError("task " + task + " has no uploaded image URL: " + answer.body());
    }

    private static HttpResponse<String> labelStudio(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(labelStudio.url() + path))
                .header("Authorization", "Token " + LabelStudioServer.TOKEN)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String json(Map<String, ?> fields) {
        try {
            return Replies.JSON.writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
