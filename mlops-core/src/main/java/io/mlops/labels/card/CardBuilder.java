package io.mlops.labels.card;

import io.mlops.labels.Annotation;
import io.mlops.labels.Category;
import io.mlops.labels.IdIndex;
import io.mlops.labels.ImageLabel;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a dataset card as a reader streams the labels, in memory that grows with the images and
 * classes, not with the annotations.
 */
public final class CardBuilder implements LabelSink {
    /** COCO's small/medium boundary: 32 x 32 pixels. */
    static final double SMALL_AREA = 32 * 32;

    /** COCO's medium/large boundary: 96 x 96 pixels. */
    static final double LARGE_AREA = 96 * 96;

    static final int COMMON_SIZES = 20;
    static final int PAIRS = 200;

    private static final int OBJECTS = 0;
    private static final int OUTLINES = 1;
    private static final int IMAGE_LABELS = 2;
    private static final int SMALL = 3;
    private static final int MEDIUM = 4;
    private static final int LARGE = 5;
    private static final int IMAGES = 6;
    private static final int STATS = 7;
    private static final int NONE = -1;
    private static final String[] BUCKETS = {"0", "1", "2", "3", "4", "5", "6-10", "11-20", "21-50", "51-100", ">100"};

    private final Map<Integer, String> names = new HashMap<>();
    private final IdIndex classIndex = new IdIndex();
    private final List<long[]> classStats = new ArrayList<>();
    private final List<Integer> classIds = new ArrayList<>();
    private final IdIndex images = new IdIndex();
    private int[] objectsPerImage = new int[1024];
    private boolean[] labeled = new boolean[1024];
    private int[][] classesPerImage = new int[1024][];
    private final Map<Long, Long> sizes = new HashMap<>();
    private final TreeMap<Integer, Long> widths = new TreeMap<>();
    private final TreeMap<Integer, Long> heights = new TreeMap<>();
    private long unknownSizes;
    private long objects;
    private long outlines;
    private long imageLabels;

    /** Creates a builder for one stream of labels. */
    public CardBuilder() {
        // the counters start empty and grow with the images and classes seen
    }

    @Override
    public void category(Category category, Location where) {
        names.putIfAbsent(category.id(), category.name());
        classIndex(category.id());
    }

    @Override
    public void image(LabeledImage image, Location where) {
        if (images.indexOf(image.id()) >= 0) {
            return;
        }
        int index = images.add(image.id());
        if (index == objectsPerImage.length) {
            int length = index * 2;
            objectsPerImage = Arrays.copyOf(objectsPerImage, length);
            labeled = Arrays.copyOf(labeled, length);
            classesPerImage = Arrays.copyOf(classesPerImage, length);
        }
        if (!image.hasSize()) {
            unknownSizes++;
            return;
        }
        sizes.merge((long) image.width() << 32 | image.height(), 1L, Long::sum);
        widths.merge(image.width(), 1L, Long::sum);
        heights.merge(image.height(), 1L, Long::sum);
    }

    @Override
    public void annotation(Annotation annotation, Location where) {
        objects++;
        int classIndex = classIndex(annotation.categoryId());
        long[] stats = classStats.get(classIndex);
        stats[OBJECTS]++;
        if (!annotation.polygons().isEmpty()) {
            outlines++;
            stats[OUTLINES]++;
        }
        double area = annotation.box().area();
        if (annotation.box().width() > 0 && annotation.box().height() > 0) {
            stats[area < SMALL_AREA ? SMALL : area < LARGE_AREA ? MEDIUM : LARGE]++;
        }
        int image = images.indexOf(annotation.imageId());
        if (image >= 0) {
            objectsPerImage[image]++;
            labeled[image] = true;
            addClass(image, classIndex);
        }
    }

    @Override
    public void imageLabel(ImageLabel label, Location where) {
        imageLabels++;
        int classIndex = classIndex(label.categoryId());
        classStats.get(classIndex)[IMAGE_LABELS]++;
        int image = images.indexOf(label.imageId());
        if (image >= 0) {
            labeled[image] = true;
            addClass(image, classIndex);
        }
    }

