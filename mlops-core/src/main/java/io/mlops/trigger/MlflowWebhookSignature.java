package io.mlops.trigger;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies MLflow 3 webhook deliveries, as MLflow signs them (mlflow/webhooks/delivery.py).
 *
 * <p>MLflow sends {@value #DELIVERY_ID_HEADER}, {@value #TIMESTAMP_HEADER} (Unix seconds) and
 * {@value #SIGNATURE_HEADER} = {@code v1,} + Base64 of HMAC-SHA256, keyed by the webhook's
 * secret, over {@code delivery_id + "." + timestamp + "." + body}. A delivery is accepted only
 * when the signature matches (compared in constant time) and the timestamp is within the
 * tolerance of now, so a captured delivery cannot be replayed later.
 */
public final class MlflowWebhookSignature {
    /** The header with the signature. */
    public static final String SIGNATURE_HEADER = "X-MLflow-Signature";

    /** The header with the sending time, Unix seconds. */
    public static final String TIMESTAMP_HEADER = "X-MLflow-Timestamp";

    /** The header with the delivery's unique id. */
    public static final String DELIVERY_ID_HEADER = "X-MLflow-Delivery-Id";

    /** The signature scheme version MLflow writes before the comma. */
    public static final String VERSION = "v1";

    /** How far a delivery's timestamp may be from now by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Duration tolerance;

    /**
     * Creates a verifier.
     *
     * @param secret the webhook's secret, as given to MLflow when the webhook was created
     * @param tolerance how far the delivery's timestamp may be from now
     */
    public MlflowWebhookSignature(String secret, Duration tolerance) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required to verify deliveries");
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance must be positive: " + tolerance);
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /**
     * Checks a delivery.
     *
     * @param deliveryId the {@value #DELIVERY_ID_HEADER} header, or null when absent
     * @param timestamp the {@value #TIMESTAMP_HEADER} header, or null when absent
     * @param signature the {@value #SIGNATURE_HEADER} header, or null when absent
     * @param body the request body, exactly as received
     * @param now the current time
     * @throws WebhookRejected saying which check failed
     */
    public void verify(String deliveryId, String timestamp, String signature, byte[] body, Instant now) {
        require(deliveryId, DELIVERY_ID_HEADER);
        require(timestamp, TIMESTAMP_HEADER);
        require(signature, SIGNATURE_HEADER);
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookRejected(TIMESTAMP_HEADER + " must be Unix seconds, got '" + timestamp + "'");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        if (age.compareTo(tolerance) > 0) {
            throw new WebhookRejected("webhook delivery " + deliveryId + " is " + age.toSeconds()
                    + " s from now, more than the " + tolerance.toSeconds() + " s accepted (replayed or clock skew)");
        }
        int comma = signature.indexOf(',');
        if (comma < 0 || !signature.substring(0, comma).equals(VERSION)) {
            throw new WebhookRejected(SIGNATURE_HEADER + " must be '" + VERSION + ",<base64>'");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected(SIGNATURE_HEADER + " is not Base64 after '" + VERSION + ",'");
        }
        if (!MessageDigest.isEqual(given, mac(deliveryId, timestamp, body))) {
            throw new WebhookRejected("webhook delivery " + deliveryId
                    + " has a wrong signature: the secret differs or the body was changed");
        }
    }

    /**
     * Signs a delivery as MLflow does: the value of {@value #SIGNATURE_HEADER}.
     *
     * @param deliveryId the delivery id
     * @param timestamp Unix seconds as text
     * @param body the body
     * @return {@code v1,} and the Base64 signature
     */
    public String sign(String deliveryId, String timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(deliveryId, timestamp, body));
    }

    private byte[] mac(String deliveryId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((deliveryId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    private static void require(String header, String name) {
        if (header == null || header.isBlank()) {
            throw new WebhookRejected("webhook delivery lacks the " + name + " header"
                    + (name.equals(SIGNATURE_HEADER) ? "; give the MLflow webhook a secret" : ""));
        }
    }
}
