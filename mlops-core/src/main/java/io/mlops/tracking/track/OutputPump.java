package io.mlops.tracking.track;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a command's output to ours as it comes, byte for byte, so progress bars and partial
 * lines show up live.
 */
final class OutputPump {
    private OutputPump() {}

    /**
     * Starts copying on a thread of its own.
     *
     * @param from the command's stdout or stderr
     * @param to where it goes
     * @param name the thread's name
     * @return the thread, which ends when the command closes its side
     */
    static Thread start(InputStream from, OutputStream to, String name) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (from) {
                        for (int read; (read = from.read(buffer)) >= 0; ) {
                            synchronized (to) {
                                to.write(buffer, 0, read);
                                to.flush();
                            }
                        }
                    } catch (IOException e) {
                        // The command or our side closed the stream; nothing more to copy.
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