    /**
     * The card of everything streamed so far.
     *
     * @return the card
     */
    public DatasetCard card() {
        int imageCount = images.size();
        long annotated = 0;
        long[] bucketCounts = new long[BUCKETS.length];
        long maxObjects = 0;
        PairCounts pairs = new PairCounts(classStats.size());
        long[] imagesPerClass = new long[classStats.size()];
        for (int i = 0; i < imageCount; i++) {
            if (labeled[i]) {
                annotated++;
            }
            int count = objectsPerImage[i];
            bucketCounts[bucket(count)]++;
            maxObjects = Math.max(maxObjects, count);
            int[] present = classesPerImage[i];
            if (present == null) {
                continue;
            }
            for (int a = 0; a < present.length && present[a] != NONE; a++) {
                imagesPerClass[present[a]]++;
                for (int b = a + 1; b < present.length && present[b] != NONE; b++) {
                    pairs.add(present[a], present[b]);
                }
            }
        }
        List<DatasetCard.Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < BUCKETS.length; b++) {
            buckets.add(new DatasetCard.Bucket(BUCKETS[b], bucketCounts[b]));
        }
        List<DatasetCard.ClassPair> coOccurrence = pairs.nonZero().stream()
                .map(pair -> {
                    int a = classIds.get((int) pair[0]);
                    int b = classIds.get((int) pair[1]);
                    return new DatasetCard.ClassPair(Math.min(a, b), Math.max(a, b), pair[2]);
                })
                .sorted(Comparator.comparingLong(DatasetCard.ClassPair::images)
                        .reversed()
                        .thenComparingInt(DatasetCard.ClassPair::first)
                        .thenComparingInt(DatasetCard.ClassPair::second))
                .toList();
        return new DatasetCard(
                DatasetCard.SCHEMA,
                imageCount,
                annotated,
                objects,
                outlines,
                imageLabels,
                sizeDistribution(),
                classes(imagesPerClass),
                new DatasetCard.BoxesPerImage(
                        buckets, imageCount == 0 ? 0 : (double) objectsSum() / imageCount, maxObjects),
                new DatasetCard.AreaCounts(sum(SMALL), sum(MEDIUM), sum(LARGE)),
                coOccurrence.subList(0, Math.min(PAIRS, coOccurrence.size())),
                coOccurrence.size() > PAIRS);
    }

    private List<DatasetCard.ClassStats> classes(long[] imagesPerClass) {
        List<DatasetCard.ClassStats> classes = new ArrayList<>();
        for (int id : sortedClassIds()) {
            int index = classIndex.indexOf(id);
            long[] stats = classStats.get(index);
            classes.add(new DatasetCard.ClassStats(
                    id,
                    names.getOrDefault(id, "(undefined id " + id + ")"),
                    stats[OBJECTS],
                    stats[OUTLINES],
                    stats[IMAGE_LABELS],
                    imagesPerClass[index],
                    stats[SMALL],
                    stats[MEDIUM],
                    stats[LARGE]));
        }
        return classes;
    }

    private DatasetCard.SizeDistribution sizeDistribution() {
        List<DatasetCard.SizeCount> all = sizes.entrySet().stream()
                .map(entry -> new DatasetCard.SizeCount(
                        (int) (entry.getKey() >> 32), (int) (long) entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(DatasetCard.SizeCount::images)
                        .reversed()
                        .thenComparingInt(DatasetCard.SizeCount::width)
                        .thenComparingInt(DatasetCard.SizeCount::height))
                .toList();
        List<DatasetCard.SizeCount> common = all.subList(0, Math.min(COMMON_SIZES, all.size()));
        long other = all.stream()
                .skip(COMMON_SIZES)
                .mapToLong(DatasetCard.SizeCount::images)
                .sum();
        return new DatasetCard.SizeDistribution(
                common,
                other,
                unknownSizes,
                widths.isEmpty() ? 0 : widths.firstKey(),
                median(widths),
                widths.isEmpty() ? 0 : widths.lastKey(),
                heights.isEmpty() ? 0 : heights.firstKey(),
                median(heights),
                heights.isEmpty() ? 0 : heights.lastKey());
    }

    private int classIndex(int categoryId) {
        int index = classIndex.add(categoryId);
        if (index == classStats.size()) {
            classStats.add(new long[STATS]);
            classIds.add(categoryId);
        }
        return index;
    }

    /**
     * Each image keeps the distinct classes on it (dense class indexes, filled from the front,
     * {@link #NONE} after the last) in a small array, which co-occurrence needs.
     */
    private void addClass(int image, int classIndex) {
        int[] present = classesPerImage[image];
        if (present == null) {
            present = new int[] {classIndex, NONE};
            classesPerImage[image] = present;
            return;
        }
        int free = 0;
        while (free < present.length && present[free] != NONE) {
            if (present[free] == classIndex) {
                return;
            }
            free++;
        }
        if (free == present.length) {
            present = Arrays.copyOf(present, present.length * 2);
            Arrays.fill(present, free, present.length, NONE);
            classesPerImage[image] = present;
        }
        present[free] = classIndex;
    }

    private List<Integer> sortedClassIds() {
        List<Integer> ids = new ArrayList<>(classIds);
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    private long objectsSum() {
        long total = 0;
        for (int i = 0; i < images.size(); i++) {
            total += objectsPerImage[i];
        }
        return total;
    }

    private long sum(int stat) {
        return classStats.stream().mapToLong(stats -> stats[stat]).sum();
    }

    private static int bucket(int count) {
        if (count <= 5) {
            return count;
        }
        if (count <= 10) {
            return 6;
        }
        if (count <= 20) {
            return 7;
        }
        if (count <= 50) {
            return 8;
        }
        return count <= 100 ? 9 : 10;
    }

    private static int median(TreeMap<Integer, Long> histogram) {
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return 0;
        }
        long middle = (total - 1) / 2;
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : histogram.entrySet()) {
            seen += entry.getValue();
            if (seen > middle) {
                return entry.getKey();
            }
        }
        return histogram.lastKey();
    }
}
