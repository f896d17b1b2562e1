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
 * fires on an endpoint when the rule's value has stayed above the limit for {@code minutes}: every
 * sample with the value since the last one within the limit is above it, and the first of them is
 * at least {@code minutes} old (as Prometheus' {@code for} holds a pending alert). It resolves when a
 * sample of the last {@code minutes} is within the limit. A window without a sample with the value
 * (the agent unreachable, no requests) changes nothing, and a run above the limit that is still
 * younger than {@code minutes} is pending: it changes nothing either.
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
        // One read per model covers every rule of it: twice the longest window of its rules, so that
        // the start of a run above the limit can be seen before the window.
        Map<String, Integer> longest = new LinkedHashMap<>();
        all.forEach(rule -> longest.merge(rule.model(), rule.minutes(), Math::max));
        for (AlertRule rule : all) {
            long from = now - Duration.ofMinutes(rule.minutes()).toMillis();
            List<HealthSample> samples = samplesByModel.computeIfAbsent(
                    rule.model(),
                    model -> history.samples(
                            model,
                            now - Duration.ofMinutes(2L * longest.get(model)).toMillis(),
                            now));
            for (Map.Entry<String, List<HealthSample>> endpoint :
                    byEndpoint(samples).entrySet()) {
                AlertState state = known.get(key(rule.model(), rule.name(), endpoint.getKey()));
                boolean firing = state != null && state.firing();
                verdict(rule, endpoint.getValue(), from)
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

    /**
     * The change the samples call for: resolved when one of the window's is within the limit, firing
     * when the run above the limit began at or before the window's start, else empty (no sample with
     * the value in the window, or a run still pending).
     *
     * @param samples one endpoint's samples, oldest first, from before the window up to now
     * @param from the start of the window
     */
    private static Optional<AlertChange> verdict(AlertRule rule, List<HealthSample> samples, long from) {
        boolean all = true;
        HealthSample latest = null;
        AlertRule.Reading last = null;
        // the first sample of the latest unbroken run above the limit
        HealthSample runStart = null;
        for (HealthSample sample : samples) {
            AlertRule.Reading reading = rule.read(sample);
            if (!reading.present()) {
                continue;
            }
            boolean exceeded = rule.exceeded(reading.value());
            runStart = exceeded ? (runStart == null ? sample : runStart) : null;
            if (sample.at() < from) {
                continue;
            }
            all &= exceeded;
            latest = sample;
            last = reading;
        }
        if (latest == null || (all && runStart.at() > from)) {
            return Optional.empty();
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

    private static Map<String, List<HealthSample>> byEndpoint(List<HealthSample> samples) {
        Map<String, List<HealthSample>> grouped = new LinkedHashMap<>();
        for (HealthSample sample : samples) {
            grouped.computeIfAbsent(sample.endpoint(), endpoint -> new ArrayList<>())
                    .add(sample);
        }
        return grouped;
    }

    private static String key(String model, String rule, String endpoint) {
        return model + '\n' + rule + '\n' + endpoint;
    }
}
