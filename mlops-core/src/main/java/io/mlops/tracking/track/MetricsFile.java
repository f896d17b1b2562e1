package io.mlops.tracking.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;
import io.mlops.tracking.Metric;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The plain way to log metrics from any language: each line appended to the file named by
 * {@code MLOPS_METRICS_FILE} is a JSON object of metric values, with an optional {@code step}
 * and {@code timestamp} (milliseconds), e.g. {@code {"step": 3, "loss": 0.25, "accuracy": 0.91}}.
 * Lines are read as they are completed; a line still being written waits for its newline.
 */
public final class MetricsFile {
    /** The environment variable that names the file for the tracked command. */
    public static final String ENV = "MLOPS_METRICS_FILE";

    // the suite's rules read the bare NaN and Infinity that Python's json.dumps writes
    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    private final LongSupplier clock;
    private final Consumer<String> warnings;
    private long offset;
    private long lineNumber;

    /**
     * Reads a file from its start.
     *
     * @param file the file the command appends to
     * @param clock the time for lines without a timestamp, in milliseconds
     * @param warnings told about lines that are not metric objects, which are skipped
     */
    public MetricsFile(Path file, LongSupplier clock, Consumer<String> warnings) {
        this.file = file;
        this.clock = clock;
        this.warnings = warnings;
    }

    /**
     * Reads the lines completed since the last call.
     *
     * @return their metric points, in file order
     * @throws IOException when the file cannot be read
     */
    public synchronized List<Metric> readNew() throws IOException {
        return read(false);
    }

    /**
     * Reads what is left once the command has ended, including a last line without a newline.
     *
     * @return the metric points of the remaining lines
     * @throws IOException when the file cannot be read
     */
    public synchronized List<Metric> readRest() throws IOException {
        return read(true);
    }

    private List<Metric> read(boolean toTheEnd) throws IOException {
        List<Metric> metrics = new ArrayList<>();
        if (!file.toFile().isFile()) {
            return metrics;
        }
        byte[] bytes;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return metrics;
            }
            bytes = new byte[(int) Math.min(length - offset, Integer.MAX_VALUE - 8)];
            in.seek(offset);
            in.readFully(bytes);
        }
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lineNumber++;
                parse(new String(bytes, start, i - start, StandardCharsets.UTF_8), metrics);
                start = i + 1;
            }
        }
        if (toTheEnd && start < bytes.length) {
            lineNumber++;
            parse(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), metrics);
            start = bytes.length;
        }
        offset += start;
        return metrics;
    }

    private void parse(String line, List<Metric> metrics) {
        if (line.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            warn("is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (node == null || !node.isObject()) {
            warn("is not a JSON object");
            return;
        }
        long step = node.path("step").canConvertToLong() ? node.path("step").longValue() : 0;
        long timestamp = node.path("timestamp").canConvertToLong()
                ? node.path("timestamp").longValue()
                : clock.getAsLong();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("step") || key.equals("timestamp")) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isNumber()) {
                metrics.add(new Metric(key, value.doubleValue(), timestamp, step));
            } else {
                warn("has a value for '" + key + "' that is not a number: " + value);
            }
        }
    }

    private void warn(String problem) {
        warnings.accept(ENV + " line " + lineNumber + " " + problem + "; skipped");
    }
}
