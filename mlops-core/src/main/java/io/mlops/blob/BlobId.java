package io.mlops.blob;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name of a blob: the SHA-256 of its bytes, so equal content is stored once and a stored blob
 * can be checked against its name.
 *
 * @param sha256 64 lowercase hex digits
 */
public record BlobId(String sha256) implements Serializable {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates the digest. */
    public BlobId {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256);
        }
    }

    /**
     * Parses a stored blob name.
     *
     * @param text 64 hex digits
     * @return the id
     * @throws UserError when the text is not a SHA-256 digest
     */
    public static BlobId parse(String text) {
        if (text == null || !SHA256.matcher(text).matches()) {
            throw new UserError("not a blob id (64 lowercase hex digits): '" + text + "'");
        }
        return new BlobId(text);
    }

    /**
     * Makes the id from a raw digest.
     *
     * @param digest 32 bytes of SHA-256
     * @return the id
     */
    public static BlobId of(byte[] digest) {
        return new BlobId(HexFormat.of().formatHex(digest));
    }

    @Override
    public String toString() {
        return sha256;
    }
}
