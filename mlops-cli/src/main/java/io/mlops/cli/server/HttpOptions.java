package io.mlops.cli.server;

import io.mlops.error.UserError;
import io.mlops.net.ConnectionLimits;
import io.mlops.net.HostCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code mlops server} that say whom it answers and how long it waits for slow clients. */
final class HttpOptions {
    @Option(
            names = "--allowed-hosts",
            split = ",",
            paramLabel = "HOST",
            description = "Host names the server answers besides localhost, IP addresses and --host, e.g."
                    + " mlflow.example.com or *.example.com; * answers every name. Other Host headers get 403"
                    + " (against DNS rebinding).")
    private List<String> allowedHosts = new ArrayList<>();

    @Option(
            names = "--cors-allowed-origins",
            split = ",",
            paramLabel = "ORIGIN",
            description = "Web origins whose pages may write (POST, PUT, PATCH, DELETE) besides loopback ones and"
                    + " the server's own, e.g. https://ui.example.com; * allows all.")
    private List<String> allowedOrigins = new ArrayList<>();

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "The most open HTTP connections (default: ${DEFAULT-VALUE}).")
    private int maxConnections = ConnectionLimits.DEFAULTS.maxConnections();

    @Option(
            names = "--request-timeout-s",
            paramLabel = "S",
            description = "The longest wait for a request header, or for a body of up to 64 KiB; larger bodies must"
                    + " then keep up with --min-body-rate (default: ${DEFAULT-VALUE}).")
    private long requestTimeoutSeconds = ConnectionLimits.DEFAULTS.bodyTimeout().toSeconds();

    @Option(
            names = "--min-body-rate",
            paramLabel = "BYTES",
            description = "The slowest accepted upload, in bytes per second (default: ${DEFAULT-VALUE}).")
    private long minBodyRate = ConnectionLimits.DEFAULTS.minBodyRate();

    ConnectionLimits limits() {
        try {
            Duration timeout = Duration.ofSeconds(requestTimeoutSeconds);
            Duration idle = ConnectionLimits.DEFAULTS.idleTimeout();
            return new ConnectionLimits(
                    maxConnections,
                    timeout,
                    timeout,
                    ConnectionLimits.DEFAULTS.bufferedBodyBytes(),
                    minBodyRate,
                    idle.compareTo(timeout) > 0 ? idle : timeout);
        } catch (IllegalArgumentException e) {
            throw new UserError("--max-connections, --request-timeout-s and --min-body-rate: " + e.getMessage());
        }
    }

    HostCheck hostCheck(String bindAddress) {
        return HostCheck.of(bindAddress, allowedHosts, allowedOrigins);
    }
}
