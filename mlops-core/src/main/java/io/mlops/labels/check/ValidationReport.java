package io.mlops.labels.check;

import io.mlops.labels.Finding;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of validating labels: counts of what was read and of every kind of finding, with
 * the details of the first findings of each kind.
 *
 * @param labels the labels validated, as {@code format:path}
 * @param strict whether warnings were reported as errors
 * @param imagesOpened whether image files were opened
 * @param images the images read
 * @param annotations the object annotations read
 * @param imageLabels the image-level labels read
 * @param categories the categories read
 * @param errors the findings of severity error
 * @param warnings the findings of severity warning
 * @param infos the findings of severity info
 * @param countsByCode every kind of finding with its count, by code
 * @param findings the first findings of each kind, errors first
 */
public record ValidationReport(
        String labels,
        boolean strict,
        boolean imagesOpened,
        long images,
        long annotations,
        long imageLabels,
        long categories,
        long errors,
        long warnings,
        long infos,
        Map<String, Long> countsByCode,
        List<Finding> findings)
        implements Serializable {
    /** Validates the counts and copies the collections. */
    public ValidationReport {
        Objects.requireNonNull(labels, "labels");
        if (images < 0
                || annotations < 0
                || imageLabels < 0
                || categories < 0
                || errors < 0
                || warnings < 0
                || infos < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        countsByCode = Map.copyOf(countsByCode);
        findings = List.copyOf(findings);
    }

    /**
     * Whether the labels passed: no errors (with warnings counted as errors when strict).
     *
     * @return true when there are no errors
     */
    public boolean passed() {
        return errors == 0;
    }

    /**
     * How many findings of one kind there were, including those whose details were not kept.
     *
     * @param code the kind, e.g. {@code box-outside-image}
     * @return the count
     */
    public long count(String code) {
        return countsByCode.getOrDefault(code, 0L);
    }
}
