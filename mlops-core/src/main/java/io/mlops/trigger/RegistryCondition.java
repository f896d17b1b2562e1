package io.mlops.trigger;

import io.mlops.error.UserError;
import io.mlops.registry.AliasName;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegistryEvent;
import io.mlops.registry.UnknownRegistryEntry;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * When a registry change should start a build: a new version, an alias moved, a new version
 * that beats the one an alias (production) points at on a metric or on latency, or a monitoring
 * alert that started firing (any, or drift only).
 *
 * <p>Conditions are values (kept in a job's configuration); {@link #matches} reads the registry
 * only for the comparisons.
 */
public sealed interface RegistryCondition extends Serializable {
    /** The latency metric evaluations record and the latency condition compares. */
    String LATENCY_METRIC = "p95_latency_ms";

    /** The alert kind the {@code drift} condition watches. */
    String DRIFT = "drift";

    /** The alias a version is compared with when none is named. */
    String PRODUCTION = "production";

    /**
     * Whether a change meets the condition.
     *
     * @param event the committed change
     * @param registry the registry it happened in, for comparisons
     * @return true to start a build
     */
    boolean matches(RegistryEvent event, ModelRegistry registry);

    /**
     * Builds a condition from a job's configuration fields.
     *
     * @param kind {@code newVersion}, {@code aliasMoved}, {@code betterThan}, {@code fasterThan},
     *     {@code drift} or {@code alert}
     * @param alias the alias that moves (aliasMoved) or that is compared with (default production)
     * @param metric the metric compared (betterThan)
     * @param direction {@code higher} or {@code lower}: which values are better (betterThan)
     * @return the condition
     * @throws UserError naming the field that is missing or wrong
     */
    static RegistryCondition of(String kind, String alias, String metric, String direction) {
        String name = kind == null ? "" : kind.strip();
        String aliasName = alias == null || alias.isBlank() ? PRODUCTION : alias.strip();
        return switch (name) {
            case "newVersion" -> new NewVersion();
            case "aliasMoved" -> new AliasMoved(new AliasName(aliasName));
            case "betterThan" -> {
                if (metric == null || metric.isBlank()) {
                    throw new UserError("registry trigger 'betterThan' needs a metric, e.g. mAP50");
                }
                yield new BetterThan(new AliasName(aliasName), metric.strip(), Direction.parse(direction));
            }
            case "fasterThan" -> new FasterThan(new AliasName(aliasName));
            case "drift" -> new AlertFired(DRIFT);
            case "alert" -> new AlertFired(null);
            default ->
                throw new UserError("registry trigger condition must be newVersion, aliasMoved, betterThan,"
                        + " fasterThan, drift or alert, got '" + name + "'");
        };
    }

    /**
     * Builds the labeling condition from a trigger's fields.
     *
     * @param tool {@code label-studio} or {@code cvat}
     * @param project the tool's project id, or null or blank for any project of the tool
     * @param newlyFinished how many tasks must be newly finished since the last build, or 0 for none
     * @param all whether finishing every task of the project starts a build
     * @return the condition
     * @throws UserError when neither a count nor {@code all} is given, or the tool is unknown
     */
    static LabelingDone labeling(String tool, String project, int newlyFinished, boolean all) {
        if (newlyFinished < 0 || (newlyFinished == 0 && !all)) {
            throw new UserError(
                    "labeling trigger needs newlyFinished (1 or more tasks) or all: true, got newlyFinished "
                            + newlyFinished);
        }
        return new LabelingDone(
                LabelingTool.parse(tool).id(),
                project == null || project.isBlank() ? null : project.strip(),
                newlyFinished,
                all);
    }

    /** Which metric values are better. */
    enum Direction {
        /** Larger is better (accuracy, mAP). */
        HIGHER,
        /** Smaller is better (loss, latency). */
        LOWER;

        /**
         * Reads a direction.
         *
         * @param text {@code higher} or {@code lower}; null or blank means higher
         * @return the direction
         * @throws UserError for anything else
         */
        public static Direction parse(String text) {
            if (text == null || text.isBlank()) {
                return HIGHER;
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "higher" -> HIGHER;
                case "lower" -> LOWER;
                default -> throw new UserError("metric direction must be higher or lower, got '" + text + "'");
            };
        }

        boolean better(double candidate, double incumbent) {
            return this == HIGHER ? candidate > incumbent : candidate < incumbent;
        }
    }

    /** Any new version. */
    record NewVersion() implements RegistryCondition {
        @Override
        public boolean matches(RegistryEvent event, ModelRegistry registry) {
            return event instanceof RegistryEvent.VersionCreated;
        }
    }

    /**
     * An alias was set or moved to a version (not removed).
     *
     * @param alias the alias watched
     */
    record AliasMoved(AliasName alias) implements RegistryCondition {
        /** Validates the condition. */
        public AliasMoved {
            Objects.requireNonNull(alias, "alias");
        }

        @Override
        public boolean matches(RegistryEvent event, ModelRegistry registry) {
            return event instanceof RegistryEvent.AliasMoved moved
                    && moved.alias().equals(alias)
                    && moved.to() != null
                    && !moved.to().equals(moved.from());
        }
    }

    /**
     * A new version scores better on a metric than the version an alias points at. With no version
     * behind the alias yet, any version that has the metric is better.
     *
     * @param alias the alias compared with
     * @param metric the metric, as evaluations name it
     * @param direction which values are better
     */
    record BetterThan(AliasName alias, String metric, Direction direction) implements RegistryCondition {
        /** Validates the condition. */
        public BetterThan {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public boolean matches(RegistryEvent event, ModelRegistry registry) {
            if (!(event instanceof RegistryEvent.VersionCreated created)) {
                return false;
            }
            Double candidate = created.version().metrics().get(metric);
            if (candidate == null || candidate.isNaN()) {
                return false;
            }
            ModelVersion incumbent;
            try {
                incumbent = registry.versionByAlias(created.model(), alias);
            } catch (UnknownRegistryEntry none) {
                return true;
            }
            Double held = incumbent.metrics().get(metric);
            return held == null || held.isNaN() || direction.better(candidate, held);
        }
    }

    /**
     * A new version is faster ({@value #LATENCY_METRIC} lower) than the version an alias points at.
     *
     * @param alias the alias compared with
     */
    record FasterThan(AliasName alias) implements RegistryCondition {
        /** Validates the condition. */
        public FasterThan {
            Objects.requireNonNull(alias, "alias");
        }

        @Override
        public boolean matches(RegistryEvent event, ModelRegistry registry) {
            return new BetterThan(alias, LATENCY_METRIC, Direction.LOWER).matches(event, registry);
        }
    }

    /**
     * Labeling progressed far enough in a labeling tool's project: at least {@code newlyFinished}
     * tasks were finished since the subscriber's last build, or (with {@code all}) every task is
     * finished. The count since the last build is kept by {@link LabelingBaselines}; {@link #matches}
     * alone counts from 0, as for a subscriber that never built.
     *
     * @param tool the tool's id, {@code label-studio} or {@code cvat}
     * @param project the tool's project id, or null for any project
     * @param newlyFinished the tasks to finish since the last build, or 0 when only {@code all} counts
     * @param all whether a project with every task finished meets the condition
     */
    record LabelingDone(String tool, String project, int newlyFinished, boolean all) implements RegistryCondition {
        /** Validates the condition. */
        public LabelingDone {
            Objects.requireNonNull(tool, "tool");
            if (newlyFinished < 0 || (newlyFinished == 0 && !all)) {
                throw new IllegalArgumentException("newlyFinished must be 1 or more unless all is set");
            }
        }

        @Override
        public boolean matches(RegistryEvent event, ModelRegistry registry) {
            return event instanceof RegistryEvent.LabelingProgressed progress
                    && about(progress)
                    && reached(progress, 0);
        }

        /**
         * Whether the progress is in the watched tool and project.
         *
         * @param progress the progress
         * @return true when it concerns this condition
         */
        public boolean about(RegistryEvent.LabelingProgressed progress) {
            return progress.tool().equals(tool) && (project == null || project.equals(progress.project()));
        }

        /**
         * Whether the progress meets the condition, counted from a baseline.
         *
         * @param progress the progress
         * @param finishedAtLastBuild the project's finished tasks when the subscriber last built
         * @return true to start a build
         */
        public boolean reached(RegistryEvent.LabelingProgressed progress, int finishedAtLastBuild) {
            int finished = progress.finishedTasks();
            if (newlyFinished > 0 && finished - finishedAtLastBuild >= newlyFinished) {
                return true;
            }
            return all
                    && progress.totalTasks() > 0
                    && finished >= progress.totalTasks()
                    && finished > finishedAtLastBuild;
        }
    }

    /**
     * A monitoring alert started firing (not when it resolves).
     *
     * @param kind the alert kind watched ({@code drift}), or null for any alert
     */
    record AlertFired(String kind) implements RegistryCondition {
        @Override
        public boolean matches(RegistryEvent event, ModelRegistry registry) {
            return event instanceof RegistryEvent.AlertChanged alert
                    && alert.firing()
                    && (kind == null || kind.equals(alert.kind()));
        }
    }
}
