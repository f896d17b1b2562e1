package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.mlops.error.UserError;
import io.mlops.jenkins.MlopsStores;
import io.mlops.registry.RecordedEvent;
import io.mlops.registry.RegistryEvents;
import io.mlops.suite.SuiteStores;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;

/**
 * Reads the registry's event stream (mlops-core's outbox) and hands each change to the
 * {@link RegistryTrigger}s (and labeling progress to the {@link LabelingTrigger}s), wherever the change was made: through Jenkins, by {@code mlops registry}
 * commands, or by another controller on the same PostgreSQL. This controller's position in the stream is
 * kept in the store, so a change made while Jenkins was down still triggers once it is back. Runs off the
 * timer thread, one read at a time ({@link AsyncPeriodicWork}).
 */
@Extension
public final class RegistryEventPoll extends AsyncPeriodicWork {
    private static final long PERIOD_SECONDS = 5;

    /** Creates the periodic read. */
    public RegistryEventPoll() {
        super("MLOps registry events");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.SECONDS.toMillis(PERIOD_SECONDS);
    }

    @Override
    protected void execute(TaskListener listener) {
        try {
            int handled = dispatchNew();
            if (handled > 0) {
                listener.getLogger().println("handed " + handled + " registry events to the registry triggers");
            }
        } catch (UserError e) {
            listener.getLogger().println("cannot read the registry events: " + e.getMessage());
        }
    }

    /**
     * Hands every event after this controller's position to the triggers, then moves the position past it.
     * The first read registers the controller at the head of the stream: history is not news. One read at
     * a time, so a call beside the periodic one cannot hand an event on twice.
     *
     * @return how many events were handed on
     */
    public synchronized int dispatchNew() {
        SuiteStores stores = MlopsStores.get().current();
        RegistryEvents events = stores.events();
        String consumer = consumer();
        int handled = 0;
        for (List<RecordedEvent> batch = events.next(consumer, RegistryEvents.DEFAULT_LIMIT);
                !batch.isEmpty();
                batch = events.next(consumer, RegistryEvents.DEFAULT_LIMIT)) {
            for (RecordedEvent recorded : batch) {
                RegistryTriggerDispatch.dispatch(recorded.event(), stores.registry());
                LabelingTriggerDispatch.dispatch(recorded.event(), stores);
            }
            // At least once: a controller that stops before this line hands the batch on again.
            events.acknowledge(consumer, batch.getLast().position());
            handled += batch.size();
        }
        return handled;
    }

    /** One cursor per controller: controllers sharing a PostgreSQL store each see every event. */
    private static String consumer() {
        return "jenkins:" + Jenkins.get().getLegacyInstanceId() + ":registry-triggers";
    }
}
