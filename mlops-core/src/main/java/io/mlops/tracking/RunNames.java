package io.mlops.tracking;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Names for runs started without one, in MLflow's style: an adjective, a noun and a number up to
 * 999, e.g. {@code brave-owl-417}, at most 20 characters.
 */
final class RunNames {
    private static final List<String> ADJECTIVES = List.of(
            "able", "agile", "amber", "bold", "brave", "bright", "calm", "clever", "crisp", "daring", "eager", "fast",
            "fleet", "gentle", "glad", "grand", "happy", "keen", "kind", "lively", "lucid", "merry", "mighty", "neat",
            "noble", "patient", "polite", "proud", "quick", "quiet", "rapid", "sharp", "shy", "silent", "smart",
            "steady", "swift", "tidy", "vivid", "warm", "wise", "witty", "zesty");
    private static final List<String> NOUNS = List.of(
            "ant", "bat", "bear", "bee", "bison", "cat", "colt", "crab", "crane", "crow", "deer", "dove", "eel", "elk",
            "finch", "fox", "frog", "gnu", "goat", "hare", "hawk", "heron", "horse", "ibis", "jay", "koi", "lark",
            "lion", "lynx", "mole", "moth", "newt", "owl", "panda", "quail", "ram", "seal", "shark", "snail", "swan",
            "toad", "trout", "vole", "wasp", "whale", "wolf", "yak", "zebra");
    private static final int MAX_LENGTH = 20;

    private final RandomGenerator random;

    RunNames() {
        this(new SecureRandom());
    }

    RunNames(RandomGenerator random) {
        this.random = random;
    }

    /**
     * A fresh name.
     *
     * @return e.g. {@code brave-owl-417}
     */
    String next() {
        String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
                + "-" + random.nextInt(1000);
        return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
    }
}
