package io.mlops.labels.format;

import io.mlops.labels.LabelSink;
import io.mlops.progress.ProgressListener;
import java.nio.file.Path;

/** Reads one export format into the annotation model, streaming it into a sink. */
public interface LabelReader {
    /**
     * Where the images are when the user does not say: by default the directory of the label file.
     *
     * @param labels the label file or directory
     * @return the directory image paths in the labels are relative to
     */
    default Path defaultImages(Path labels) {
        Path parent = labels.toAbsolutePath().getParent();
        return parent == null ? labels.toAbsolutePath() : parent;
    }

    /**
     * Reads labels, emitting every image before the annotations on it.
     *
     * <p>Problems a reader can describe and read past (a bad value, an unsupported shape) go to
     * {@link LabelSink#finding}; a file that cannot be parsed at all stops the read.
     *
     * @param labels the label file or directory
     * @param images the directory image paths in the labels are relative to
     * @param sink receives the labels
     * @param progress told of the bytes or files read
     * @throws io.mlops.error.UserError when the labels cannot be read, naming the file and position
     */
    void read(Path labels, Path images, LabelSink sink, ProgressListener progress);
}
