package io.mlops.monitor;

import io.mlops.registry.Deployment;
import io.mlops.registry.DeploymentStatus;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegisteredModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's reader of deployment health: every round it reads the {@code /metrics} of each agent
 * that serves a deployment the registry records as RUNNING (each agent once, however many models it
 * serves), and appends to the {@link HealthHistory} one sample per deployment from the difference
 * with the agent's previous read. An agent that cannot be read gets a {@link HealthGaps gap} sample
 * per deployment, and the round goes on with the next agent; the next good read is a new baseline.
 *
 * <p>Only the holder of the store's {@link MonitorLease} polls, so two servers on one PostgreSQL do
 * not read the agents twice; the other takes over when the holder's lease expires. The previous
 * reads are kept in memory only: after a restart (or a takeover) the first round gives the baseline
 * and the second the first samples.
 */
public final class HealthPoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HealthPoller.class.getName());

    private final ModelRegistry registry;
    private final HealthHistory history;
    private final MonitorLease lease;
    private final AgentMetricsClient agents;
    private final Clock clock;
    private final Map<String, Read> previous = new HashMap<>();
    private ScheduledExecutorService schedule;

    /** An agent's read and when it was taken. */
    private record Read(PrometheusScrape metrics, long at) {}

    /**
     * Creates a poller; {@link #pollOnce()} runs one round, {@link #start(Duration)} runs rounds in
     * the background.
     *
     * @param registry where the deployments are recorded
     * @param history where samples go
     * @param lease the store's lease of the poller
     * @param agents how agents are read
     * @param clock the time of each read
     */
    public HealthPoller(
            ModelRegistry registry, HealthHistory history, MonitorLease lease, AgentMetricsClient agents, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.history = Objects.requireNonNull(history, "history");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs one round: reads every running deployment's agent and records what it can.
     *
     * @return the samples appended (gaps included); empty when another process holds the lease
     */
    public synchronized List<HealthSample> pollOnce() {
        if (!lease.acquire()) {
            previous.clear();
            return List.of();
        }
        Map<String, List<Deployment>> byAgent = new HashMap<>();
        for (RegisteredModel model : registry.models("")) {
            for (Deployment deployment : registry.deployments(model.name())) {
                if (deployment.status() == DeploymentStatus.RUNNING) {
                    byAgent.computeIfAbsent(AgentMetricsClient.agentOf(deployment.endpoint()), a -> new ArrayList<>())
                            .add(deployment);
                }
            }
        }
        previous.keySet().retainAll(byAgent.keySet());
        List<HealthSample> recorded = new ArrayList<>();
        byAgent.forEach((agent, deployments) -> recorded.addAll(poll(agent, deployments)));
        return recorded;
    }

    private List<HealthSample> poll(String agent, List<Deployment> deployments) {
        List<HealthSample> samples = new ArrayList<>();
        Read read;
        try {
            PrometheusScrape metrics = agents.read(agent);
            read = new Read(metrics, clock.millis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return samples;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read the metrics of " + agent + ": " + e.getMessage());
            previous.remove(agent);
            long at = clock.millis();
            for (Deployment d : deployments) {
                samples.add(HealthGaps.gap(d.model(), d.version(), d.endpoint(), at));
            }
            samples.forEach(history::record);
            return samples;
        }
        Read before = previous.put(agent, read);
        if (before != null && read.at() > before.at()) {
            for (Deployment d : deployments) {
                samples.add(HealthDelta.between(
                        d.model(),
                        d.version(),
                        d.endpoint(),
                        before.metrics(),
                        before.at(),
                        read.metrics(),
                        read.at()));
            }
            samples.forEach(history::record);
        }
        return samples;
    }

    /**
     * Polls in the background, one round every interval, until {@link #close()}. A round that fails
     * (the store unreachable) is logged and the next one runs on time.
     *
     * @param interval the time between the end of a round and the start of the next
     * @return this poller
     */
    public synchronized HealthPoller start(Duration interval) {
        if (schedule != null) {
            return this;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mlops-health-poller");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void round() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "health poll failed: " + e.getMessage(), e);
        }
    }

    /** Stops the background rounds and gives the lease up. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = schedule;
            schedule = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot give the health poller's lease up: " + e.getMessage());
        }
    }
}
