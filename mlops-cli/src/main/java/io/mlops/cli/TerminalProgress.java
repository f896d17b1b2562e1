package io.mlops.cli;

import io.mlops.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A progress bar on standard error (files, bytes, rate), shown only on a terminal and only for
 * work that has run longer than a second.
 */
public final class TerminalProgress implements ProgressListener {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final long REFRESH_MILLIS = 200;

    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile String task = "";
    private volatile long totalFiles;
    private volatile long totalBytes;
    private volatile long started;
    private volatile boolean shown;
    private Thread painter;

    TerminalProgress(PrintWriter err) {
        this(err, System::nanoTime);
    }

    /**
     * A progress bar on a clock of the caller's, so that a test decides when a second has passed.
     *
     * @param err where to paint
     * @param nanoClock the time in nanoseconds, as {@link System#nanoTime()}
     */
    TerminalProgress(PrintWriter err, LongSupplier nanoClock) {
        this.err = err;
        this.nanoClock = nanoClock;
    }

    /**
     * A progress bar when standard error is a terminal, else a listener that prints nothing.
     *
     * @param err standard error
     * @return the listener
     */
    public static ProgressListener forTerminal(PrintWriter err) {
        return System.console() != null ? new TerminalProgress(err) : ProgressListener.NONE;
    }

    @Override
    public synchronized void begin(String task, long totalFiles, long totalBytes) {
        this.task = task;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        files.set(0);
        bytes.set(0);
        started = nanoClock.getAsLong();
        shown = false;
        painter = Thread.ofVirtual().start(this::paintUntilInterrupted);
    }

    @Override
    public void advance(long files, long bytes) {
        this.files.addAndGet(files);
        this.bytes.addAndGet(bytes);
    }

    @Override
    public synchronized void end() {
        if (painter != null) {
            painter.interrupt();
            try {
                painter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            painter = null;
        }
        if (shown) {
            paint();
            err.println();
            err.flush();
        }
    }

    private void paintUntilInterrupted() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(REFRESH_MILLIS);
                paintIfDue();
            }
        } catch (InterruptedException e) {
            // end() stops the painter
        }
    }

    /** Paints once the work has run longer than a second; the painter thread calls it every refresh. */
    void paintIfDue() {
        if (nanoClock.getAsLong() - started >= DELAY_NANOS) {
            shown = true;
            paint();
        }
    }

    private void paint() {
        double seconds = Math.max(1e-3, (nanoClock.getAsLong() - started) / 1e9);
        long doneBytes = bytes.get();
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) doneBytes / totalBytes) : 0;
        int width = 24;
        int filled = (int) Math.round(fraction * width);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String line = String.format(
                Locale.ROOT,
                "\r%s [%s] %,d/%,d files  %s/%s  %s/s ",
                task,
                bar,
                files.get(),
                totalFiles,
                Sizes.human(doneBytes),
                Sizes.human(Math.max(0, totalBytes)),
                Sizes.human((long) (doneBytes / seconds)));
        err.print(line);
        err.flush();
    }
}
