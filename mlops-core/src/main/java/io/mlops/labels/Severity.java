package io.mlops.labels;

/** How bad a finding is; {@code --strict} turns warnings into errors. */
public enum Severity {
    /** The labels are wrong: training on them would learn from garbage. Fails validation. */
    ERROR,
    /** Probably a mistake, but some tools accept it. Fails validation only when strict. */
    WARNING,
    /** Worth knowing (an image without annotations), never a failure. */
    INFO;

    /**
     * The lower-case name people read.
     *
     * @return e.g. {@code error}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
