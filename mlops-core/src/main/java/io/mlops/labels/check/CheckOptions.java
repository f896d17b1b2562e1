package io.mlops.labels.check;

/**
 * How to validate labels.
 *
 * @param strict report warnings as errors
 * @param openImages open every image file to check it exists and has the size the labels state;
 *     false checks the label file alone
 * @param examplesPerCode how many findings of each kind to keep with their details (all are
 *     counted), so that a file with a million bad boxes gives a readable report in bounded memory
 * @param threads how many image files to read at once
 */
public record CheckOptions(boolean strict, boolean openImages, int examplesPerCode, int threads) {
    /** The number of examples kept per kind of finding unless told otherwise. */
    public static final int DEFAULT_EXAMPLES = 20;

    /** Validates the options. */
    public CheckOptions {
        if (examplesPerCode < 0) {
            throw new IllegalArgumentException("examplesPerCode must not be negative: " + examplesPerCode);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /**
     * Everything checked, warnings as warnings, image files read on a few threads.
     *
     * @return the default options
     */
    public static CheckOptions defaults() {
        return new CheckOptions(false, true, DEFAULT_EXAMPLES, defaultThreads());
    }

    /**
     * These options with warnings made errors, or not.
     *
     * @param value whether to be strict
     * @return the options
     */
    public CheckOptions withStrict(boolean value) {
        return new CheckOptions(value, openImages, examplesPerCode, threads);
    }

    /**
     * These options with image files opened, or not.
     *
     * @param value whether to open image files
     * @return the options
     */
    public CheckOptions withOpenImages(boolean value) {
        return new CheckOptions(strict, value, examplesPerCode, threads);
    }

    /**
     * These options keeping another number of examples per kind of finding.
     *
     * @param value how many to keep
     * @return the options
     */
    public CheckOptions withExamplesPerCode(int value) {
        return new CheckOptions(strict, openImages, value, threads);
    }

    private static int defaultThreads() {
        // reading image headers waits on the disk more than on the CPU
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }
}
