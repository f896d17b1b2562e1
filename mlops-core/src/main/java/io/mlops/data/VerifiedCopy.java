package io.mlops.data;

import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Copies an object out of a store into a file while checking that its bytes match its name. */
final class VerifiedCopy {
    private VerifiedCopy() {}

    /**
     * Copies an object's bytes into a stream and checks their MD5 against the object id.
     *
     * @param store where the object lives
     * @param id the object
     * @param out where the bytes go; the caller discards them when this throws
     * @return the number of bytes copied
     * @throws UserError naming the object's path when its bytes do not match its id
     */
    static long copy(ObjectCache store, ObjectId id, OutputStream out) throws IOException {
        try (InputStream in = store.open(id)) {
            return copy(in, id, store.pathOf(id).toString(), out);
        }
    }

    /**
     * Copies a stream into another and checks the MD5 of what passed against an object id.
     *
     * @param in the object's bytes, read to the end
     * @param id the object
     * @param origin where the bytes come from, for the message
     * @param out where the bytes go; the caller discards them when this throws
     * @return the number of bytes copied
     * @throws UserError naming the origin when the bytes do not match the id
     */
    static long copy(InputStream in, ObjectId id, String origin, OutputStream out) throws IOException {
        MessageDigest md5 = ObjectCache.md5();
        long total = 0;
        byte[] buffer = new byte[256 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            md5.update(buffer, 0, read);
            out.write(buffer, 0, read);
            total += read;
        }
        String actual = ObjectCache.hex(md5);
        if (!actual.equals(id.md5())) {
            throw new UserError(
                    "corrupt object " + origin + ": its content has MD5 " + actual + " but its name says " + id.md5());
        }
        return total;
    }
}
