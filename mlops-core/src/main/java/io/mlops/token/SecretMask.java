package io.mlops.token;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Replaces secrets in lines of a log with {@value #MASK} before they are written: a build's
 * tracking token must not appear in its console even when the training script prints its
 * environment.
 *
 * <p>Works on bytes, so a log in any ASCII-compatible encoding is masked without decoding it.
 */
public final class SecretMask implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a secret is replaced with, as Jenkins' credentials binding writes it. */
    public static final String MASK = "****";

    private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> secrets;

    /**
     * Creates a mask.
     *
     * @param secrets the values to hide; empty ones are ignored
     */
    public SecretMask(List<String> secrets) {
        this.secrets = secrets.stream()
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /**
     * Masks one line.
     *
     * @param line the line's bytes
     * @param length how many of them are valid
     * @return the line with every secret replaced
     */
    public byte[] mask(byte[] line, int length) {
        byte[] text = Arrays.copyOf(line, length);
        for (byte[] secret : secrets) {
            text = replace(text, secret);
        }
        return text;
    }

    private static byte[] replace(byte[] text, byte[] secret) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length);
        int i = 0;
        while (i < text.length) {
            if (startsAt(text, i, secret)) {
                out.writeBytes(MASK_BYTES);
                i += secret.length;
            } else {
                out.write(text[i++]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsAt(byte[] text, int at, byte[] secret) {
        if (at + secret.length > text.length) {
            return false;
        }
        return Arrays.equals(text, at, at + secret.length, secret, 0, secret.length);
    }
}
