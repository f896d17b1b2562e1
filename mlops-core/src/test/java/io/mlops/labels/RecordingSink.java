package io.mlops.labels;

import java.util.ArrayList;
import java.util.List;

/** Records every event a reader emits, in order, for reader tests. */
public final class RecordingSink implements LabelSink {
    /** The categories, in order. */
    public final List<Category> categories = new ArrayList<>();

    /** The images, in order. */
    public final List<LabeledImage> images = new ArrayList<>();

    /** The annotations, in order. */
    public final List<Annotation> annotations = new ArrayList<>();

    /** The image-level labels, in order. */
    public final List<ImageLabel> imageLabels = new ArrayList<>();

    /** The findings, in order. */
    public final List<Finding> findings = new ArrayList<>();

    /** Every event as text, in order, to check ordering promises. */
    public final List<String> events = new ArrayList<>();

    /** The location of every annotation, in order. */
    public final List<Location> annotationLocations = new ArrayList<>();

    @Override
    public void category(Category category, Location where) {
        categories.add(category);
        events.add("category " + category.id());
    }

    @Override
    public void image(LabeledImage image, Location where) {
        images.add(image);
        events.add("image " + image.id());
    }

    @Override
    public void annotation(Annotation annotation, Location where) {
        annotations.add(annotation);
        annotationLocations.add(where);
        events.add("annotation " + annotation.id() + " on " + annotation.imageId());
    }

    @Override
    public void imageLabel(ImageLabel label, Location where) {
        imageLabels.add(label);
        events.add("label " + label.categoryId() + " on " + label.imageId());
    }

    @Override
    public void finding(Finding finding) {
        findings.add(finding);
        events.add("finding " + finding.code());
    }

    /**
     * The name of a category id.
     *
     * @param id the id
     * @return its name
     */
    public String name(int id) {
        return categories.stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow()
                .name();
    }

    /**
     * The findings of one kind.
     *
     * @param code the code
     * @return them, in order
     */
    public List<Finding> findings(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }
}
