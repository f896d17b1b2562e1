package io.mlops.labels.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.Finding;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.Polygon;
import io.mlops.labels.Severity;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a COCO object-detection file ("instances"), as defined at
 * https://cocodataset.org/#format-data: {@code images}, {@code annotations} with {@code bbox} as
 * [x, y, width, height] in pixels and {@code segmentation} as polygons or RLE, and {@code
 * categories}.
 *
 * <p>The file is streamed with Jackson's parser and never held in memory: a 1 GB file is read in
 * the memory of its images and categories. COCO files from the official tools list annotations
 * before categories, which the sink contract allows; a file that lists annotations before images
 * is read twice, the second time for its annotations only, so that every image still comes before
 * the annotations on it.
 */
public final class CocoReader implements LabelReader {
    private static final int PROGRESS_EVERY = 4096;
    private static final long NONE = Long.MIN_VALUE;
    private static final long UNSTATED = Long.MIN_VALUE + 1;

    /** Creates a reader; it keeps no state between reads. */
    public CocoReader() {
        // each read keeps its state in objects of its own
    }

    @Override
    public void read(Path labels, Path images, LabelSink sink, ProgressListener progress) {
        String file = labels.toString();
        if (BlankFile.test(labels)) {
            sink.finding(
                    new Finding(Severity.ERROR, "empty-label-file", Location.of(file), "", "the COCO file is empty"));
            return;
        }
        Pass first = new Pass(file, sink, progress, false);
        progress.begin("read " + file, 1, sizeOf(labels));
        try {
            first.run(labels);
        } finally {
            progress.end();
        }
        long masks = first.masks;
        if (first.deferredAnnotations) {
            Pass second = new Pass(file, sink, progress, true);
            progress.begin("read annotations of " + file + " (listed before its images)", 1, sizeOf(labels));
            try {
                second.run(labels);
            } finally {
                progress.end();
            }
            masks = second.masks;
        }
        if (masks > 0) {
            sink.finding(new Finding(
                    Severity.INFO,
                    "mask-not-kept",
                    Location.of(file),
                    "",
                    masks + (masks == 1 ? " annotation carries an RLE mask" : " annotations carry RLE masks")
                            + " (crowd regions): their boxes are read, the masks are not, so a conversion does not"
                            + " carry them"));
        }
    }

    private static long sizeOf(Path labels) {
        try {
            return Files.size(labels);
        } catch (IOException e) {
            throw new UserError("cannot read label file " + labels + ": " + e.getMessage(), e);
        }
    }

    /** One read of the file; the state a streaming parse needs between fields. */
    private static final class Pass {
        private final String file;
        private final LabelSink sink;
        private final ProgressListener progress;
        private final boolean annotationsOnly;
        private JsonParser parser;
        private boolean imagesRead;
        private boolean deferredAnnotations;
        private long masks;
        private long reportedBytes;
        private int sinceProgress;
        private final double[] bboxBuffer = new double[4];

        Pass(String file, LabelSink sink, ProgressListener progress, boolean annotationsOnly) {
            this.file = file;
            this.sink = sink;
            this.progress = progress;
            this.annotationsOnly = annotationsOnly;
        }

        void run(Path labels) {
            try (JsonParser opened = JsonInput.open(labels)) {
                parser = opened;
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    throw new UserError(here() + ": a COCO file is one JSON object with images, annotations and"
                            + " categories; it starts with " + describe(first));
                }
                boolean sawImages = false;
                boolean sawAnnotations = false;
                boolean sawCategories = false;
                String field;
                while ((field = parser.nextFieldName()) != null) {
                    JsonToken value = parser.nextToken();
                    switch (field) {
                        case "images" -> {
                            sawImages = true;
                            if (annotationsOnly) {
                                parser.skipChildren();
                            } else {
                                array(value, field, this::image);
                                imagesRead = true;
                            }
                        }
                        case "annotations" -> {
                            sawAnnotations = true;
                            if (annotationsOnly || imagesRead) {
                                array(value, field, this::annotation);
                            } else {
                                parser.skipChildren();
                                deferredAnnotations = true;
                            }
                        }
                        case "categories" -> {
                            sawCategories = true;
                            if (annotationsOnly) {
                                parser.skipChildren();
                            } else {
                                array(value, field, this::category);
                            }
                        }
                        default -> parser.skipChildren();
                    }
                }
                JsonToken trailing = parser.nextToken();
                if (trailing != null) {
                    throw new UserError(
                            here() + ": malformed JSON: " + describe(trailing) + " after the end of the COCO object");
                }
                if (!annotationsOnly) {
                    missing(sawImages, "images", Severity.ERROR);
                    missing(sawCategories, "categories", Severity.ERROR);
                    missing(sawAnnotations, "annotations", Severity.WARNING);
                }
                tick(true);
            } catch (JsonProcessingException e) {
                throw JsonInput.malformed(file, e);
            } catch (IOException e) {
                throw JsonInput.unreadable(file, e);
            }
        }

