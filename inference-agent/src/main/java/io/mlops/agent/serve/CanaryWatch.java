package io.mlops.agent.serve;

import io.mlops.protocol.admin.SwitchRequest;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches a version after a switch: rolls it back when its error rate over the watch exceeds the
 * limit (judged on at least {@link SwitchRequest#MIN_WATCHED_REQUESTS} requests), and when the
 * watch passes promotes a canary to all traffic. It stops on its own when the routing changes
 * under it (another switch or a manual rollback).
 *
 * <p>All its time comes from the scheduler: the error rate is checked every {@value #PERIOD_MILLIS}
 * ms and the end of the watch is a task scheduled {@code watchSeconds} ahead, so a test that drives
 * the scheduler's clock decides when the watch ends.
 */
final class CanaryWatch implements Runnable {
    private static final long PERIOD_MILLIS = 200;

    private final Deployments deployments;
    private final ServedModel model;
    private final ModelVersion version;
    private final long generation;
    private final double maxErrorRate;
    private final long baseRequests;
    private final long baseFailures;
    private final AtomicReference<ScheduledFuture<?>> schedule = new AtomicReference<>();
    private final AtomicReference<ScheduledFuture<?>> end = new AtomicReference<>();

    private CanaryWatch(
            Deployments deployments, ServedModel model, ModelVersion version, long generation, SwitchRequest request) {
        this.deployments = deployments;
        this.model = model;
        this.version = version;
        this.generation = generation;
        this.maxErrorRate = request.maxErrorRate();
        this.baseRequests = version.requests();
        this.baseFailures = version.failures();
    }

    static void start(
            Deployments deployments,
            ScheduledExecutorService scheduler,
            ServedModel model,
            ModelVersion version,
            long generation,
            SwitchRequest request) {
        CanaryWatch watch = new CanaryWatch(deployments, model, version, generation, request);
        watch.schedule.set(
                scheduler.scheduleWithFixedDelay(watch, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS));
        watch.end.set(scheduler.schedule(watch::finish, request.watchSeconds(), TimeUnit.SECONDS));
    }

    /** The watch passed: a canary still watched, with an error rate within the limit, takes all traffic. */
    private void finish() {
        synchronized (model) {
            run();
            Routing routing = model.routing();
            if (routing.generation() == generation && version.version().equals(routing.canary())) {
                deployments.reroute(model, r -> new Routing(r.canary(), null, 0, r.primary(), r.generation() + 1));
            }
            stop();
        }
    }

    @Override
    public void run() {
        synchronized (model) {
            Routing routing = model.routing();
            if (routing.generation() != generation) {
                stop();
                return;
            }
            long requests = version.requests() - baseRequests;
            long failures = version.failures() - baseFailures;
            double rate = requests == 0 ? 0 : (double) failures / requests;
            if (requests >= SwitchRequest.MIN_WATCHED_REQUESTS && rate > maxErrorRate) {
                deployments.rollbackLocked(
                        model,
                        String.format(
                                java.util.Locale.ROOT,
                                "automatic: version %s failed %d of %d requests (%.3f) during the watch, more than"
                                        + " the allowed %.3f",
                                version.version(),
                                failures,
                                requests,
                                rate,
                                maxErrorRate));
                stop();
            }
        }
    }

    private void stop() {
        deployments.watchEnded(model, generation);
        for (AtomicReference<ScheduledFuture<?>> task : List.of(schedule, end)) {
            ScheduledFuture<?> future = task.get();
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
