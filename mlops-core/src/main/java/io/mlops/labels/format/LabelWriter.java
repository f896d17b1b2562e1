package io.mlops.labels.format;

import io.mlops.labels.LabelSet;
import java.nio.file.Path;

/** Writes labels held in memory in one export format, atomically. */
public interface LabelWriter {
    /**
     * Writes labels.
     *
     * @param labels the labels; every image must have its size
     * @param output the file or directory to create; must not exist (an empty directory is fine)
     * @return what was written and what the format could not hold
     * @throws io.mlops.error.UserError when the output cannot be written or the labels cannot be
     *     expressed in the format
     */
    WriteResult write(LabelSet labels, Path output);
}
