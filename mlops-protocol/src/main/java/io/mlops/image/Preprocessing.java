package io.mlops.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.json.Yaml;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How data becomes model input, declared in a small JSON or YAML file that is stored with the
 * model version. Image steps run in this order: letterbox, or resize then center crop; channel
 * order; scale; mean/std; layout. Detection and table settings say how to read outputs and columns.
 *
 * @param resize {@code [height, width]}, or {@code [shorter side]} keeping the aspect ratio
 * @param crop {@code [height, width]} cut from the center after resizing
 * @param letterbox {@code [height, width]}: resize keeping the aspect ratio, pad the rest (detectors)
 * @param padValue the letterbox padding's gray level, 0-255 (default 114, as YOLO)
 * @param scale multiplies pixel values 0-255 (default 1/255)
 * @param mean per-channel mean subtracted after scaling
 * @param std per-channel standard deviation divided by after the mean
 * @param channels {@code RGB} (default) or {@code BGR}
 * @param layout {@code NCHW} (default) or {@code NHWC}
 * @param categoryIds detection: the COCO category id of each class index the model outputs
 *     (default: the set's categories sorted by id)
 * @param boxFormat detection: {@code xyxy} (default), {@code xywh} or {@code cxcywh}
 * @param normalizedBoxes detection: boxes are fractions of the input size, not pixels
 * @param scoreThreshold detection: detections at or below this score are dropped (default 0)
 * @param target tables: the target column (default: the last column)
 * @param features tables: the feature columns (default: all but the target)
 * @param classes classification: class names in model output order, for string targets
 */
public record Preprocessing(
        List<Integer> resize,
        List<Integer> crop,
        List<Integer> letterbox,
        @JsonProperty("pad_value") Integer padValue,
        Double scale,
        List<Double> mean,
        List<Double> std,
        String channels,
        String layout,
        @JsonProperty("category_ids") List<Integer> categoryIds,
        @JsonProperty("box_format") String boxFormat,
        @JsonProperty("normalized_boxes") Boolean normalizedBoxes,
        @JsonProperty("score_threshold") Double scoreThreshold,
        String target,
        List<String> features,
        List<String> classes)
        implements Serializable {
    /** No preprocessing file: defaults everywhere. */
    public static final Preprocessing DEFAULTS = new Preprocessing(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Fills defaults and validates. */
    public Preprocessing {
        resize = size("resize", resize, true);
        crop = size("crop", crop, false);
        letterbox = size("letterbox", letterbox, false);
        if (letterbox != null && (resize != null || crop != null)) {
            throw new UserError("preprocessing: letterbox replaces resize and crop; give one or the other");
        }
        padValue = padValue == null ? 114 : padValue;
        if (padValue < 0 || padValue > 255) {
            throw new UserError("preprocessing: pad_value must be 0-255, got " + padValue);
        }
        scale = scale == null ? 1.0 / 255 : scale;
        mean = mean == null ? null : List.copyOf(mean);
        std = std == null ? null : List.copyOf(std);
        if ((mean == null) != (std == null) || (mean != null && (mean.size() != 3 || std.size() != 3))) {
            throw new UserError("preprocessing: mean and std come together, three values each (one per channel)");
        }
        if (std != null && std.stream().anyMatch(s -> s == 0)) {
            throw new UserError("preprocessing: std must not be 0");
        }
        channels = oneOf("channels", channels, "RGB", "RGB", "BGR");
        layout = oneOf("layout", layout, "NCHW", "NCHW", "NHWC");
        boxFormat = oneOf("box_format", boxFormat, "xyxy", "xyxy", "xywh", "cxcywh");
        normalizedBoxes = normalizedBoxes != null && normalizedBoxes;
        scoreThreshold = scoreThreshold == null ? 0.0 : scoreThreshold;
        categoryIds = categoryIds == null ? null : List.copyOf(categoryIds);
        features = features == null ? null : List.copyOf(features);
        classes = classes == null ? null : List.copyOf(classes);
    }

    private static List<Integer> size(String name, List<Integer> value, boolean oneAllowed) {
        if (value == null) {
            return null;
        }
        if (!(value.size() == 2 || (oneAllowed && value.size() == 1))
                || value.stream().anyMatch(v -> v == null || v < 1)) {
            throw new UserError("preprocessing: " + name + " must be [height, width]"
                    + (oneAllowed ? " or [shorter side]" : "") + " in positive pixels, got " + value);
        }
        return List.copyOf(value);
    }

    private static String oneOf(String name, String value, String fallback, String... allowed) {
        if (value == null) {
            return fallback;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new UserError("preprocessing: " + name + " must be one of " + List.of(allowed) + ", got '" + value + "'");
    }

    /**
     * Reads a preprocessing file (.json, .yaml or .yml).
     *
     * @param file the file
     * @return the preprocessing
     * @throws UserError naming the file and the problem (unknown keys included: they are typos)
     */
    public static Preprocessing read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? StrictFile.YAML : StrictFile.JSON;
        try {
            Preprocessing p = mapper.readValue(file.toFile(), Preprocessing.class);
            return p == null ? DEFAULTS : p;
        } catch (UnrecognizedPropertyException e) {
            throw new UserError(
                    "preprocessing file " + file + ": unknown key '" + e.getPropertyName() + "' (known: "
                            + e.getKnownPropertyIds() + ")",
                    e);
        } catch (UserError e) {
            throw new UserError("preprocessing file " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UserError userError) {
                throw new UserError("preprocessing file " + file + ": " + userError.getMessage(), e);
            }
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage()
                    : e.getMessage();
            throw new UserError("cannot read preprocessing file " + file + ": " + message, e);
        }
    }

    /**
     * The suite's mappers with one rule more: an unknown key in a preprocessing file is a typo (a
     * misspelt {@code mean} would silently evaluate without normalisation), so it is refused.
     */
    private static final class StrictFile {
        static final ObjectMapper JSON = Json.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        static final ObjectMapper YAML = Yaml.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();

        private StrictFile() {}
    }
}
