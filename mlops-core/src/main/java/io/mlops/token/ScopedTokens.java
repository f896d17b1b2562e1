package io.mlops.token;

import io.mlops.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Bearer tokens, each bound to one scope (in Jenkins: one build), that a process outside the host
 * presents to reach an API (the training script's MLflow client calling the tracking API served by
 * the controller).
 *
 * <p>A token is 256 random bits; only its SHA-256 is kept, in the metadata store with its scope,
 * its expiry and its revocation, so a host restarted while a build runs still accepts the build's
 * token (the build's process did not restart), a revoked token stays refused, and no copy of the
 * store, heap dump or log hands out a live token. Every host on the store sees the same tokens.
 */
public final class ScopedTokens {
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Database database;
    private final Clock clock;

    /**
     * Creates the tokens on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param clock the source of issue, expiry and revocation times
     */
    public ScopedTokens(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the tokens with the system clock.
     *
     * @param database the metadata database
     */
    public ScopedTokens(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * Issues a new token for a scope, valid until the scope is revoked; earlier tokens of the scope
     * stay valid too.
     *
     * @param scope what the token is for, e.g. a build's full id {@code folder/job#12}
     * @return the token, to hand to the process once and never to print
     */
    public String issue(String scope) {
        return issue(scope, null);
    }

    /**
     * Issues a new token for a scope that also ends after a while.
     *
     * @param scope what the token is for
     * @param lifetime how long it is valid at most, or null for until revoked
     * @return the token, to hand to the process once and never to print
     */
    public String issue(String scope, Duration lifetime) {
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("a token needs a scope");
        }
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new IllegalArgumentException("a token's lifetime must be positive: " + lifetime);
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO build_token(hash, scope, issued_at, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, hash(token));
                insert.setString(2, scope);
                insert.setLong(3, now);
                insert.setObject(4, lifetime == null ? null : now + lifetime.toMillis(), Types.BIGINT);
                insert.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /**
     * Finds the scope of a presented token.
     *
     * @param token the token as presented, or null
     * @return its scope, or empty when the token is unknown, expired, revoked or absent
     */
    public Optional<String> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT scope FROM build_token WHERE hash = ?"
                    + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)")) {
                select.setString(1, hash(token));
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Revokes every token of a scope.
     *
     * @param scope the scope whose work ended
     * @return how many tokens were revoked
     */
    public int revoke(String scope) {
        long now = clock.millis();
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE build_token SET revoked_at = ? WHERE scope = ? AND revoked_at IS NULL")) {
                update.setLong(1, now);
                update.setString(2, scope);
                return update.executeUpdate();
            }
        });
    }

    /**
     * The scopes that hold live tokens, so that a restarted host can revoke those whose work ended
     * while it was down.
     *
     * @return the scopes, sorted
     */
    public List<String> liveScopes() {
        long now = clock.millis();
        return database.read(connection -> {
            List<String> scopes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT scope FROM build_token"
                    + " WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY scope")) {
                select.setLong(1, now);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        scopes.add(rows.getString(1));
                    }
                }
            }
            return scopes;
        });
    }

    /**
     * How many tokens are live, for diagnostics.
     *
     * @return the number of unrevoked, unexpired tokens
     */
    public int live() {
        long now = clock.millis();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM build_token"
                    + " WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)")) {
                select.setLong(1, now);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
