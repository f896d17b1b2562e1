package io.mlops.labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels held in memory, for the work that needs all of them at once: writing another format.
 *
 * @param categories the categories, in the order read
 * @param images the images, in the order read
 * @param annotations the object annotations, in the order read
 * @param imageLabels the image-level labels, in the order read
 */
public record LabelSet(
        List<Category> categories,
        List<LabeledImage> images,
        List<Annotation> annotations,
        List<ImageLabel> imageLabels) {
    /** Copies the lists. */
    public LabelSet {
        categories = List.copyOf(categories);
        images = List.copyOf(images);
        annotations = List.copyOf(annotations);
        imageLabels = List.copyOf(imageLabels);
    }

    /**
     * A sink that collects what a reader streams; {@link Collector#labels()} gives the result.
     *
     * @return a new collector
     */
    public static Collector collector() {
        return new Collector();
    }

    /**
     * The annotations of each image, in image order.
     *
     * @return image id to its annotations (images without any map to an empty list)
     */
    public Map<Long, List<Annotation>> annotationsByImage() {
        Map<Long, List<Annotation>> byImage = new LinkedHashMap<>();
        for (LabeledImage image : images) {
            byImage.putIfAbsent(image.id(), new ArrayList<>());
        }
        for (Annotation annotation : annotations) {
            byImage.computeIfAbsent(annotation.imageId(), id -> new ArrayList<>())
                    .add(annotation);
        }
        return byImage;
    }

    /** Collects streamed labels into a {@link LabelSet}. */
    public static final class Collector implements LabelSink {
        private final List<Category> categories = new ArrayList<>();
        private final List<LabeledImage> images = new ArrayList<>();
        private final List<Annotation> annotations = new ArrayList<>();
        private final List<ImageLabel> imageLabels = new ArrayList<>();

        private Collector() {}

        @Override
        public void category(Category category, Location where) {
            categories.add(category);
        }

        @Override
        public void image(LabeledImage image, Location where) {
            images.add(image);
        }

        @Override
        public void annotation(Annotation annotation, Location where) {
            annotations.add(annotation);
        }

        @Override
        public void imageLabel(ImageLabel label, Location where) {
            imageLabels.add(label);
        }

        /**
         * What was collected so far.
         *
         * @return the labels
         */
        public LabelSet labels() {
            return new LabelSet(categories, images, annotations, imageLabels);
        }
    }
}
