package io.mlops.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Authenticates Label Studio webhook deliveries. Label Studio does not sign its webhooks, but sends
 * the custom headers given in the webhook's {@code headers}: the webhook is set up to send the shared
 * secret in {@value #HEADER}, and a delivery counts only when that header equals the secret (compared
 * in constant time).
 */
public final class LabelStudioWebhookSecret {
    /** The header that carries the shared secret. */
    public static final String HEADER = "X-Mlops-Token";

    private final byte[] secret;

    /**
     * Creates the check.
     *
     * @param secret the shared secret, as put into the Label Studio webhook's headers
     */
    public LabelStudioWebhookSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required to verify deliveries");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a delivery's header.
     *
     * @param header the value of {@value #HEADER}, or null when absent
     * @throws WebhookRejected when it is absent or wrong (the message never contains the secret)
     */
    public void verify(String header) {
        if (header == null || header.isEmpty()) {
            throw new WebhookRejected("Label Studio webhook delivery lacks the " + HEADER
                    + " header; add it to the webhook's headers with the shared secret");
        }
        if (!MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), secret)) {
            throw new WebhookRejected("Label Studio webhook delivery has a wrong " + HEADER + " header");
        }
    }
}
