package io.mlops.registry.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook payload: {@code sha256=<hex>} of HMAC-SHA256 keyed with the
 * webhook's secret over {@code <timestamp>.<body>}, where the timestamp is the
 * {@code X-Mlops-Timestamp} header. Signing the timestamp with the body lets a receiver refuse
 * replays: it recomputes the signature and rejects a timestamp older than its tolerance.
 */
public final class WebhookSignature {
    /** The prefix of the header's value, naming the algorithm. */
    public static final String PREFIX = "sha256=";

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /**
     * Signs a payload.
     *
     * @param secret the webhook's secret
     * @param timestamp the X-Mlops-Timestamp value
     * @param body the exact bytes POSTed
     * @return the X-Mlops-Signature value
     */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256; its absence is a broken installation.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Checks a signature in constant time, as a receiver does.
     *
     * @param secret the webhook's secret
     * @param timestamp the X-Mlops-Timestamp value received
     * @param body the bytes received
     * @param signature the X-Mlops-Signature value received
     * @return whether the payload was signed with that secret
     */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        if (signature == null || timestamp == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
