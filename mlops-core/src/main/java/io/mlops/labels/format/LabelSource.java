package io.mlops.labels.format;

import io.mlops.error.UserError;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Labels to read: a format, the label file or directory, and where their images are.
 *
 * @param format the export format
 * @param path the label file or directory
 * @param images the directory image paths in the labels are relative to, or null for the
 *     format's default (the label file's directory; {@code images/} of a YOLO dataset; {@code
 *     JPEGImages/} of a VOC one)
 */
public record LabelSource(LabelFormat format, Path path, Path images) {
    /** Validates the source. */
    public LabelSource {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Parses {@code FORMAT:PATH} as typed on the command line.
     *
     * @param spec e.g. {@code coco:data/annotations.json}
     * @param images the images directory, or null for the default
     * @return the source
     * @throws UserError when the text has no format prefix or names an unknown format
     */
    public static LabelSource parse(String spec, Path images) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new UserError(
                    "labels must be given as FORMAT:PATH (formats: " + LabelFormat.ids() + "), got '" + spec + "'");
        }
        return new LabelSource(LabelFormat.named(spec.substring(0, colon)), Path.of(spec.substring(colon + 1)), images);
    }

    /**
     * Whether text looks like {@code FORMAT:PATH} rather than a snapshot id or name (which cannot
     * hold a colon).
     *
     * @param text what the user typed
     * @return true when it starts with a known format and a colon
     */
    public static boolean looksLikeSource(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            LabelFormat.named(text.substring(0, colon));
            return true;
        } catch (UserError e) {
            return false;
        }
    }

    /**
     * The images directory, the default one when none was given.
     *
     * @return the directory image paths are relative to
     */
    public Path imagesRoot() {
        return images != null ? images : format.reader().defaultImages(path);
    }

    @Override
    public String toString() {
        return format.id() + ":" + path;
    }
}
