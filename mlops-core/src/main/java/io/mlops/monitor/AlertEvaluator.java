package io.mlops.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates every alert rule over the health history and announces each change once: an alert
 * fires on an endpoint when the rule's value exceeded the limit on every sample of the last
 * {@code minutes} that has the value (at least one), and resolves when one of them is within the
 * limit. A window without such a sample (the agent unreachable, no requests) changes nothing.
 *
 * <p>The state is durable ({@link AlertStates}): a restarted evaluator neither fires a firing
 * alert again nor forgets one. A change is recorded as pending before it is announced and
 * confirmed after; an evaluator that finds a pending change (its predecessor died in between)
 * announces it only if the event stream does not have it yet.
 */
public final class AlertEvaluator {
    private final AlertRules rules;
    private final AlertStates states;
    private final HealthHistory history;
    private final AlertAnnouncer announcer;
    private final Clock clock;

    /**
     * Creates the evaluator.
     *
     * @param rules the rules
     * @param states where the alerts' state is kept
     * @param history the health samples
     * @param announcer where changes are announced
     * @param clock the time that ends each rule's window
     */
    public AlertEvaluator(
            AlertRules rules, AlertStates states, HealthHistory history, AlertAnnouncer announcer, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.states = Objects.requireNonNull(states, "states");
        this.history = Objects.requireNonNull(history, "history");
        this.announcer = Objects.requireNonNull(announcer, "announcer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Finishes announcements a previous evaluator left pending, then evaluates every rule once.
     *
     * @return the changes announced by this call, in order
     */
    public List<AlertChange> evaluate() {
        List<AlertChange> announced = new ArrayList<>(finishPending());
        long now = clock.millis();
        Map<String, List<HealthSample>> samplesByModel = new LinkedHashMap<>();
        Map<String, AlertState> known = new LinkedHashMap<>();
        for (AlertState state : states.list(null)) {
            known.put(
                    key(
                            state.change().model(),
                            state.change().rule(),
                            state.change().endpoint()),
                    state);
        }
        List<AlertRule> all = rules.list(null);
        // One read per model covers every rule of it: the longest window of its rules.
        Map<String, Integer> longest = new LinkedHashMap<>();
        all.forEach(rule -> longest.merge(rule.model(), rule.minutes(), Math::max));
        for (AlertRule rule : all) {
            long from = now - Duration.ofMinutes(rule.minutes()).toMillis();
            List<HealthSample> samples = samplesByModel.computeIfAbsent(
                    rule.model(),
                    model -> history.samples(
                            model, now - Duration.ofMinutes(longest.get(model)).toMillis(), now));
            for (Map.Entry<String, List<HealthSample>> endpoint :
                    byEndpoint(samples, from).entrySet()) {
                AlertState state = known.get(key(rule.model(), rule.name(), endpoint.getKey()));
                boolean firing = state != null && state.firing();
                verdict(rule, endpoint.getValue())
                        .filter(change -> change.firing() != firing)
                        .filter(change -> announceOnce(change, now))
                        .ifPresent(announced::add);
            }
        }
        return announced;
    }

    private List<AlertChange> finishPending() {
        List<AlertChange> announced = new ArrayList<>();
        for (AlertState state : states.pending()) {
            if (!announcer.announcedSince(state.pendingMark(), state.change())) {
                announcer.announce(state.change());
                announced.add(state.change());
            }
            states.confirm(state.change());
        }
        return announced;
    }

    private boolean announceOnce(AlertChange change, long now) {
        if (!states.begin(change, now, announcer.mark())) {
            return false;
        }
        announcer.announce(change);
        states.confirm(change);
        return true;
    }

    /** The change the window calls for, or empty when it has no sample with the value. */
    private static Optional<AlertChange> verdict(AlertRule rule, List<HealthSample> window) {
        boolean all = true;
        HealthSample latest = null;
        AlertRule.Reading last = null;
        for (HealthSample sample : window) {
            AlertRule.Reading reading = rule.read(sample);
            if (!reading.present()) {
                continue;
            }
            all &= rule.exceeded(reading.value());
            latest = sample;
            last = reading;
        }
        if (latest == null) {
            return Optional.empty();
        }
        return Optional.of(new AlertChange(
                rule.model(),
                latest.version(),
                latest.endpoint(),
                rule.name(),
                rule.kind(),
                all,
                last.value(),
                rule.limit(),
                last.detail(),
                rule.minutes()));
    }

    private static Map<String, List<HealthSample>> byEndpoint(List<HealthSample> samples, long from) {
        Map<String, List<HealthSample>> grouped = new LinkedHashMap<>();
        for (HealthSample sample : samples) {
            if (sample.at() >= from) {
                grouped.computeIfAbsent(sample.endpoint(), endpoint -> new ArrayList<>())
                        .add(sample);
            }
        }
        return grouped;
    }

    private static String key(String model, String rule, String endpoint) {
        return model + '\n' + rule + '\n' + endpoint;
    }
}
