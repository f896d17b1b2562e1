package io.mlops.registry.webhook;

import io.mlops.registry.RegistryEvent;
import io.mlops.registry.RegistryListener;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Delivers registry events to the webhooks that subscribe to them: listens to a registry, and for
 * each event POSTs a signed JSON payload (see {@link WebhookSignature}) to each matching webhook.
 *
 * <p>Everything after {@link #onEvent} runs on the dispatcher's own threads, the subscriber lookup
 * included, so a slow or dead receiver never holds up a registry change. A 2xx answer delivers; a
 * 4xx other than 408 and 429 fails at once (the receiver would refuse again); anything else (no
 * answer, 5xx, 408, 429) is retried with exponential backoff until the policy's attempts are
 * spent. Every attempt is logged in the store. The secret never appears in a log or an error.
 */
public final class WebhookDispatcher implements RegistryListener, AutoCloseable {
    /** Headers of each delivery. */
    public static final String SIGNATURE = "X-Mlops-Signature";

    /** The event's name, e.g. {@code ALIAS_MOVED}. */
    public static final String EVENT = "X-Mlops-Event";

    /** The delivery's id, the same on each attempt, so a receiver can drop duplicates. */
    public static final String DELIVERY = "X-Mlops-Delivery";

    /** When this attempt was signed, milliseconds since the epoch; covered by the signature. */
    public static final String TIMESTAMP = "X-Mlops-Timestamp";

    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    private static final int MAX_ERROR = 500;

    private final WebhookStore store;
    private final RetryPolicy policy;
    private final Duration timeout;
    private final HttpClient client;
    private final ScheduledExecutorService executor;

    /**
     * Creates the dispatcher; add it to a registry's listeners.
     *
     * @param store where webhooks and the delivery log are kept
     * @param policy how deliveries are retried
     * @param timeout how long one attempt may take, connecting included
     */
    public WebhookDispatcher(WebhookStore store, RetryPolicy policy, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "mlops-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        // Closing ends the retries not yet due instead of keeping the process alive for them.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
    }

    @Override
    public void onEvent(RegistryEvent event) {
        try {
            executor.execute(() -> fanOut(event));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "webhooks are shut down; not delivering " + WebhookEvent.of(event));
        }
    }

    private void fanOut(RegistryEvent event) {
        WebhookEvent kind = WebhookEvent.of(event);
        for (WebhookStore.Subscriber subscriber : store.subscribers(kind, event.model())) {
            if (!subscriber.wants(event)) {
                continue;
            }
            String deliveryId = UUID.randomUUID().toString();
            byte[] body = subscriber.scheme() == SignatureScheme.MLFLOW
                    ? MlflowWebhookPayload.of(event, MlflowWebhookEvents.of(event), store.now())
                    : WebhookPayload.of(event, deliveryId, store.now());
            attempt(subscriber, kind, deliveryId, body, 1);
        }
    }

    private void attempt(WebhookStore.Subscriber subscriber, WebhookEvent kind, String deliveryId, byte[] body, int n) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        subscriber.webhook().url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mlops-registry-webhooks")
                .header(EVENT, kind.name());
        // One signer, chosen by the webhook's scheme: the suite's own, or MLflow's for MLflow-made webhooks.
        subscriber
                .scheme()
                .headers(subscriber.secret(), deliveryId, store.now(), body)
                .forEach(builder::header);
        HttpRequest request =
                builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            Integer status = response == null ? null : response.statusCode();
            String error = failure == null ? httpError(status) : describe(failure);
            DeliveryStatus outcome = outcome(status, n);
            try {
                store.record(new DeliveryAttempt(
                        deliveryId, subscriber.webhook().id(), kind, n, outcome, status, error, store.now()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot log a webhook delivery attempt", e);
            }
            if (outcome == DeliveryStatus.RETRYING) {
                try {
                    executor.schedule(
                            () -> attempt(subscriber, kind, deliveryId, body, n + 1),
                            policy.delayBefore(n + 1).toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    LOG.log(System.Logger.Level.WARNING, "webhooks shut down before delivery " + deliveryId + " ended");
                }
            }
        });
    }

    private DeliveryStatus outcome(Integer status, int attempt) {
        if (status != null && status >= 200 && status < 300) {
            return DeliveryStatus.DELIVERED;
        }
        // A redirect or another 4xx would be answered the same way again; the rest may pass later.
        boolean retryable = status == null || status >= 500 || status == 408 || status == 429;
        return retryable && attempt < policy.attempts() ? DeliveryStatus.RETRYING : DeliveryStatus.FAILED;
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

    /** Stops: waits up to one timeout for work under way; retries not yet due are dropped. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
