package io.mlops.labels.scan;

import io.mlops.data.ContainedPath;
import io.mlops.error.UserError;
import io.mlops.labels.LabelSet;
import io.mlops.labels.LabelSink;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.check.ValidationReport;
import io.mlops.labels.check.Validator;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.format.LabelWriter;
import io.mlops.labels.format.WriteResult;
import io.mlops.labels.image.ImageHeader;
import io.mlops.labels.image.ImageSize;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts labels from one format to another: read and validate, then write.
 *
 * <p>Labels with errors are refused unless forced, since a converter that passes garbage on
 * hides it one step further from the people who can fix it. The labels are held in memory for
 * writing; image sizes the source does not state are read from the image files, as both target
 * formats need them.
 */
public final class LabelConversion {
    private LabelConversion() {}

    /**
     * Converts labels.
     *
     * @param source the labels to read
     * @param target the format to write
     * @param output the file (COCO) or directory (YOLO) to create
     * @param segments for YOLO: write outlines instead of boxes
     * @param force write even when validation found errors
     * @param progress told of what is read
     * @return the validation report and what was written
     * @throws UserError when the target format is not writable, the labels have errors and force
     *     is off, or the output cannot be written
     */
    public static ConversionResult convert(
            LabelSource source,
            LabelFormat target,
            Path output,
            boolean segments,
            boolean force,
            ProgressListener progress) {
        LabelWriter writer = target.writer(segments)
                .orElseThrow(() -> new UserError("the suite writes labels as "
                        + List.of(LabelFormat.COCO.id(), LabelFormat.YOLO.id()) + ", not as " + target.id()));
        Path images = source.imagesRoot();
        CheckOptions options = CheckOptions.defaults().withOpenImages(false);
        Validator validator = new Validator(source.toString(), images, options, progress);
        LabelSet.Collector collector = LabelSet.collector();
        source.format().reader().read(source.path(), images, LabelSink.fanOut(validator, collector), progress);
        ValidationReport report = validator.report();
        if (!report.passed() && !force) {
            throw new LabelsRejected(report, "nothing was written (--force writes anyway)");
        }
        WriteResult written = writer.write(withSizes(collector.labels(), images), output);
        return new ConversionResult(report, written);
    }

    /** Fills in the sizes the labels do not state from the image files' headers, where they exist. */
    private static LabelSet withSizes(LabelSet labels, Path images) {
        if (labels.images().stream().allMatch(LabeledImage::hasSize)) {
            return labels;
        }
        List<LabeledImage> sized = new ArrayList<>(labels.images().size());
        for (LabeledImage image : labels.images()) {
            sized.add(image.hasSize() ? image : sizedFromFile(image, images));
        }
        return new LabelSet(labels.categories(), sized, labels.annotations(), labels.imageLabels());
    }

    private static LabeledImage sizedFromFile(LabeledImage image, Path images) {
        try {
            Path file = ContainedPath.check(images, image.fileName(), "image " + image.id());
            Optional<ImageSize> size = ImageHeader.read(file);
            return size.map(s -> new LabeledImage(image.id(), image.fileName(), s.width(), s.height()))
                    .orElse(image);
        } catch (UserError | IOException e) {
            // the writer names every image still without a size
            return image;
        }
    }
}
