package io.mlops.registry.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link WebhookDispatcher} delivers: retries, the time one attempt may take, how long a
 * claim on a delivery lasts, and how often the outbox is polled for changes made by other
 * processes.
 *
 * <p>The lease must outlast an attempt: a dispatcher that is still posting when its lease ends could
 * see the delivery taken over by another one and sent twice. The factory checks it.
 *
 * @param retries how deliveries are retried
 * @param timeout how long one attempt may take, connecting included
 * @param lease how long a claimed delivery stays with its dispatcher; after that another may take it
 * @param pollInterval how long an idle dispatcher waits before looking at the outbox again
 * @param receivers the addresses a delivery may go to, checked again before each attempt on what the
 *     webhook's host resolves to then (a name that was public when the webhook was made may not be now)
 */
public record DeliverySettings(
        RetryPolicy retries, Duration timeout, Duration lease, Duration pollInterval, WebhookAddressPolicy receivers) {
    /** Every receiver: for hosts whose webhooks are all made where their addresses were checked. */
    private static final WebhookAddressPolicy ANY_RECEIVER = WebhookAddressPolicy.allowing(List.of("*"));

    /** Validates the settings. */
    public DeliverySettings {
        Objects.requireNonNull(receivers, "receivers");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (timeout.isNegative() || timeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("a timeout and a poll interval must be positive");
        }
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(
                    "a delivery's lease (" + lease + ") must be at least twice the attempt timeout (" + timeout + ")");
        }
    }

    /**
     * Settings that deliver to any receiver the webhook names.
     *
     * @param retries how deliveries are retried
     * @param timeout how long one attempt may take, connecting included
     * @param lease how long a claimed delivery stays with its dispatcher
     * @param pollInterval how long an idle dispatcher waits before looking at the outbox again
     */
    public DeliverySettings(RetryPolicy retries, Duration timeout, Duration lease, Duration pollInterval) {
        this(retries, timeout, lease, pollInterval, ANY_RECEIVER);
    }

    /**
     * These settings, delivering only to the receivers a policy allows.
     *
     * @param policy the allowed receivers
     * @return the settings
     */
    public DeliverySettings withReceivers(WebhookAddressPolicy policy) {
        return new DeliverySettings(retries, timeout, lease, pollInterval, policy);
    }

    /**
     * The settings of a host: standard retries, 10 seconds per attempt, a one-minute lease, and a
     * look at the outbox every two seconds.
     *
     * @param retries how deliveries are retried
     * @return the settings
     */
    public static DeliverySettings of(RetryPolicy retries) {
        return new DeliverySettings(retries, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofSeconds(2));
    }

    /**
     * {@link #of} with {@link RetryPolicy#standard()}.
     *
     * @return the settings
     */
    public static DeliverySettings standard() {
        return of(RetryPolicy.standard());
    }
}
