package io.mlops.eval;

/** What to do with a sample that cannot be read (a corrupt image). */
public enum OnError {
    /** Stop the evaluation, naming the sample. */
    FAIL,
    /** Leave the sample out, list it in the report, and go on. */
    SKIP
}
