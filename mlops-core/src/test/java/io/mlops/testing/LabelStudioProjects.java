package io.mlops.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Makes what the labeling tests pull from a real {@link LabelStudioServer}, through its REST API as a user
 * would script it: projects with a RectangleLabels config, tasks (uploaded files or imported URLs),
 * annotations, and personal access tokens.
 */
public final class LabelStudioProjects {
    /** A labeling config with one image and two rectangle labels, {@code cat} and {@code dog}. */
    public static final String RECTANGLES = "<View><Image name=\"image\" value=\"$image\"/>"
            + "<RectangleLabels name=\"label\" toName=\"image\"><Label value=\"cat\"/><Label value=\"dog\"/>"
            + "</RectangleLabels></View>";

    private final URI url;
    private final HttpClient client = HttpClient.newHttpClient();

    /**
     * Talks to a server as its first user (legacy token).
     *
     * @param server the server
     */
    public LabelStudioProjects(LabelStudioServer server) {
        this.url = server.url();
    }

    /**
     * Creates a project.
     *
     * @param title its title (3 characters or more)
     * @return its id
     */
    public long createProject(String title) throws IOException, InterruptedException {
        ObjectNode body = Json.mapper().createObjectNode().put("title", title).put("label_config", RECTANGLES);
        return send(json("/api/projects/", body)).path("id").asLong();
    }

    /**
     * Uploads an image file as a new task of a project (it then lives under {@code /data/upload/}).
     *
     * @param project the project
     * @param image the file
     * @return the task's id
     */
    public long upload(long project, Path image) throws IOException, InterruptedException {
        List<Long> before = taskIds(project);
        String boundary = "----mlops" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + image.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(image));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        send(signed("/api/projects/" + project + "/import")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        List<Long> after = taskIds(project);
        after.removeAll(before);
        assertThat(after).as("tasks made by uploading " + image).hasSize(1);
        return after.getFirst();
    }

    /**
     * Imports a task whose image is the given URL or path.
     *
     * @param project the project
     * @param image what the task's {@code image} field holds
     * @return the task's id
     */
    public long importTask(long project, String image) throws IOException, InterruptedException {
        List<Long> before = taskIds(project);
        ArrayNode tasks = Json.mapper().createArrayNode();
        tasks.addObject().put("image", image);
        send(json("/api/projects/" + project + "/import", tasks));
        List<Long> after = taskIds(project);
        after.removeAll(before);
        assertThat(after).as("tasks made by importing " + image).hasSize(1);
        return after.getFirst();
    }

    /**
     * Annotates a task with one rectangle, as a person would in the editor.
     *
     * @param task the task
     * @param label {@code cat} or {@code dog}
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param box x, y, width, height in percent of the image
     */
    public void annotate(long task, String label, int width, int height, double... box)
            throws IOException, InterruptedException {
        ObjectNode annotation = Json.mapper().createObjectNode();
        ObjectNode result = annotation.putArray("result").addObject();
        result.put("from_name", "label").put("to_name", "image").put("type", "rectanglelabels");
        result.put("original_width", width).put("original_height", height);
        ObjectNode value = result.putObject("value");
        value.put("x", box[0])
                .put("y", box[1])
                .put("width", box[2])
                .put("height", box[3])
                .put("rotation", 0);
        value.putArray("rectanglelabels").add(label);
        send(json("/api/tasks/" + task + "/annotations/", annotation));
    }

    /**
     * Makes a personal access token (a JWT refresh token), as the user does under Account &amp; Settings.
     *
     * @return the token
     */
    public String personalAccessToken() throws IOException, InterruptedException {
        return send(signed("/api/token/").POST(HttpRequest.BodyPublishers.noBody()))
                .path("token")
                .asText();
    }

    private List<Long> taskIds(long project) throws IOException, InterruptedException {
        JsonNode page =
                send(signed("/api/tasks?project=" + project + "&page_size=1000").GET());
        List<Long> ids = new ArrayList<>();
        page.path("tasks").forEach(task -> ids.add(task.path("id").asLong()));
        return ids;
    }

    private HttpRequest.Builder json(String path, JsonNode body) throws IOException {
        return signed(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
    }

    private HttpRequest.Builder signed(String path) {
        return HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Token " + LabelStudioServer.TOKEN);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        return Json.mapper().readTree(answer.body());
    }
}