        private void missing(boolean present, String field, Severity severity) {
            if (!present) {
                sink.finding(new Finding(
                        severity,
                        "missing-field",
                        Location.of(file),
                        "",
                        "the COCO file has no '" + field + "' array"));
            }
        }

        private void array(JsonToken value, String field, Element element) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                invalid(here(), "", "'" + field + "' must be an array, found " + describe(value));
                parser.skipChildren();
                return;
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    invalid(here(), "", "each element of '" + field + "' must be an object, found " + describe(token));
                    parser.skipChildren();
                    continue;
                }
                element.read(here());
                tick(false);
            }
        }

        private void image(Location where) throws IOException {
            long id = NONE;
            String fileName = null;
            long width = 0;
            long height = 0;
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = integer(value, where, "image", "id");
                    case "file_name" -> fileName = string(value, where, "image", "file_name");
                    // Label Studio's COCO export writes null for images nobody annotated
                    case "width" ->
                        width = value == JsonToken.VALUE_NULL ? UNSTATED : integer(value, where, "image", "width");
                    case "height" ->
                        height = value == JsonToken.VALUE_NULL ? UNSTATED : integer(value, where, "image", "height");
                    default -> parser.skipChildren();
                }
            }
            if (id == NONE) {
                invalid(where, "image", "has no integer 'id'; it cannot be referenced and is skipped");
                return;
            }
            String subject = "image " + id;
            if (fileName == null) {
                invalid(where, subject, "has no 'file_name'");
                fileName = "";
            }
            if (width == UNSTATED || height == UNSTATED) {
                // unknown, read from the image file when one is found, as for Label Studio's JSON export
                width = 0;
                height = 0;
            } else if (width == NONE
                    || height == NONE
                    || width <= 0
                    || height <= 0
                    || width > Integer.MAX_VALUE
                    || height > Integer.MAX_VALUE) {
                sink.finding(new Finding(
                        Severity.WARNING,
                        "invalid-value",
                        where,
                        subject,
                        "has no positive integer 'width' and 'height'; its boxes cannot be checked against them"));
                width = 0;
                height = 0;
            }
            // Label Studio's COCO export names its upload URL (/data/upload/3/5f1e2a-cat.jpg)
            sink.image(new LabeledImage(id, ImageReference.fileName(fileName), (int) width, (int) height), where);
        }

        private void annotation(Location where) throws IOException {
            long id = NONE;
            long imageId = NONE;
            long categoryId = NONE;
            double[] bbox = null;
            boolean badBox = false;
            List<Polygon> polygons = List.of();
            double area = Double.NaN;
            long crowd = 0;
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = integer(value, where, "annotation", "id");
                    case "image_id" -> imageId = integer(value, where, "annotation", "image_id");
                    case "category_id" -> categoryId = integer(value, where, "annotation", "category_id");
                    case "bbox" -> {
                        bbox = box(value);
                        badBox = bbox == null;
                    }
                    case "segmentation" -> polygons = segmentation(value, where);
                    case "area" -> area = finite(value, where, "area");
                    case "iscrowd" -> crowd = integer(value, where, "annotation", "iscrowd");
                    default -> parser.skipChildren();
                }
            }
            String subject = id == NONE ? "annotation" : "annotation " + id;
            if (id == NONE || imageId == NONE || categoryId == NONE) {
                invalid(where, subject, "needs integer 'id', 'image_id' and 'category_id'; it is skipped");
                return;
            }
            if (categoryId < Integer.MIN_VALUE || categoryId > Integer.MAX_VALUE) {
                invalid(where, subject, "category_id " + categoryId + " is out of range; it is skipped");
                return;
            }
            Box box;
            if (badBox) {
                invalid(where, subject, "'bbox' must be [x, y, width, height], four finite numbers; it is skipped");
                return;
            } else if (bbox != null) {
                box = new Box(bbox[0], bbox[1], bbox[2], bbox[3]);
            } else if (!polygons.isEmpty()) {
                box = bounds(polygons);
            } else {
                invalid(where, subject, "has neither 'bbox' nor a polygon 'segmentation'; it is skipped");
                return;
            }
            if (crowd == NONE) {
                invalid(where, subject, "'iscrowd' must be 0 or 1; it is skipped");
                return;
            }
            // COCO's stated area counts (COCOeval sorts objects into sizes by it); else the shape's
            double stated = Double.isNaN(area) ? Annotation.areaOf(box, polygons) : area;
            sink.annotation(new Annotation(id, imageId, (int) categoryId, box, polygons, stated, crowd != 0), where);
        }

        private void category(Location where) throws IOException {
            long id = NONE;
            String name = null;
            String supercategory = "";
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = integer(value, where, "category", "id");
                    case "name" -> name = string(value, where, "category", "name");
                    case "supercategory" -> {
                        String text = string(value, where, "category", "supercategory");
                        supercategory = text == null ? "" : text;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (id == NONE || id < Integer.MIN_VALUE || id > Integer.MAX_VALUE || name == null) {
                invalid(
                        where,
                        id == NONE ? "category" : "category " + id,
                        "needs an integer 'id' and a 'name'; it" + " is skipped");
                return;
            }
            sink.category(new Category((int) id, name, supercategory), where);
        }

        /** COCO segmentation: a list of polygons, or an RLE object for crowd regions. */
        private List<Polygon> segmentation(JsonToken value, Location where) throws IOException {
            if (value == JsonToken.START_OBJECT) {
                masks++;
                parser.skipChildren();
                return List.of();
            }
            if (value != JsonToken.START_ARRAY) {
                invalid(where, "", "'segmentation' must be a list of polygons or an RLE object");
                parser.skipChildren();
                return List.of();
            }
            List<Polygon> polygons = new ArrayList<>(1);
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                double[] xy = numbers(token);
                if (xy == null || xy.length < 6 || xy.length % 2 != 0) {
                    invalid(
                            where,
                            "",
                            "a segmentation polygon needs an even count of at least 6 numbers, found "
                                    + (xy == null ? describe(token) : xy.length + " numbers")
                                    + "; the polygon is skipped");
                } else {
                    polygons.add(new Polygon(xy));
                }
            }
            return polygons;
        }

        /** A bbox read into a buffer reused for every annotation, or null when it is not four finite numbers. */
        private double[] box(JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return null;
            }
            int count = 0;
            boolean valid = true;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) && count < 4) {
                    double number = parser.getDoubleValue();
                    valid &= Double.isFinite(number);
                    bboxBuffer[count] = number;
                } else {
                    valid = false;
                    parser.skipChildren();
                }
                count++;
            }
            return valid && count == 4 ? bboxBuffer : null;
        }

        /** An array of finite numbers, or null (with the rest of the value skipped) when it is not one. */
        private double[] numbers(JsonToken value) throws IOException {
            if (value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return null;
            }
            double[] values = new double[8];
            int count = 0;
            boolean valid = true;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    double number = parser.getDoubleValue();
                    valid &= Double.isFinite(number);
                    if (count == values.length) {
                        values = Arrays.copyOf(values, count * 2);
                    }
                    values[count++] = number;
                } else {
                    valid = false;
                    parser.skipChildren();
                }
            }
            return valid ? Arrays.copyOf(values, count) : null;
        }

        private long integer(JsonToken value, Location where, String subject, String field) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return parser.getLongValue();
            }
            if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                double number = parser.getDoubleValue();
                if (number == Math.rint(number) && Math.abs(number) < 9e15) {
                    return (long) number;
                }
            }
            invalid(where, subject, "'" + field + "' must be an integer, found " + describe(value));
            parser.skipChildren();
            return NONE;
        }

        /** A finite number, or NaN (reported) when the value is something else. */
        private double finite(JsonToken value, Location where, String field) throws IOException {
            if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                double number = parser.getDoubleValue();
                if (Double.isFinite(number)) {
                    return number;
                }
            }
            invalid(
                    where,
                    "annotation",
                    "'" + field + "' must be a finite number, found " + describe(value)
                            + "; the area of its shape is used");
            parser.skipChildren();
            return Double.NaN;
        }

        private String string(JsonToken value, Location where, String subject, String field) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            invalid(where, subject, "'" + field + "' must be a string, found " + describe(value));
            parser.skipChildren();
            return null;
        }

        private void invalid(Location where, String subject, String message) {
            sink.finding(new Finding(Severity.ERROR, "invalid-value", where, subject, message));
        }

        private Location here() {
            return JsonInput.at(file, parser);
        }

        private void tick(boolean last) {
            if (last || ++sinceProgress == PROGRESS_EVERY) {
                sinceProgress = 0;
                long offset = parser.currentLocation().getByteOffset();
                if (offset > reportedBytes) {
                    progress.advance(last ? 1 : 0, offset - reportedBytes);
                    reportedBytes = offset;
                } else if (last) {
                    progress.advance(1, 0);
                }
            }
        }

        private String describe(JsonToken token) {
            if (token == null) {
                return "nothing (end of file)";
            }
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
            };
        }
    }

    private static Box bounds(List<Polygon> polygons) {
        Box box = polygons.getFirst().bounds();
        double left = box.x();
        double top = box.y();
        double right = box.right();
        double bottom = box.bottom();
        for (Polygon polygon : polygons.subList(1, polygons.size())) {
            Box more = polygon.bounds();
            left = Math.min(left, more.x());
            top = Math.min(top, more.y());
            right = Math.max(right, more.right());
            bottom = Math.max(bottom, more.bottom());
        }
        return Box.ofCorners(left, top, right, bottom);
    }

    /** Reads one element of a top-level array, the parser standing on its START_OBJECT. */
    @FunctionalInterface
    private interface Element {
        void read(Location where) throws IOException;
    }
}
