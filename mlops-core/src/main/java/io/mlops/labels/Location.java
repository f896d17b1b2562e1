package io.mlops.labels;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where something was found in a label file: the file, and the line and column when the format
 * has them (JSON, XML, text), else 0.
 *
 * @param file the label file as the user named it
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 */
public record Location(String file, long line, long column) implements Serializable {
    /** Validates the location. */
    public Location {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based or 0: " + line + ":" + column);
        }
    }

    /**
     * A whole file, without a position.
     *
     * @param file the file
     * @return the location
     */
    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    /**
     * A line of a text file.
     *
     * @param file the file
     * @param line the 1-based line
     * @return the location
     */
    public static Location line(String file, long line) {
        return new Location(file, line, 0);
    }

    @Override
    public String toString() {
        if (line == 0) {
            return file;
        }
        return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
