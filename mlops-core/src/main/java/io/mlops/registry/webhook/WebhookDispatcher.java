package io.mlops.registry.webhook;

import io.mlops.error.UserError;
import io.mlops.store.Database;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Delivers registry events to webhooks from the outbox: the one delivery mechanism of the suite,
 * run by every long-running host ({@code mlops server}, the Jenkins controller) on the shared
 * store. Each registry change queues one delivery per subscribed webhook in its own transaction,
 * whichever process made it; a dispatcher claims due deliveries, POSTs a signed JSON payload (see
 * {@link WebhookSignature}), and records the outcome and the retry time in the database, so
 * retries survive a restart and are carried on by whichever dispatcher runs next.
 *
 * <p>A 2xx answer delivers; a 4xx other than 408 and 429 fails at once (the receiver would refuse
 * again); anything else (no answer, 5xx, 408, 429) is retried with exponential backoff until the
 * policy's attempts are spent. Every attempt is logged. The secret never appears in a log or an
 * error.
 *
 * <p><b>Guarantee.</b> Among live dispatchers, however many and on however many hosts, each
 * delivery (one event to one webhook) is held by one dispatcher at a time (a claim with a lease,
 * taken with row locks on PostgreSQL and in a write transaction on SQLite), and once an attempt
 * is recorded as delivered it is never sent again: one successful POST per event and webhook. A
 * dispatcher that dies between sending and recording (kill -9, power loss) leaves a claim whose
 * lease expires; the next dispatcher then sends the delivery again, with the same
 * {@value #DELIVERY} and {@value #EVENT_ID} headers, so the receiver may see it twice and drops
 * the repeat by that id: at least once, with an idempotency key.
 */
public final class WebhookDispatcher implements AutoCloseable {
    /** Headers of each delivery. */
    public static final String SIGNATURE = "X-Mlops-Signature";

    /** The event's name, e.g. {@code ALIAS_MOVED}. */
    public static final String EVENT = "X-Mlops-Event";

    /** The event's stable id, the same for every webhook and attempt. */
    public static final String EVENT_ID = "X-Mlops-Event-Id";

    /** The delivery's id (event and webhook), the same on each attempt, so a receiver can drop duplicates. */
    public static final String DELIVERY = "X-Mlops-Delivery";

    /** When this attempt was signed, milliseconds since the epoch; covered by the signature. */
    public static final String TIMESTAMP = "X-Mlops-Timestamp";

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final int MAX_ERROR = 500;
    private static final int BATCH = 32;

    private final DeliveryQueue queue;
    private final DeliverySettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread loop;

    /**
     * Creates a dispatcher; it delivers when {@link #deliverDue} is called, or on its own thread
     * after {@link #start}.
     *
     * @param webhooks the webhooks, their delivery log and the outbox
     * @param settings retries, timeouts, lease and polling
     * @param clock the source of attempt, retry and lease times
     */
    public WebhookDispatcher(WebhookStore webhooks, DeliverySettings settings, Clock clock) {
        Database database = Objects.requireNonNull(webhooks, "webhooks").database();
        this.queue = new DeliveryQueue(database);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Creates a dispatcher with the system clock.
     *
     * @param webhooks the webhooks, their delivery log and the outbox
     * @param settings retries, timeouts, lease and polling
     */
    public WebhookDispatcher(WebhookStore webhooks, DeliverySettings settings) {
        this(webhooks, settings, Clock.systemUTC());
    }

    /**
     * Delivers on a daemon thread until closed: a round whenever {@link #wake} is called, else every
     * poll interval, and at once again after a round that found work.
     *
     * @return this dispatcher
     */
    public synchronized WebhookDispatcher start() {
        if (loop != null) {
            throw new IllegalStateException("the webhook dispatcher is already started");
        }
        running = true;
        loop = new Thread(this::run, "mlops-webhooks");
        loop.setDaemon(true);
        loop.start();
        return this;
    }

    /** Asks a started dispatcher for a round now, e.g. after a change made in this process. */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            int made = 0;
            try {
                made = deliverDue();
            } catch (RuntimeException e) {
                // The store may be locked or unreachable for a while; the next round tries again.
                LOG.log(System.Logger.Level.WARNING, "webhook delivery round failed: " + e.getMessage());
            }
            if (made == 0) {
                try {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * One round: claims the deliveries that are due, POSTs them in parallel, and records each
     * outcome. Returns when every attempt of the round is recorded.
     *
     * @return how many attempts were made
     */
    public int deliverDue() {
        long now = clock.millis();
        List<DeliveryQueue.Claimed> due = queue.claim(
                UUID.randomUUID().toString(), now, now + settings.lease().toMillis(), BATCH);
        List<CompletableFuture<Void>> attempts = new ArrayList<>(due.size());
        for (DeliveryQueue.Claimed delivery : due) {
            attempts.add(attempt(delivery));
        }
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
        return due.size();
    }

    private CompletableFuture<Void> attempt(DeliveryQueue.Claimed delivery) {
        WebhookEvent kind = WebhookEvent.of(delivery.event());
        try {
            settings.receivers().check(delivery.url());
        } catch (UserError refused) {
            // The host resolves inside now: refuse for good, never post there.
            record(delivery, kind, DeliveryStatus.FAILED, null, refused.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        byte[] body = delivery.scheme() == SignatureScheme.MLFLOW
                ? MlflowWebhookPayload.of(delivery.event(), MlflowWebhookEvents.of(delivery.event()), delivery.at())
                : WebhookPayload.of(delivery.event(), delivery.deliveryId(), delivery.at());
        HttpRequest.Builder builder = HttpRequest.newBuilder(delivery.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "mlops-registry-webhooks")
                .header(EVENT, kind.name())
                .header(EVENT_ID, delivery.eventId());
        // One signer, chosen by the webhook's scheme: the suite's own, or MLflow's for MLflow-made webhooks.
        delivery.scheme()
                .headers(delivery.secret(), delivery.deliveryId(), clock.millis(), body)
                .forEach(builder::header);
        HttpRequest request =
                builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            Integer status = response == null ? null : response.statusCode();
            String error = failure == null ? httpError(status) : describe(failure);
            record(delivery, kind, outcome(status, delivery.attempt()), status, error);
            return null;
        });
    }

    private void record(
            DeliveryQueue.Claimed delivery, WebhookEvent kind, DeliveryStatus outcome, Integer status, String error) {
        long at = clock.millis();
        long nextAt = outcome == DeliveryStatus.RETRYING
                ? at + settings.retries().delayBefore(delivery.attempt() + 1).toMillis()
                : at;
        try {
            boolean kept = queue.finish(
                    delivery,
                    new DeliveryAttempt(
                            delivery.deliveryId(),
                            delivery.webhookId(),
                            kind,
                            delivery.attempt(),
                            outcome,
                            status,
                            error,
                            at),
                    nextAt);
            if (!kept) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "webhook delivery " + delivery.deliveryId()
                                + " outlived its lease and was taken over; raise the lease");
            }
        } catch (RuntimeException e) {
            // Unrecorded, the claim expires and the delivery is sent again (same id).
            LOG.log(System.Logger.Level.WARNING, "cannot record webhook delivery " + delivery.deliveryId(), e);
        }
    }

    private DeliveryStatus outcome(Integer status, int attempt) {
        if (status != null && status >= 200 && status < 300) {
            return DeliveryStatus.DELIVERED;
        }
        // A redirect or another 4xx would be answered the same way again; the rest may pass later.
        boolean retryable = status == null || status >= 500 || status == 408 || status == 429;
        return retryable && attempt < settings.retries().attempts() ? DeliveryStatus.RETRYING : DeliveryStatus.FAILED;
    }

    private static String httpError(Integer status) {
        return status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status;
    }

    private static String describe(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text = cause instanceof HttpTimeoutException
                ? "no answer within the timeout"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    /**
     * Stops: ends the delivery thread after its current round (which waits at most one attempt
     * timeout). Deliveries not yet due stay in the outbox for the next dispatcher.
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = loop;
        }
        wakeUp.release();
        if (thread != null) {
            try {
                thread.join(settings.timeout().multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
    }
}
