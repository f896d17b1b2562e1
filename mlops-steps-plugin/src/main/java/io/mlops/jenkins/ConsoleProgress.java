package io.mlops.jenkins;

import hudson.model.TaskListener;
import io.mlops.progress.ProgressListener;
import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of long work in the build log: a line when it starts, one per tenth of the bytes done,
 * and one when it ends. Travels to the agent with the work (the listener is remotable).
 */
public final class ConsoleProgress implements ProgressListener, Serializable {
    private static final long serialVersionUID = 1L;
    private static final int STEPS = 10;

    private final TaskListener listener;
    private transient AtomicLong files;
    private transient AtomicLong bytes;
    private transient volatile long totalBytes;
    private transient volatile String task;

    /**
     * Creates the listener.
     *
     * @param listener the build log
     */
    public ConsoleProgress(TaskListener listener) {
        this.listener = listener;
    }

    @Override
    public void begin(String task, long totalFiles, long totalBytes) {
        this.task = task;
        this.totalBytes = totalBytes;
        this.files = new AtomicLong();
        this.bytes = new AtomicLong();
        listener.getLogger()
                .printf(
                        Locale.ROOT,
                        "[mlops] %s: %s files, %s%n",
                        task,
                        totalFiles < 0 ? "?" : Long.toString(totalFiles),
                        totalBytes < 0 ? "? bytes" : human(totalBytes));
    }

    @Override
    public void advance(long files, long bytes) {
        if (this.files == null) {
            return;
        }
        this.files.addAndGet(files);
        long before = this.bytes.getAndAdd(bytes);
        long after = before + bytes;
        if (totalBytes > 0 && step(before) != step(after)) {
            listener.getLogger()
                    .printf(Locale.ROOT, "[mlops] %s: %d%%%n", task, Math.min(100, step(after) * (100 / STEPS)));
        }
    }

    @Override
    public void end() {
        if (files != null) {
            listener.getLogger()
                    .printf(Locale.ROOT, "[mlops] %s: done, %d files, %s%n", task, files.get(), human(bytes.get()));
        }
    }

    private long step(long done) {
        return done * STEPS / totalBytes;
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", bytes / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }
}
