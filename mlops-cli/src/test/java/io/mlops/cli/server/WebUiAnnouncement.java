package io.mlops.cli.server;

import java.io.StringWriter;
import java.net.URI;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the registry web UI's address from the error stream of an {@code mlops server} run in-process. */
public final class WebUiAnnouncement {
    private static final Pattern STARTED = Pattern.compile("registry web UI at (http://\\S+)/");

    private WebUiAnnouncement() {}

    /**
     * Waits until the server has announced its web UI, polling every 50 ms.
     *
     * @param err what the server writes to its error stream
     * @param server the thread that runs it
     * @param polls how many times to look before giving up
     * @param exit how the server ended, for the failure message (empty while it runs)
     * @return the web UI's base address
     * @throws AssertionError when the server stopped or never announced it
     * @throws InterruptedException when interrupted while waiting
     */
    public static URI await(StringWriter err, Thread server, int polls, Supplier<String> exit)
            throws InterruptedException {
        for (int i = 0; i < polls; i++) {
            Matcher matcher = STARTED.matcher(err.toString());
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            if (!server.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("mlops server did not announce the web UI" + exit.get() + ": " + err);
    }
}
