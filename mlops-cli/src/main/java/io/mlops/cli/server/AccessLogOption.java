package io.mlops.cli.server;

import io.mlops.error.UserError;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --access-log off|FILE} of {@code mlops server}: where the access log goes, stderr by default. */
final class AccessLogOption {
    @Option(
            names = "--access-log",
            paramLabel = "off|FILE",
            description = "Where the access log goes, one line per request (method, path, status, duration):"
                    + " standard error by default, 'off' for none, or a file to append to.")
    private String target;

    /**
     * Opens the log.
     *
     * @param err the command's standard error
     * @return the open log, whose filter is null when the log is off
     */
    Open open(PrintWriter err) {
        if ("off".equals(target)) {
            return new Open(null, null);
        }
        if (target == null || target.isEmpty()) {
            return new Open(new AccessLog(line -> write(err, line)), null);
        }
        Path file = Path.of(target);
        try {
            Writer writer = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new Open(new AccessLog(line -> write(writer, line)), writer);
        } catch (IOException e) {
            throw new UserError("cannot write the access log " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void write(Writer writer, String line) {
        synchronized (writer) {
            try {
                writer.write(line);
                writer.write(System.lineSeparator());
                writer.flush();
            } catch (IOException e) {
                // A full disk must not fail the requests the log describes.
            }
        }
    }

    /**
     * The log while the server runs.
     *
     * @param filter the filter to put first, or null when off
     * @param file the file it writes, or null
     */
    record Open(AccessLog filter, Writer file) implements AutoCloseable {
        /**
         * The filters to run before authentication, with this log first so that it sees every answer.
         *
         * @param others the host's other filters
         * @return the list
         */
        List<Filter> first(Filter... others) {
            List<Filter> filters = new ArrayList<>();
            if (filter != null) {
                filters.add(filter);
            }
            filters.addAll(List.of(others));
            return filters;
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }
}
