package io.mlops.labels;

import java.util.List;

/**
 * Receives labels as a reader streams them, so that a label file never has to fit in memory.
 *
 * <p>Readers promise one order: an image before any annotation or label on it. Categories may
 * arrive at any time (COCO files usually list them last), so a sink that needs every category
 * waits for the end of the stream. The default methods ignore the event.
 */
public interface LabelSink {
    /**
     * A category was read.
     *
     * @param category the category
     * @param where where it was defined
     */
    default void category(Category category, Location where) {}

    /**
     * An image was read; the annotations on it follow (immediately or later).
     *
     * @param image the image
     * @param where where it was defined
     */
    default void image(LabeledImage image, Location where) {}

    /**
     * An object annotation was read.
     *
     * @param annotation the annotation
     * @param where where it was defined
     */
    default void annotation(Annotation annotation, Location where) {}

    /**
     * An image-level label was read.
     *
     * @param label the label
     * @param where where it was defined
     */
    default void imageLabel(ImageLabel label, Location where) {}

    /**
     * The reader found a problem it could describe and read on past.
     *
     * @param finding the problem
     */
    default void finding(Finding finding) {}

    /**
     * A sink that passes every event to several sinks, in order.
     *
     * @param sinks the receivers
     * @return the combined sink
     */
    static LabelSink fanOut(LabelSink... sinks) {
        List<LabelSink> all = List.of(sinks);
        return new LabelSink() {
            @Override
            public void category(Category category, Location where) {
                all.forEach(sink -> sink.category(category, where));
            }

            @Override
            public void image(LabeledImage image, Location where) {
                all.forEach(sink -> sink.image(image, where));
            }

            @Override
            public void annotation(Annotation annotation, Location where) {
                all.forEach(sink -> sink.annotation(annotation, where));
            }

            @Override
            public void imageLabel(ImageLabel label, Location where) {
                all.forEach(sink -> sink.imageLabel(label, where));
            }

            @Override
            public void finding(Finding finding) {
                all.forEach(sink -> sink.finding(finding));
            }
        };
    }
}
