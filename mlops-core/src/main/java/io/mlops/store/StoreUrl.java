package io.mlops.store;

import io.mlops.error.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the metadata store lives: {@code sqlite:PATH} or
 * {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?PARAMS]}.
 *
 * <p>The password never appears in {@link #toString()}: store locations end up in logs and error
 * messages.
 *
 * @param dialect which database speaks
 * @param file the SQLite file, or null for PostgreSQL
 * @param jdbcUrl the JDBC URL without credentials
 * @param user the PostgreSQL user, or null
 * @param password the PostgreSQL password, or null
 */
public record StoreUrl(Dialect dialect, Path file, String jdbcUrl, String user, String password) {
    private static final String SQLITE = "sqlite:";
    private static final String POSTGRESQL = "postgresql://";
    private static final String POSTGRES = "postgres://";

    /** Validates that the location fits its dialect. */
    public StoreUrl {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if ((dialect == Dialect.SQLITE) != (file != null)) {
            throw new IllegalArgumentException("a SQLite store has a file, a PostgreSQL store has none");
        }
    }

    /**
     * A SQLite file.
     *
     * @param file the database file
     * @return its location
     */
    public static StoreUrl sqlite(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new StoreUrl(Dialect.SQLITE, absolute, "jdbc:sqlite:" + absolute, null, null);
    }

    /**
     * Parses a store location as users write it.
     *
     * @param text {@code sqlite:PATH} or {@code postgresql://...}
     * @return the location
     * @throws UserError when the text is neither
     */
    public static StoreUrl parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith(SQLITE)) {
            String path = value.substring(SQLITE.length());
            // SQLAlchemy spells files sqlite:///relative and sqlite:////absolute; accept both forms.
            if (path.startsWith("///")) {
                path = path.substring(3);
            }
            if (path.isEmpty()) {
                throw new UserError("store URL '" + value + "' names no file: use sqlite:PATH");
            }
            try {
                return sqlite(Path.of(path));
            } catch (InvalidPathException e) {
                throw new UserError("store URL '" + value + "' has an invalid path: " + e.getMessage(), e);
            }
        }
        if (value.startsWith(POSTGRESQL) || value.startsWith(POSTGRES)) {
            return postgresql(value);
        }
        throw new UserError(
                "unsupported store URL '" + redact(value) + "': use sqlite:PATH or postgresql://HOST[:PORT]/DATABASE");
    }

    private static StoreUrl postgresql(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new UserError("store URL '" + redact(value) + "' is not a valid URL: " + e.getReason(), e);
        }
        if (uri.getHost() == null
                || uri.getRawPath() == null
                || uri.getRawPath().length() <= 1) {
            throw new UserError(
                    "store URL '" + redact(value) + "' needs a host and a database: postgresql://HOST[:PORT]/DATABASE");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        if (password == null) {
            // libpq's convention, so a password need not be written into a command line.
            password = System.getenv("PGPASSWORD");
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new StoreUrl(Dialect.POSTGRESQL, null, jdbc, user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static String redact(String value) {
        return value.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
    }

    /**
     * The location as users write it, with the password replaced by {@code ***}.
     *
     * @return e.g. {@code postgresql://mlops:***@db:5432/mlops}
     */
    @Override
    public String toString() {
        if (dialect == Dialect.SQLITE) {
            return SQLITE + file;
        }
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String credentials = user == null ? "" : user + (password == null ? "" : ":***") + "@";
        return POSTGRESQL + credentials + rest;
    }
}
