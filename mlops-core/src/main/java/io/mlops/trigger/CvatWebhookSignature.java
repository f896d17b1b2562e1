package io.mlops.trigger;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies CVAT webhook deliveries, as CVAT signs them (cvat/apps/webhooks/utils.py): when the webhook
 * has a secret, {@value #HEADER} is {@code sha256=} and the hex HMAC-SHA256 of the body keyed by that
 * secret. The signature is compared in constant time. CVAT sends no timestamp or delivery id, so
 * replays are told apart by the receiver (see {@link LabelingDeliveries}).
 */
public final class CvatWebhookSignature {
    /** The header with the signature. */
    public static final String HEADER = "X-Signature-256";

    /** What CVAT writes before the hex digest. */
    public static final String PREFIX = "sha256=";

    private final byte[] secret;

    /**
     * Creates a verifier.
     *
     * @param secret the webhook's secret, as given to CVAT when the webhook was created
     */
    public CvatWebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is required to verify deliveries");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a delivery.
     *
     * @param signature the {@value #HEADER} header, or null when absent
     * @param body the request body, exactly as received
     * @throws WebhookRejected saying which check failed
     */
    public void verify(String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejected(
                    "CVAT webhook delivery lacks the " + HEADER + " header; give the CVAT webhook a secret");
        }
        String value = signature.strip();
        if (!value.startsWith(PREFIX)) {
            throw new WebhookRejected(HEADER + " must be '" + PREFIX + "<hex>'");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejected(HEADER + " is not hex after '" + PREFIX + "'");
        }
        if (!MessageDigest.isEqual(given, mac(body))) {
            throw new WebhookRejected(
                    "CVAT webhook delivery has a wrong signature: the secret differs or the body was changed");
        }
    }

    /**
     * Signs a body as CVAT does: the value of {@value #HEADER}.
     *
     * @param body the body
     * @return {@code sha256=} and the hex signature
     */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(body));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }
}
