package io.mlops.labels.check;

import io.mlops.error.UserError;
import io.mlops.labels.Finding;
import io.mlops.labels.Location;
import io.mlops.labels.Severity;
import io.mlops.labels.image.ImageHeader;
import io.mlops.labels.image.ImageSize;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Opens image files while the labels are still being read: each must exist and its header must
 * state the size the labels give.
 *
 * <p>Checks run on a few threads behind a bounded queue; when the queue is full the reading
 * thread checks an image itself, so a label file with a million images never queues a million
 * checks in memory.
 */
final class ImageFileCheck {
    private static final int QUEUE = 1024;

    private final Findings findings;
    private final ProgressListener progress;
    private final ThreadPoolExecutor pool;

    ImageFileCheck(Findings findings, int threads, ProgressListener progress) {
        this.findings = findings;
        this.progress = progress;
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                1,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("mlops-image-check-", 0).daemon().factory(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        // a read that fails half-way never calls finish(): idle threads must not outlive it
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Queues the check of one image.
     *
     * @param file the image file
     * @param width the width the labels state, or 0
     * @param height the height the labels state, or 0
     * @param where where the labels define the image
     * @param subject the image, for messages
     */
    void submit(Path file, int width, int height, Location where, String subject) {
        pool.execute(() -> check(file, width, height, where, subject));
    }

    /** Waits for every queued check. */
    void finish() {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: each check reads a few hundred bytes, the queue drains
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while checking image files");
        }
    }

    private void check(Path file, int width, int height, Location where, String subject) {
        try {
            Optional<ImageSize> size = ImageHeader.read(file);
            if (size.isEmpty()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "image-unreadable",
                        where,
                        subject,
                        "the size cannot be read from " + file + " (not a PNG, JPEG, GIF, BMP, WebP or other"
                                + " format the JDK knows, or a damaged header)"));
            } else if (width > 0
                    && height > 0
                    && (size.get().width() != width || size.get().height() != height)) {
                boolean swapped = size.get().width() == height && size.get().height() == width;
                findings.add(new Finding(
                        Severity.ERROR,
                        "image-size-mismatch",
                        where,
                        subject,
                        "the labels say " + width + "x" + height + " but " + file + " is " + size.get()
                                + (swapped
                                        ? " (width and height swapped: a rotation, e.g. by EXIF orientation?)"
                                        : "")));
            }
        } catch (NoSuchFileException e) {
            findings.add(new Finding(Severity.ERROR, "image-missing", where, subject, "image file not found: " + file));
        } catch (IOException e) {
            findings.add(new Finding(
                    Severity.ERROR, "image-unreadable", where, subject, "cannot read " + file + ": " + e.getMessage()));
        } finally {
            progress.advance(1, 0);
        }
    }
}
