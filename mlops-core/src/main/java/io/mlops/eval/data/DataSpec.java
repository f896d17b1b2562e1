package io.mlops.eval.data;

import io.mlops.error.UserError;
import io.mlops.eval.Task;
import io.mlops.image.Preprocessing;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where evaluation data is and in which format: {@code [FORMAT:]PATH[?key=value&...]}.
 *
 * <ul>
 *   <li>{@code imagefolder:DIR} (a directory): one folder per class;
 *   <li>{@code coco:INSTANCES.json?images=DIR} (a .json file): COCO detection set, images default to
 *       the JSON file's folder, or its {@code images/} subfolder when there is one;
 *   <li>{@code csv:FILE.csv?target=COLUMN}: feature columns and a target column (default: last);
 *   <li>{@code npz:FILE.npz?x=NAME&y=NAME}: arrays {@code x} and {@code y} by default;
 *   <li>{@code npy:X.npy?y=Y.npy}: features and targets in two files.
 * </ul>
 *
 * @param format the format
 * @param path the file or directory
 * @param options the query options
 */
public record DataSpec(String format, Path path, Map<String, String> options) {
    private static final List<String> FORMATS = List.of("imagefolder", "coco", "csv", "npz", "npy");

    /** Validates the format. */
    public DataSpec {
        if (!FORMATS.contains(format)) {
            throw new UserError("unknown data format '" + format + "': use one of " + FORMATS);
        }
        options = Map.copyOf(options);
    }

    /**
     * Parses a spec, inferring the format from the path when not given.
     *
     * @param text e.g. {@code data/val}, {@code coco:ann.json?images=imgs}, {@code table.csv?target=y}
     * @return the spec
     * @throws UserError when the format cannot be told
     */
    public static DataSpec parse(String text) {
        String rest = text.strip();
        String format = null;
        int colon = rest.indexOf(':');
        if (colon > 0 && FORMATS.contains(rest.substring(0, colon).toLowerCase(Locale.ROOT))) {
            format = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 1);
        }
        Map<String, String> options = new LinkedHashMap<>();
        int query = rest.indexOf('?');
        if (query >= 0) {
            for (String pair : rest.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new UserError("data option '" + pair + "' in '" + text + "' must be key=value");
                }
                options.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            rest = rest.substring(0, query);
        }
        Path path = Path.of(rest);
        if (format == null) {
            String name = path.getFileName() == null
                    ? ""
                    : path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isDirectory(path)) {
                format = "imagefolder";
            } else if (name.endsWith(".json")) {
                format = "coco";
            } else if (name.endsWith(".csv")) {
                format = "csv";
            } else if (name.endsWith(".npz")) {
                format = "npz";
            } else if (name.endsWith(".npy")) {
                format = "npy";
            } else {
                throw new UserError("cannot tell the format of data '" + text + "': prefix it with one of "
                        + FORMATS.stream().map(f -> f + ":").toList()
                        + (Files.exists(path) ? "" : " (and it does not exist)"));
            }
        }
        return new DataSpec(format, path, options);
    }

    /**
     * Opens the set.
     *
     * @param task the task, which says how to read targets
     * @param preprocessing the preprocessing (table columns, class names)
     * @return the set
     * @throws UserError when the data is missing or malformed
     */
    public EvalSet open(Task task, Preprocessing preprocessing) {
        return switch (format) {
            case "imagefolder" -> new ImageFolderSet(path);
            case "coco" -> new CocoSet(path, images());
            case "csv" -> new CsvSet(path, options.get("target"), preprocessing, task);
            case "npz" -> {
                Map<String, NdArray> arrays = Npy.readArchive(existing(path));
                yield new ArraySet(
                        array(arrays, options.getOrDefault("x", "x")),
                        array(arrays, options.getOrDefault("y", "y")),
                        task,
                        path.toString());
            }
            case "npy" -> {
                String y = options.get("y");
                if (y == null) {
                    throw new UserError("npy data needs the targets file: npy:" + path + "?y=TARGETS.npy");
                }
                Path targets = path.resolveSibling(y);
                yield new ArraySet(Npy.read(existing(path)), Npy.read(existing(targets)), task, path + ", " + targets);
            }
            default -> throw new IllegalStateException(format);
        };
    }

    private NdArray array(Map<String, NdArray> arrays, String name) {
        NdArray array = arrays.get(name);
        if (array == null) {
            throw new UserError(path + " has no array '" + name + "' (it has " + arrays.keySet()
                    + "); name them with ?x=...&y=...");
        }
        return array;
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no such data file: " + file);
        }
        return file;
    }

    private Path images() {
        String images = options.get("images");
        if (images != null) {
            return path.resolveSibling(images);
        }
        Path parent = path.toAbsolutePath().getParent();
        return Files.isDirectory(parent.resolve("images")) ? parent.resolve("images") : parent;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(format).append(':').append(path);
        String separator = "?";
        for (var option : options.entrySet()) {
            text.append(separator).append(option.getKey()).append('=').append(option.getValue());
            separator = "&";
        }
        return text.toString();
    }
}
