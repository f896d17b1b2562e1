package io.mlops.labels.check;

import io.mlops.data.ContainedPath;
import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.Finding;
import io.mlops.labels.IdIndex;
import io.mlops.labels.ImageLabel;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import io.mlops.labels.Severity;
import io.mlops.progress.ProgressListener;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates labels as a reader streams them, and reports what it found with file, position and
 * element.
 *
 * <p>Checks: image ids, annotation ids and category ids are unique; every annotation refers to an
 * image and a category that exist; every box has a positive size and lies inside its image; image
 * paths stay inside the images directory; (optionally) every image file exists and has the size
 * the labels state. It reports images without annotations and unused categories as information.
 * Memory grows with the number of images and categories, not of annotations.
 */
public final class Validator implements LabelSink {
    /**
     * How far a box may reach past the image edge and still count as inside: exporters round
     * coordinates to whole pixels, so half a pixel is the largest honest rounding error.
     */
    static final double EDGE_TOLERANCE = 0.5;

    private static final String ANNOTATION = "annotation ";
    private static final String LABEL_OF_IMAGE = "label of image ";

    private final String labels;
    private final Path imagesRoot;
    private final CheckOptions options;
    private final Findings findings;
    private final CategoryCheck categories;
    private final ImageFileCheck files;
    private final IdIndex images = new IdIndex();
    private final IdSet annotationIds = new IdSet();
    private final Map<String, Long> fileNames = new HashMap<>();
    private long[] imageIds = new long[1024];
    private Location[] imageLocations = new Location[1024];
    private int[] widths = new int[1024];
    private int[] heights = new int[1024];
    private int[] labelsPerImage = new int[1024];
    private long annotationCount;
    private long imageLabelCount;
    private boolean finished;

    /**
     * Creates a validator for one label source.
     *
     * @param labels the labels, as {@code format:path}, for messages
     * @param imagesRoot the directory image paths are relative to
     * @param options what to check
     * @param progress told of image files checked
     */
    public Validator(String labels, Path imagesRoot, CheckOptions options, ProgressListener progress) {
        this.labels = labels;
        this.imagesRoot = imagesRoot;
        this.options = options;
        this.findings = new Findings(options.strict(), options.examplesPerCode());
        this.categories = new CategoryCheck(findings);
        this.files = options.openImages() ? new ImageFileCheck(findings, options.threads(), progress) : null;
    }

    @Override
    public void category(Category category, Location where) {
        categories.define(category, where);
    }

    @Override
    public void image(LabeledImage image, Location where) {
        String subject = "image " + image.id();
        if (images.indexOf(image.id()) >= 0) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "duplicate-image-id",
                    where,
                    subject,
                    "image id " + image.id() + " is defined again (for '" + image.fileName()
                            + "'); its annotations cannot be told apart"));
            return;
        }
        int index = images.add(image.id());
        grow(index);
        imageIds[index] = image.id();
        imageLocations[index] = where;
        widths[index] = image.width();
        heights[index] = image.height();
        if (image.fileName().isEmpty()) {
            return;
        }
        Long sameFile = fileNames.putIfAbsent(image.fileName(), image.id());
        if (sameFile != null) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "duplicate-file-name",
                    where,
                    subject,
                    "'" + image.fileName() + "' is also image " + sameFile + ": one picture labeled twice"));
        }
        Path file;
        try {
            file = ContainedPath.check(imagesRoot, image.fileName(), "image file");
        } catch (UserError e) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "path-escapes-root",
                    where,
                    subject,
                    "image path '" + image.fileName() + "' is absolute or leaves the images directory " + imagesRoot
                            + "; it is not opened"));
            return;
        }
        if (files != null) {
            files.submit(file, image.width(), image.height(), where, subject + " '" + image.fileName() + "'");
        }
    }

    @Override
    public void annotation(Annotation annotation, Location where) {
        annotationCount++;
        // subjects are built only for findings: this runs once per annotation, millions of times
        int index = imageIndex(annotation.imageId(), where, ANNOTATION, annotation.id());
        if (!annotationIds.add(annotation.id())) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "duplicate-annotation-id",
                    where,
                    ANNOTATION + annotation.id(),
                    "annotation id " + annotation.id() + " is used more than once"));
        }
        categories.use(annotation.categoryId(), where, ANNOTATION, annotation.id());
        Box box = annotation.box();
        if (box.width() <= 0 || box.height() <= 0) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "box-empty",
                    where,
                    ANNOTATION + annotation.id(),
                    "box " + box + " has zero or negative width or height"));
        } else if (index >= 0 && widths[index] > 0 && heights[index] > 0) {
            checkInside(box, index, where, annotation.id());
        }
        if (index >= 0) {
            labelsPerImage[index]++;
        }
    }

    @Override
    public void imageLabel(ImageLabel label, Location where) {
        imageLabelCount++;
        int index = imageIndex(label.imageId(), where, LABEL_OF_IMAGE, label.imageId());
        categories.use(label.categoryId(), where, LABEL_OF_IMAGE, label.imageId());
        if (index >= 0) {
            labelsPerImage[index]++;
        }
    }

    @Override
    public void finding(Finding finding) {
        findings.add(finding);
    }

    /**
     * Finishes the checks that need all labels, waits for the image file checks, and reports.
     *
     * @return the report
     */
    public ValidationReport report() {
        if (!finished) {
            finished = true;
            if (files != null) {
                files.finish();
            }
            categories.finish();
            for (int i = 0; i < images.size(); i++) {
                if (labelsPerImage[i] == 0) {
                    findings.add(new Finding(
                            Severity.INFO,
                            "image-without-annotations",
                            imageLocations[i],
                            "image " + imageIds[i],
                            "has no annotations (a background image, or one not labeled yet)"));
                }
            }
        }
        return new ValidationReport(
                labels,
                options.strict(),
                options.openImages(),
                images.size(),
                annotationCount,
                imageLabelCount,
                categories.defined(),
                findings.count(Severity.ERROR),
                findings.count(Severity.WARNING),
                findings.count(Severity.INFO),
                findings.counts(),
                findings.examples());
    }

    private void checkInside(Box box, int index, Location where, long annotationId) {
        int width = widths[index];
        int height = heights[index];
        boolean inside = box.x() >= -EDGE_TOLERANCE
                && box.y() >= -EDGE_TOLERANCE
                && box.right() <= width + EDGE_TOLERANCE
                && box.bottom() <= height + EDGE_TOLERANCE;
        if (!inside) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "box-outside-image",
                    where,
                    ANNOTATION + annotationId,
                    "box " + box + " reaches outside image " + imageIds[index] + " of " + width + "x" + height
                            + " (x " + round(box.x()) + ".." + round(box.right()) + ", y " + round(box.y()) + ".."
                            + round(box.bottom()) + ")"));
        }
    }

    private int imageIndex(long imageId, Location where, String kind, long id) {
        int index = images.indexOf(imageId);
        if (index < 0) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "unknown-image",
                    where,
                    kind + id,
                    "refers to image id " + imageId + ", which the labels do not define"));
        }
        return index;
    }

    private void grow(int index) {
        if (index < imageIds.length) {
            return;
        }
        int length = imageIds.length * 2;
        imageIds = Arrays.copyOf(imageIds, length);
        imageLocations = Arrays.copyOf(imageLocations, length);
        widths = Arrays.copyOf(widths, length);
        heights = Arrays.copyOf(heights, length);
        labelsPerImage = Arrays.copyOf(labelsPerImage, length);
    }

    private static String round(double value) {
        return Double.toString(Math.round(value * 100) / 100.0);
    }
}
