package io.mlops.labels.live;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.labels.format.AtomicOutput;
import io.mlops.labels.format.ImageReference;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls a Label Studio project's annotations and images into a directory laid out as its JSON export
 * ({@link PullResult#EXPORT_FILE}) with the images beside it, where the Label Studio reader of {@code
 * io.mlops.labels.format} reads them unchanged.
 *
 * <p>The annotations come from the project's export endpoint ({@code GET
 * /api/projects/{id}/export?exportType=JSON}), the one label-studio-sdk's {@code
 * projects.exports.as_json} calls on the Community edition: one streamed answer in exactly the format
 * the reader reads, where paging {@code /api/tasks} would give the data manager's task shape. It holds
 * the tasks that have annotations: a task nobody labeled yet is not an image without objects. Then each
 * task's image is downloaded (see {@link ImageLocations} for what is refused). Everything is written
 * under a temporary name and renamed into place at the end, so a failure leaves nothing behind.
 */
public final class LabelStudioPull {
    /** Reads one task of the array at a time; what follows it is the next task, not trailing content. */
    private static final ObjectReader TASK =
            Json.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final LabelStudioSource source;
    private final LabelStudioToken token;

    /**
     * Prepares a pull.
     *
     * @param source the server and project
     * @param token the user's API token
     */
    public LabelStudioPull(LabelStudioSource source, LabelStudioToken token) {
        this.source = source;
        this.token = token;
    }

    /**
     * Pulls into a new directory.
     *
     * @param out the directory to create; it must not exist, or be empty, unless {@code replace}
     * @param replace whether an existing directory is replaced (once the new one is complete)
     * @param progress told of each image downloaded
     * @return what was written
     * @throws UserError when the server refuses, a task's image is refused or cannot be downloaded, or
     *     the directory cannot be written; nothing is written then
     */
    public PullResult pull(Path out, boolean replace, ProgressListener progress) {
        try (LabelStudioApi api = new LabelStudioApi(source.server(), token)) {
            // asked first, so a wrong token or project fails before anything is written
            JsonNode project = api.project(source.project());
            String title = project.path("title").asText("");
            long[] counts = new long[3];
            AtomicOutput.Content content = temporary -> {
                Files.createDirectories(temporary);
                Path export = temporary.resolve(PullResult.EXPORT_FILE);
                api.export(source.project(), export);
                counts[2] += Files.size(export);
                Tasks tasks = tasks(export);
                counts[0] = tasks.count();
                counts[1] = download(api, tasks.images(), temporary, progress, counts);
            };
            if (replace) {
                AtomicOutput.replace(out, content);
            } else {
                AtomicOutput.create(out, content);
            }
            return new PullResult(
                    source.url(), source.project(), title, counts[0], counts[1], counts[2], out.toString());
        }
    }

    private long download(
            LabelStudioApi api, List<TaskImage> images, Path directory, ProgressListener progress, long[] counts) {
        ImageLocations locations = new ImageLocations(
                source.server(), new HashSet<>(source.allowedHosts()), directory, PullResult.EXPORT_FILE);
        // resolved all at once first: a refused reference fails the pull before any download
        List<ImageSource> sources = new ArrayList<>();
        Map<String, TaskImage> byPath = new HashMap<>();
        for (TaskImage image : images) {
            ImageSource located = locations.locate(image.task(), image.reference());
            TaskImage before = byPath.putIfAbsent(located.path(), image);
            if (before == null) {
                sources.add(located);
            } else if (!before.reference().strip().equals(image.reference().strip())) {
                throw new UserError("task " + before.task() + " and task " + image.task() + " name different images ('"
                        + before.reference() + "', '" + image.reference() + "') stored as the same file '"
                        + located.path() + "', which the Label Studio reader finds by name; rename one of them");
            }
        }
        progress.begin("download images of Label Studio " + source, sources.size(), -1);
        try {
            long files = 0;
            for (ImageSource image : sources) {
                Path file = directory.resolve(image.path());
                Files.createDirectories(file.getParent());
                long bytes = api.download(image, file, byPath.get(image.path()).task());
                counts[2] += bytes;
                files++;
                progress.advance(1, bytes);
            }
            return files;
        } catch (IOException e) {
            throw new UserError("cannot write the images of " + source + ": " + e.getMessage(), e);
        } finally {
            progress.end();
        }
    }

    /** Each task's id and image reference, read from the export one task at a time. */
    private static Tasks tasks(Path export) throws IOException {
        List<TaskImage> images = new ArrayList<>();
        long count = 0;
        try (JsonParser parser = Json.mapper().createParser(export.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UserError(
                        "the Label Studio export is not an array of tasks; is the URL a Label Studio server?");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode task = TASK.readTree(parser);
                count++;
                long id = task.path("id").asLong(-1);
                Optional<String> reference = ImageReference.in(task.path("data"));
                reference.ifPresent(image -> images.add(new TaskImage(id, image)));
            }
        }
        return new Tasks(count, images);
    }

    /** The export's task count and the images its tasks name. */
    private record Tasks(long count, List<TaskImage> images) {}

    /** A task and the image it names. */
    private record TaskImage(long task, String reference) {}
}
