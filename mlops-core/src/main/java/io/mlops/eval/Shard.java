package io.mlops.eval;

import io.mlops.error.UserError;
import java.io.Serializable;

/**
 * Which part of a set one agent evaluates: samples whose index modulo {@code count} is {@code index}.
 *
 * @param index this shard, 0-based
 * @param count the number of shards
 */
public record Shard(int index, int count) implements Serializable {
    /** The whole set. */
    public static final Shard ALL = new Shard(0, 1);

    /** Validates the numbers. */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new UserError("shard " + index + "/" + count + " is not valid: use i/n with 0 <= i < n");
        }
    }

    /**
     * Parses {@code i/n}.
     *
     * @param text e.g. {@code 0/4}
     * @return the shard
     * @throws UserError for another form
     */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--shard '" + text + "' must be i/n, e.g. 0/4");
    }

    /**
     * Whether a sample belongs to this shard.
     *
     * @param sample the sample's index in the set
     * @return true when this shard evaluates it
     */
    public boolean contains(int sample) {
        return sample % count == index;
    }
}
