package io.mlops.labels.card;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a labeled dataset holds, in numbers: the card recorded with a snapshot and compared
 * between snapshots to find label drift.
 *
 * <p>Deterministic: the same labels give the same card, so its JSON can be content-addressed.
 *
 * @param schema the card format version, {@value #SCHEMA}
 * @param images the images in the labels
 * @param annotatedImages the images with at least one object or image-level label
 * @param objects the object annotations (each has a box)
 * @param outlines the object annotations that also have a polygon outline
 * @param imageLabels the image-level labels
 * @param sizes the distribution of image sizes
 * @param classes the statistics of each category, by id
 * @param boxesPerImage the distribution of objects per image
 * @param areas the objects by COCO's area ranges
 * @param coOccurrence the class pairs found on the same image, most frequent first
 * @param coOccurrenceTruncated whether less frequent pairs were left out
 */
public record DatasetCard(
        int schema,
        long images,
        long annotatedImages,
        long objects,
        long outlines,
        long imageLabels,
        SizeDistribution sizes,
        List<ClassStats> classes,
        BoxesPerImage boxesPerImage,
        AreaCounts areas,
        List<ClassPair> coOccurrence,
        boolean coOccurrenceTruncated)
        implements Serializable {
    /** The current card format. */
    public static final int SCHEMA = 1;

    /** Validates the card and copies its lists. */
    public DatasetCard {
        if (schema != SCHEMA) {
            throw new IllegalArgumentException(
                    "unsupported dataset card schema " + schema + "; this version reads " + SCHEMA);
        }
        if (images < 0
                || annotatedImages < 0
                || annotatedImages > images
                || objects < 0
                || outlines < 0
                || outlines > objects
                || imageLabels < 0) {
            throw new IllegalArgumentException("inconsistent dataset card counts");
        }
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(boxesPerImage, "boxesPerImage");
        Objects.requireNonNull(areas, "areas");
        classes = List.copyOf(classes);
        coOccurrence = List.copyOf(coOccurrence);
    }

    /**
     * How many labels each class name has: objects plus image-level labels, merged by name
     * (categories that share a name are one class to a model).
     *
     * @return class name to count, in category id order
     */
    public Map<String, Long> countsByName() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ClassStats stats : classes) {
            counts.merge(stats.name(), stats.objects() + stats.imageLabels(), Long::sum);
        }
        return counts;
    }

    /**
     * The statistics of one category.
     *
     * @param id the category id
     * @param name the category name
     * @param objects its object annotations
     * @param outlines its objects with a polygon outline
     * @param imageLabels its image-level labels
     * @param images the images it appears on
     * @param small its objects with a box area below 32 x 32 pixels
     * @param medium its objects with a box area from 32 x 32 to below 96 x 96
     * @param large its objects with a box area of 96 x 96 or more
     */
    public record ClassStats(
            int id,
            String name,
            long objects,
            long outlines,
            long imageLabels,
            long images,
            long small,
            long medium,
            long large)
            implements Serializable {
        /** Validates the statistics. */
        public ClassStats {
            Objects.requireNonNull(name, "name");
            if (objects < 0
                    || outlines < 0
                    || imageLabels < 0
                    || images < 0
                    || small < 0
                    || medium < 0
                    || large < 0
                    || small + medium + large > objects) {
                throw new IllegalArgumentException("inconsistent counts for class " + name);
            }
        }
    }

    /**
     * Image sizes: the most common ones, and the range and median of widths and heights.
     *
     * @param common the most common sizes, most frequent first
     * @param otherImages images of sizes not in {@code common}
     * @param unknownImages images whose size the labels do not state
     * @param minWidth the smallest width, 0 when no size is known
     * @param medianWidth the median width (the lower middle value for an even count)
     * @param maxWidth the largest width
     * @param minHeight the smallest height
     * @param medianHeight the median height
     * @param maxHeight the largest height
     */
    public record SizeDistribution(
            List<SizeCount> common,
            long otherImages,
            long unknownImages,
            int minWidth,
            int medianWidth,
            int maxWidth,
            int minHeight,
            int medianHeight,
            int maxHeight)
            implements Serializable {
        /** Copies the list. */
        public SizeDistribution {
            common = List.copyOf(common);
            if (otherImages < 0 || unknownImages < 0) {
                throw new IllegalArgumentException("image counts cannot be negative");
            }
        }
    }

    /**
     * How many images have one size.
     *
     * @param width the width in pixels
     * @param height the height in pixels
     * @param images the number of images
     */
    public record SizeCount(int width, int height, long images) implements Serializable {}

    /**
     * The distribution of objects per image.
     *
     * @param buckets images by object count: 0, 1, 2, 3, 4, 5, 6-10, 11-20, 21-50, 51-100, over 100
     * @param mean the mean number of objects per image
     * @param max the most objects on one image
     */
    public record BoxesPerImage(List<Bucket> buckets, double mean, long max) implements Serializable {
        /** Copies the list. */
        public BoxesPerImage {
            buckets = List.copyOf(buckets);
        }
    }

    /**
     * A histogram bar.
     *
     * @param label the range, e.g. {@code 6-10}
     * @param images how many images fall in it
     */
    public record Bucket(String label, long images) implements Serializable {}

    /**
     * Objects by box area, with COCO's ranges (https://cocodataset.org/#detection-eval): small
     * below 32², medium from 32² to below 96², large from 96². Boxes of zero or negative area are
     * in none.
     *
     * @param small objects with area below 1024 square pixels
     * @param medium objects with area from 1024 to below 9216
     * @param large objects with area of 9216 or more
     */
    public record AreaCounts(long small, long medium, long large) implements Serializable {}

    /**
     * Two classes found on the same images.
     *
     * @param first the category id of one class
     * @param second the category id of the other, larger than {@code first}
     * @param images the images on which both appear
     */
    public record ClassPair(int first, int second, long images) implements Serializable {}
}
