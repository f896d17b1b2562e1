package io.mlops.agent.serve;

import io.mlops.error.UserError;
import io.mlops.protocol.bundle.BundleLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a deployment bundle, a zip holding {@code model.onnx} and optionally
 * {@code model-card.json}, {@code preprocessing.json}, {@code reference-stats.json},
 * {@code sample-input.json} and {@code labels.txt} (the class labels of the classification
 * extension), all at the top level. Only those names are accepted, so no entry can
 * name a path outside the directory it is unpacked into; the bytes unpacked are capped, so a zip
 * bomb stops at the limit. A refused bundle leaves nothing behind: what was unpacked of it is
 * deleted.
 */
public final class BundleReader {
    /** The files a bundle may hold. */
    public static final Set<String> ALLOWED = Set.copyOf(BundleLayout.ENTRIES);

    private final long maxUnpackedBytes;

    /**
     * Creates a reader.
     *
     * @param maxUnpackedBytes the most bytes a bundle may unpack to
     */
    public BundleReader(long maxUnpackedBytes) {
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /**
     * Unpacks a bundle.
     *
     * @param zip the zip's bytes
     * @param into an empty directory
     * @throws UserError when it is not a zip, holds another file, repeats one, lacks model.onnx or
     *     unpacks to more than the limit
     */
    public void unpack(InputStream zip, Path into) {
        List<Path> written = new ArrayList<>();
        try {
            unpack(zip, into, written);
        } catch (UserError e) {
            for (Path file : written) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private void unpack(InputStream zip, Path into, List<Path> written) {
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (ZipInputStream entries = new ZipInputStream(zip)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory() || !ALLOWED.contains(name)) {
                    throw new UserError("bundle entry '" + name + "' is not allowed; a bundle holds only " + ALLOWED
                            + " at its top level");
                }
                if (!seen.add(name)) {
                    throw new UserError("bundle holds '" + name + "' twice");
                }
                Path file = into.resolve(name);
                written.add(file);
                total += copy(entries, file, maxUnpackedBytes - total, name);
            }
        } catch (ZipException e) {
            throw new UserError("the bundle is not a valid zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read the bundle: " + e.getMessage(), e);
        }
        if (!seen.contains(BundleLayout.MODEL)) {
            throw new UserError(
                    seen.isEmpty()
                            ? "the bundle is empty or not a zip file; it must hold model.onnx"
                            : "the bundle has no model.onnx (it holds " + seen + ")");
        }
    }

    private long copy(InputStream from, Path to, long budget, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                written += n;
                if (written > budget) {
                    throw new UserError("the bundle unpacks to more than " + maxUnpackedBytes + " bytes (at '" + name
                            + "'); raise --max-bundle-bytes if the model really is that large");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }
}
