package io.mlops.registry.webhook;

/** The outcome of one delivery attempt. */
public enum DeliveryStatus {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** The attempt failed in a way worth retrying (no answer, 5xx, 408, 429); another attempt follows. */
    RETRYING,
    /** The delivery is given up: a 4xx the receiver will repeat, or the last attempt failed. */
    FAILED
}
