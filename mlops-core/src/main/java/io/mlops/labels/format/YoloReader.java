package io.mlops.labels.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.json.Yaml;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.Finding;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.Polygon;
import io.mlops.labels.Severity;
import io.mlops.labels.image.ImageHeader;
import io.mlops.labels.image.ImageSize;
import io.mlops.progress.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a YOLO dataset: one text file per image, each line {@code class cx cy w h} normalized to
 * the image size (https://docs.ultralytics.com/datasets/detect/#ultralytics-yolo-format), or
 * {@code class x1 y1 x2 y2 ...} for an outline (https://docs.ultralytics.com/datasets/segment/).
 *
 * <p>Two layouts are read. Ultralytics: {@code images/...} and {@code labels/...} mirror each
 * other and {@code data.yaml} (or {@code dataset.yaml}) lists the class {@code names}. Darknet
 * (and CVAT's "YOLO 1.1" export): each {@code .txt} lies beside its image and {@code
 * classes.txt} or {@code obj.names} holds one class name per line. YOLO stores no image sizes, so
 * each image's size is read from its file header; an empty label file is Ultralytics' way to mark
 * an image without objects, reported as a warning all the same.
 */
public final class YoloReader implements LabelReader {
    /** The image file extensions Ultralytics accepts (lower case). */
    static final Set<String> IMAGE_EXTENSIONS =
            Set.of("bmp", "dng", "jpeg", "jpg", "mpo", "png", "tif", "tiff", "webp", "pfm", "heic", "gif");

    private static final List<String> YAML_NAMES = List.of("data.yaml", "dataset.yaml");
    private static final List<String> TEXT_NAMES = List.of("classes.txt", "obj.names");
    private static final Set<String> METADATA =
            Set.of("classes.txt", "obj.names", "obj.data", "train.txt", "val.txt", "valid.txt", "test.txt");

    /** Creates a reader; it keeps no state between reads. */
    public YoloReader() {
        // each read keeps its state in objects of its own
    }

    @Override
    public Path defaultImages(Path labels) {
        Path images = labels.resolve("images");
        return Files.isDirectory(images) ? images : labels;
    }

    @Override
    public void read(Path dataset, Path images, LabelSink sink, ProgressListener progress) {
        if (!Files.isDirectory(dataset)) {
            throw new UserError("a YOLO dataset is a directory (with labels/ and data.yaml, or .txt files beside"
                    + " the images and classes.txt); " + dataset + " is not one");
        }
        if (!Files.isDirectory(images)) {
            throw new UserError("images directory of the YOLO dataset " + dataset + " not found: " + images);
        }
        classNames(dataset, sink);
        Path labelsDir = Files.isDirectory(dataset.resolve("labels")) ? dataset.resolve("labels") : dataset;
        List<Path> imageFiles = imageFiles(images);
        progress.begin("read " + dataset, imageFiles.size(), -1);
        Set<Path> used = new HashSet<>();
        long[] nextAnnotation = {1};
        try {
            for (int i = 0; i < imageFiles.size(); i++) {
                Path imageFile = imageFiles.get(i);
                String relative = slashes(images.relativize(imageFile));
                Path labelFile = labelFileOf(imageFile, labelsDir.resolve(stem(relative) + ".txt"));
                ImageSize size = sizeOf(imageFile);
                long imageId = i + 1L;
                sink.image(
                        new LabeledImage(
                                imageId, relative, size == null ? 0 : size.width(), size == null ? 0 : size.height()),
                        Location.of(labelFile.toString()));
                if (Files.isRegularFile(labelFile)) {
                    used.add(labelFile.toAbsolutePath().normalize());
                    readLabels(labelFile, imageId, relative, size, sink, nextAnnotation);
                }
                progress.advance(1, 0);
            }
        } finally {
            progress.end();
        }
        reportOrphans(dataset, labelsDir, used, sink);
        if (!imageFiles.isEmpty() && used.isEmpty()) {
            sink.finding(new Finding(
                    Severity.ERROR,
                    "no-labels",
                    Location.of(dataset.toString()),
                    "",
                    imageFiles.size() + " images were found under " + images + " but no label file for any of"
                            + " them (looked in " + labelsDir + " and, for images under an images/ directory,"
                            + " in the labels/ directory beside it, as Ultralytics does)"));
        }
    }

    /**
     * Where an image's labels are: Ultralytics' rule first (the last {@code images} directory of
     * the image's path swapped for {@code labels}, as in the split layout {@code train/images} +
     * {@code train/labels} that Ultralytics and Roboflow export), else the mirrored path under the
     * labels directory (or beside the image in the Darknet layout).
     */
    private static Path labelFileOf(Path imageFile, Path mirrored) {
        if (Files.isRegularFile(mirrored)) {
            return mirrored;
        }
        Path absolute = imageFile.toAbsolutePath().normalize();
        for (int i = absolute.getNameCount() - 2; i >= 0; i--) {
            if (absolute.getName(i).toString().equals("images")) {
                Path root = absolute.getRoot();
                Path swapped = root == null ? Path.of("") : root;
                for (int j = 0; j < absolute.getNameCount(); j++) {
                    String part = absolute.getName(j).toString();
                    swapped = swapped.resolve(j == i ? "labels" : part);
                }
                Path candidate =
                        swapped.resolveSibling(stem(swapped.getFileName().toString()) + ".txt");
                return Files.isRegularFile(candidate) ? candidate : mirrored;
            }
        }
        return mirrored;
    }

    private static void readLabels(
            Path labelFile, long imageId, String image, ImageSize size, LabelSink sink, long[] nextAnnotation) {
        String file = labelFile.toString();
        try (BufferedReader reader = Files.newBufferedReader(labelFile, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            boolean any = false;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                any = true;
                Location where = Location.line(file, number);
                if (size == null) {
                    sink.finding(new Finding(
                            Severity.ERROR,
                            "size-unknown",
                            where,
                            "image '" + image + "'",
                            "YOLO coordinates are fractions of the image size, and the size of this image cannot be"
                                    + " read from its file; its labels are skipped"));
                    return;
                }
                Annotation annotation = parseLine(text, where, nextAnnotation[0], imageId, size, sink);
                if (annotation != null) {
                    nextAnnotation[0]++;
                    sink.annotation(annotation, where);
                }
            }
            if (!any) {
                sink.finding(new Finding(
                        Severity.WARNING,
                        "empty-label-file",
                        Location.of(file),
                        "image '" + image + "'",
                        "the label file is empty: Ultralytics reads this as an image without objects"));
            }
        } catch (IOException e) {
            throw new UserError("cannot read label file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Annotation parseLine(
            String text, Location where, long id, long imageId, ImageSize size, LabelSink sink) {
        String[] tokens = text.split("\\s+");
        int coordinates = tokens.length - 1;
        boolean box = coordinates == 4;
        boolean outline = coordinates >= 6 && coordinates % 2 == 0;
        if (!box && !outline) {
            invalid(
                    sink,
                    where,
                    "a line holds a class and 4 box values, or a class and an outline of at least 3"
                            + " x y points; found " + tokens.length + " values");
            return null;
        }
        int category;
        double[] values = new double[coordinates];
        try {
            category = Integer.parseInt(tokens[0]);
            for (int i = 0; i < coordinates; i++) {
                values[i] = Double.parseDouble(tokens[i + 1]);
                if (!Double.isFinite(values[i])) {
                    throw new NumberFormatException("not finite: " + tokens[i + 1]);
                }
            }
        } catch (NumberFormatException e) {
            invalid(sink, where, "not a class index followed by numbers: '" + text + "'");
            return null;
        }
        int width = size.width();
        int height = size.height();
        if (box) {
            double w = values[2] * width;
            double h = values[3] * height;
            return Annotation.box(
                    id, imageId, category, new Box(values[0] * width - w / 2, values[1] * height - h / 2, w, h));
        }
        double[] xy = new double[coordinates];
        for (int i = 0; i < coordinates; i += 2) {
            xy[i] = values[i] * width;
            xy[i + 1] = values[i + 1] * height;
        }
        return Annotation.outline(id, imageId, category, new Polygon(xy));
    }

    private static void classNames(Path dataset, LabelSink sink) {
        for (String name : YAML_NAMES) {
            Path yaml = dataset.resolve(name);
            if (Files.isRegularFile(yaml)) {
                yamlNames(yaml, sink);
                return;
            }
        }
        for (String name : TEXT_NAMES) {
            Path text = dataset.resolve(name);
            if (Files.isRegularFile(text)) {
                textNames(text, sink);
                return;
            }
        }
        throw new UserError("no class names in the YOLO dataset " + dataset + ": expected one of "
                + Stream.concat(YAML_NAMES.stream(), TEXT_NAMES.stream()).toList());
    }

    /** Ultralytics' data.yaml: {@code names} as a list, or as a map from class index to name. */
    private static void yamlNames(Path yaml, LabelSink sink) {
        JsonNode root;
        try {
            root = Yaml.mapper().readTree(yaml.toFile());
        } catch (JacksonException e) {
            throw new UserError(
                    JsonInput.at(yaml.toString(), e.getLocation()) + ": malformed YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read " + yaml + ": " + e.getMessage(), e);
        }
        JsonNode names = root == null ? null : root.get("names");
        Location where = Location.of(yaml.toString());
        if (names == null || !(names.isArray() || names.isObject())) {
            throw new UserError(where + ": 'names' must list the class names (a list, or a map from index to name)");
        }
        Map<Integer, String> byIndex = new TreeMap<>();
        if (names.isArray()) {
            for (int i = 0; i < names.size(); i++) {
                byIndex.put(i, names.get(i).asText());
            }
        } else {
            for (Map.Entry<String, JsonNode> entry : names.properties()) {
                try {
                    byIndex.put(
                            Integer.parseInt(entry.getKey().strip()),
                            entry.getValue().asText());
                } catch (NumberFormatException e) {
                    throw new UserError(
                            where + ": class index '" + entry.getKey() + "' in 'names' is not an integer", e);
                }
            }
        }
        JsonNode count = root.get("nc");
        if (count != null && count.canConvertToInt() && count.asInt() != byIndex.size()) {
            sink.finding(new Finding(
                    Severity.WARNING,
                    "invalid-value",
                    where,
                    "",
                    "'nc' says " + count.asInt() + " classes but 'names' lists " + byIndex.size()));
        }
        byIndex.forEach((index, name) -> sink.category(Category.of(index, name), where));
    }

    private static void textNames(Path text, LabelSink sink) {
        try {
            List<String> lines = Files.readAllLines(text, StandardCharsets.UTF_8);
            int last = lines.size();
            while (last > 0 && lines.get(last - 1).isBlank()) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                sink.category(Category.of(i, lines.get(i).strip()), Location.line(text.toString(), i + 1L));
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + text + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> imageFiles(Path images) {
        try (Stream<Path> files = Files.walk(images)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> IMAGE_EXTENSIONS.contains(
                            extension(file.getFileName().toString())))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UserError("cannot list images under " + images + ": " + e.getMessage(), e);
        }
    }

    private static void reportOrphans(Path dataset, Path labelsDir, Set<Path> used, LabelSink sink) {
        try (Stream<Path> files = Files.walk(labelsDir)) {
            files.filter(file -> file.getFileName().toString().endsWith(".txt"))
                    .filter(Files::isRegularFile)
                    .filter(file -> !used.contains(file.toAbsolutePath().normalize()))
                    .filter(file -> !(file.getParent().equals(dataset)
                            && METADATA.contains(file.getFileName().toString())))
                    .sorted()
                    .forEach(file -> sink.finding(new Finding(
                            Severity.WARNING,
                            "label-without-image",
                            Location.of(file.toString()),
                            "",
                            "no image with this name was found, so these labels are never used in training")));
        } catch (IOException e) {
            throw new UserError("cannot list labels under " + labelsDir + ": " + e.getMessage(), e);
        }
    }

    private static ImageSize sizeOf(Path image) {
        try {
            Optional<ImageSize> size = ImageHeader.read(image);
            return size.orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void invalid(LabelSink sink, Location where, String message) {
        sink.finding(new Finding(Severity.ERROR, "invalid-value", where, "", message));
    }

    static String stem(String relative) {
        int slash = relative.lastIndexOf('/');
        int dot = relative.lastIndexOf('.');
        return dot > slash + 1 ? relative.substring(0, dot) : relative;
    }

    static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
