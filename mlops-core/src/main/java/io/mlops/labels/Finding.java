package io.mlops.labels;

import java.io.Serializable;
import java.util.Objects;

/**
 * One problem (or notable fact) found in labels: what, where and how bad.
 *
 * @param severity how bad it is
 * @param code a stable kebab-case name for the kind of finding, e.g. {@code box-outside-image}
 * @param where the file and position
 * @param subject the element concerned, e.g. {@code annotation 17}, or empty
 * @param message what is wrong, for a person to read
 */
public record Finding(Severity severity, String code, Location where, String subject, String message)
        implements Serializable {
    /** Validates the finding. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        if (code == null || !code.matches("[a-z]+(-[a-z]+)*")) {
            throw new IllegalArgumentException("finding codes are kebab-case words: " + code);
        }
    }

    /**
     * The same finding at another severity, as {@code --strict} does to warnings.
     *
     * @param newSeverity the severity to report it at
     * @return the finding
     */
    public Finding at(Severity newSeverity) {
        return new Finding(newSeverity, code, where, subject, message);
    }

    @Override
    public String toString() {
        return severity.label() + " [" + code + "] " + where + (subject.isEmpty() ? "" : " " + subject) + ": "
                + message;
    }
}
