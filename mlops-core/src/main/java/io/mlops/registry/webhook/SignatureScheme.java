package io.mlops.registry.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed, chosen per webhook: the suite's own scheme ({@code X-Mlops-Signature},
 * see {@link WebhookSignature}) for webhooks made through the registry API, MLflow 3's scheme
 * ({@code X-MLflow-Signature: v1,<base64 HMAC-SHA256 of "delivery id.timestamp.body">} with
 * {@code X-MLflow-Delivery-Id} and {@code X-MLflow-Timestamp} in Unix seconds) for webhooks made
 * through MLflow's webhooks API, so that receivers written for MLflow verify them unchanged.
 */
public enum SignatureScheme {
    /** The suite's scheme. */
    MLOPS,
    /** MLflow 3's scheme. */
    MLFLOW;

    /**
     * The scheme's name as stored.
     *
     * @return {@code mlops} or {@code mlflow}
     */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a stored name.
     *
     * @param name {@code mlops} or {@code mlflow}
     * @return the scheme
     */
    public static SignatureScheme ofStored(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * The headers that identify and sign one delivery.
     *
     * @param secret the webhook's secret
     * @param deliveryId the delivery's id, the same for each attempt
     * @param nowMillis the time of the attempt
     * @param body the payload
     * @return header names and values, in order
     */
    public Map<String, String> headers(String secret, String deliveryId, long nowMillis, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (this == MLOPS) {
            String timestamp = Long.toString(nowMillis);
            headers.put(WebhookDispatcher.DELIVERY, deliveryId);
            headers.put(WebhookDispatcher.TIMESTAMP, timestamp);
            headers.put(WebhookDispatcher.SIGNATURE, WebhookSignature.sign(secret, timestamp, body));
        } else {
            String timestamp = Long.toString(nowMillis / 1000);
            headers.put("X-MLflow-Delivery-Id", deliveryId);
            headers.put("X-MLflow-Timestamp", timestamp);
            headers.put("X-MLflow-Signature", "v1," + mlflowMac(secret, deliveryId, timestamp, body));
        }
        return headers;
    }

    private static String mlflowMac(String secret, String deliveryId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((deliveryId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
