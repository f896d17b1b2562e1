package io.mlops.labels.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The size of a label file for progress reports, which do without it when it cannot be read. */
final class FileSize {
    private FileSize() {}

    /**
     * The file's size.
     *
     * @param file the label file
     * @return its size in bytes, or -1 (unknown to the progress listener) when it cannot be read
     */
    static long orUnknown(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
