package io.mlops.trigger;

import java.io.Serializable;

/**
 * What one poll of a data path decided: whether the data changed since the id last seen.
 *
 * <p>The first poll of a path only remembers its id: data that was there before the trigger was
 * set up is not "new data" (as Jenkins' SCM polling does not build for the first revision it sees).
 *
 * @param lastSeen the id remembered from the previous poll, or null before the first
 * @param current the id now
 * @param verdict whether to start a build
 */
public record DataPoll(String lastSeen, String current, Verdict verdict) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The outcome of a poll. */
    public enum Verdict {
        /** The first poll: the id is remembered, nothing is started. */
        FIRST_LOOK,
        /** The data is as it was. */
        UNCHANGED,
        /** The data changed: start a build. */
        CHANGED
    }

    /**
     * Decides a poll.
     *
     * @param lastSeen the id remembered from the previous poll, or null before the first
     * @param current the id now (from {@link DataFingerprint})
     * @return the decision
     */
    public static DataPoll decide(String lastSeen, String current) {
        if (current == null || current.isBlank()) {
            throw new IllegalArgumentException("a poll needs the current snapshot id");
        }
        Verdict verdict =
                lastSeen == null ? Verdict.FIRST_LOOK : lastSeen.equals(current) ? Verdict.UNCHANGED : Verdict.CHANGED;
        return new DataPoll(lastSeen, current, verdict);
    }

    /**
     * Whether to start a build.
     *
     * @return true when the data changed
     */
    public boolean shouldBuild() {
        return verdict == Verdict.CHANGED;
    }

    /**
     * One line for the polling log.
     *
     * @return e.g. "data changed: 0a1b2c3d4e5f -> 9f8e7d6c5b4a"
     */
    public String describe() {
        return switch (verdict) {
            case FIRST_LOOK -> "first poll: remembering snapshot id " + shortId(current);
            case UNCHANGED -> "data unchanged: snapshot id " + shortId(current);
            case CHANGED -> "data changed: " + shortId(lastSeen) + " -> " + shortId(current);
        };
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
