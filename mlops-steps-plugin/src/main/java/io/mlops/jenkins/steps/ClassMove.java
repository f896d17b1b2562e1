package io.mlops.jenkins.steps;

import io.mlops.labels.drift.ClassShift;

/** A label class whose share of the data moved against the previous build's snapshot. */
public final class ClassMove {
    private final String name;
    private final long before;
    private final long after;
    private final double psi;

    private ClassMove(ClassShift shift) {
        this.name = shift.name();
        this.before = shift.before();
        this.after = shift.after();
        this.psi = shift.psi();
    }

    static ClassMove of(ClassShift shift) {
        return new ClassMove(shift);
    }

    /** @return the class */
    public String getName() {
        return name;
    }

    /** @return its objects in the previous snapshot */
    public long getBefore() {
        return before;
    }

    /** @return its objects in this snapshot */
    public long getAfter() {
        return after;
    }

    /** @return its term of the population stability index */
    public double getPsi() {
        return psi;
    }
}
