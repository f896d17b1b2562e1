package io.mlops.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: a fresh cluster in a temporary directory, listening on a
 * free port of 127.0.0.1 only, with a random password; stopped and deleted by {@link #close()}.
 *
 * <p>The binaries come from {@code $MLOPS_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}
 * (Debian's packages), else {@code initdb} and {@code pg_ctl} on the PATH. PostgreSQL refuses to
 * run as root, so under root the server runs as the {@code postgres} user through {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String USER = "mlops";

    private final Path bin;
    private final Path directory;
    private final String password;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path directory, String password, int port) {
        this.bin = bin;
        this.directory = directory;
        this.password = password;
        this.port = port;
    }

    /**
     * Where the PostgreSQL binaries are, if installed.
     *
     * @return the directory holding initdb and pg_ctl, or empty
     */
    public static Optional<Path> binaries() {
        String configured = System.getenv("MLOPS_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(PostgresServer::hasBinaries);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.filter(
                                v -> v.getFileName().toString().matches("\\d+"))
                        .max(Comparator.comparingInt(
                                v -> Integer.parseInt(v.getFileName().toString())))
                        .map(v -> v.resolve("bin"))
                        .filter(PostgresServer::hasBinaries);
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && hasBinaries(Path.of(dir))) {
                return Optional.of(Path.of(dir));
            }
        }
        return Optional.empty();
    }

    private static boolean hasBinaries(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
    }

    /**
     * Creates a cluster and starts it.
     *
     * @param bin the directory of initdb and pg_ctl
     * @return the running server
     * @throws IOException when the cluster cannot be created or started
     */
    public static PostgresServer start(Path bin) throws IOException {
        Path directory = Files.createTempDirectory("mlops-pg-");
        String password = randomPassword();
        PostgresServer server = new PostgresServer(bin, directory, password, freePort());
        try {
            server.initialize();
            server.startServer();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void initialize() throws IOException {
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        if (asRoot()) {
            // The cluster's files must belong to the user that runs the server.
            UserPrincipal postgres =
                    directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(directory, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        run(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data().toString(),
                "-U",
                USER,
                "--pwfile=" + passwordFile,
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--no-sync"));
    }

    /**
     * Starts the server again after {@link #stop()}, on the same port.
     *
     * @throws IOException when it does not start
     */
    public void startServer() throws IOException {
        run(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data().toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-c listen_addresses=127.0.0.1 -p " + port
                        + " -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off",
                "start"));
    }

    /**
     * Stops the server, keeping its data for {@link #startServer()}.
     *
     * @throws IOException when pg_ctl fails
     */
    public void stop() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "stop"));
    }

    /**
     * Creates an empty database.
     *
     * @return its store URL, {@code postgresql://mlops:PASSWORD@127.0.0.1:PORT/NAME}
     */
    public String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /**
     * The store URL of a database of this server.
     *
     * @param database the database's name
     * @return the URL with user and password
     */
    public String url(String database) {
        return "postgresql://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + database;
    }

    /**
     * The password of the server's user.
     *
     * @return the password
     */
    public String password() {
        return password;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                stop();
            }
        } catch (IOException e) {
            // deleting the files below is all that is left to do
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Processes.Result result = Processes.run(directory, full);
        if (result.exitCode() != 0) {
            String log = "";
            Path serverLog = directory.resolve("server.log");
            if (Files.isReadable(serverLog)) {
                log = "\nserver log:\n" + Files.readString(serverLog);
            }
            throw new IOException(
                    "failed (" + result.exitCode() + "): " + String.join(" ", command) + "\n" + result.output() + log);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
