package io.mlops.agent.conformance;

/**
 * How one node test went on one backend.
 *
 * @param test the node test's name
 * @param verdict pass, fail or unsupported
 * @param detail why it failed or is unsupported; empty on pass
 */
record Outcome(String test, Verdict verdict, String detail) {
    /** The three verdicts of the conformance summary. */
    enum Verdict {
        /** Every output agreed with ONNX's within the runner's tolerance. */
        PASS,
        /** The backend ran the model and answered something else. */
        FAIL,
        /** The backend could not load or run it (an operator, a datatype, a non-tensor value), with its error. */
        UNSUPPORTED
    }

    static Outcome pass(String test) {
        return new Outcome(test, Verdict.PASS, "");
    }

    static Outcome fail(String test, String detail) {
        return new Outcome(test, Verdict.FAIL, detail);
    }

    static Outcome unsupported(String test, String detail) {
        return new Outcome(test, Verdict.UNSUPPORTED, detail);
    }
}
