package io.mlops.labels.drift;

import java.io.Serializable;
import java.util.Objects;

/**
 * How one class's share of the labels changed between two snapshots.
 *
 * @param name the class name
 * @param before its label count before
 * @param after its label count after
 * @param shareBefore its share of all labels before, from 0 to 1
 * @param shareAfter its share of all labels after, from 0 to 1
 * @param psi its term of the population stability index
 */
public record ClassShift(String name, long before, long after, double shareBefore, double shareAfter, double psi)
        implements Serializable {
    /** Validates the shift. */
    public ClassShift {
        Objects.requireNonNull(name, "name");
        if (before < 0 || after < 0 || psi < 0) {
            throw new IllegalArgumentException("counts and PSI terms are not negative for class " + name);
        }
    }
}
