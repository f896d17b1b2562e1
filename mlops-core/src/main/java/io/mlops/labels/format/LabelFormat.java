package io.mlops.labels.format;

import io.mlops.error.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The label export formats the suite reads, and the two it writes. */
public enum LabelFormat {
    /** COCO object detection JSON ("instances"), https://cocodataset.org/#format-data. */
    COCO("coco", "COCO JSON instances file"),
    /** YOLO (Ultralytics / Darknet): one text file per image plus a class names file. */
    YOLO("yolo", "YOLO directory: labels/*.txt and data.yaml, classes.txt or obj.names"),
    /** Pascal VOC: one XML file per image. */
    VOC("voc", "Pascal VOC XML file or directory of them (Annotations/)"),
    /** Label Studio's JSON export: tasks with annotation results in percent of the image size. */
    LABEL_STUDIO("labelstudio", "Label Studio JSON export"),
    /** CVAT for images 1.1: one XML file. */
    CVAT("cvat", "CVAT for images 1.1 XML file"),
    /** SageMaker Ground Truth output manifest: JSON Lines from bounding-box and classification jobs. */
    SAGEMAKER("sagemaker", "SageMaker Ground Truth output manifest (JSON Lines)");

    private final String id;
    private final String description;

    LabelFormat(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /**
     * The name used on the command line, e.g. {@code coco}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * What the format's input looks like, for help texts.
     *
     * @return a description
     */
    public String description() {
        return description;
    }

    /**
     * A new reader of this format.
     *
     * @return the reader
     */
    public LabelReader reader() {
        return switch (this) {
            case COCO -> new CocoReader();
            case YOLO -> new YoloReader();
            case VOC -> new VocReader();
            case LABEL_STUDIO -> new LabelStudioReader();
            case CVAT -> new CvatReader();
            case SAGEMAKER -> new SageMakerReader();
        };
    }

    /**
     * A writer of this format, for the formats the suite writes.
     *
     * @param segments for YOLO: write outlines (the segmentation format) instead of boxes
     * @return the writer, or empty when the suite does not write this format
     */
    public Optional<LabelWriter> writer(boolean segments) {
        return switch (this) {
            case COCO -> Optional.of(new CocoWriter());
            case YOLO -> Optional.of(new YoloWriter(segments));
            default -> Optional.empty();
        };
    }

    /**
     * Finds a format by name; {@code label-studio} and {@code pascal-voc} are accepted too.
     *
     * @param name what the user typed
     * @return the format
     * @throws UserError when no format has that name
     */
    public static LabelFormat named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (LabelFormat format : values()) {
            if (format.id.equals(key)) {
                return format;
            }
        }
        return switch (key) {
            case "label-studio", "label_studio" -> LABEL_STUDIO;
            case "pascal-voc", "pascalvoc" -> VOC;
            default -> throw new UserError("unknown label format '" + name + "'; known: " + ids());
        };
    }

    /**
     * The names of all formats.
     *
     * @return e.g. {@code [coco, yolo, ...]}
     */
    public static List<String> ids() {
        return Arrays.stream(values()).map(LabelFormat::id).toList();
    }
}
