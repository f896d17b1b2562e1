package io.mlops.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build-scoped bearer tokens: random, bound to their build, dead once it ends, kept across restarts. */
class ScopedTokensTest {
    @TempDir
    Path directory;

    private Database database;
    private ScopedTokens tokens;

    @BeforeEach
    void open() {
        database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        tokens = new ScopedTokens(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** A host restarted: a new database handle and a new ScopedTokens on the same file. */
    private ScopedTokens restarted(Clock clock) {
        database.close();
        database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        return new ScopedTokens(database, clock);
    }

    @Test
    void shouldStillAcceptATokenAfterTheHostRestarted() {
        String token = tokens.issue("persons#12");

        ScopedTokens afterRestart = restarted(Clock.systemUTC());

        assertThat(afterRestart.verify(token)).contains("persons#12");
        assertThat(afterRestart.liveScopes()).containsExactly("persons#12");
    }

    @Test
    void shouldKeepARevokedTokenRevokedAfterTheHostRestarted() {
        String token = tokens.issue("persons#12");
        tokens.revoke("persons#12");

        ScopedTokens afterRestart = restarted(Clock.systemUTC());

        assertThat(afterRestart.verify(token)).isEmpty();
        assertThat(afterRestart.live()).isZero();
    }

    @Test
    void shouldRefuseATokenPastItsLifetime() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        ScopedTokens early = new ScopedTokens(database, Clock.fixed(issued, ZoneOffset.UTC));
        String token = early.issue("persons#12", Duration.ofHours(1));

        assertThat(early.verify(token)).contains("persons#12");
        ScopedTokens late = new ScopedTokens(database, Clock.fixed(issued.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertThat(late.verify(token)).isEmpty();
    }

    @Test
    void shouldKeepOnlyTheHashOfATokenInTheStore() throws Exception {
        String token = tokens.issue("persons#12");

        List<String> stored = new ArrayList<>();
        try (var connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT hash, scope FROM build_token");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                stored.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        assertThat(stored).singleElement().satisfies(row -> {
            assertThat(row).doesNotContain(token);
            assertThat(row).matches("[0-9a-f]{64} persons#12");
        });
    }

    @Test
    void shouldFindTheScopeOfAnIssuedToken() {
        String token = tokens.issue("persons#12");

        assertThat(tokens.verify(token)).contains("persons#12");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void shouldIssueADifferentTokenEachTime() {
        assertThat(tokens.issue("persons#12")).isNotEqualTo(tokens.issue("persons#12"));
    }

    @Test
    void shouldRefuseUnknownAndAbsentTokens() {
        tokens.issue("persons#12");

        assertThat(tokens.verify("guess")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
    }

    @Test
    void shouldRevokeOnlyTheEndedBuildsTokens() {
        String first = tokens.issue("persons#12");
        String second = tokens.issue("persons#12");
        String other = tokens.issue("persons#13");

        assertThat(tokens.revoke("persons#12")).isEqualTo(2);

        assertThat(tokens.verify(first)).isEmpty();
        assertThat(tokens.verify(second)).isEmpty();
        assertThat(tokens.verify(other)).contains("persons#13");
        assertThat(tokens.live()).isEqualTo(1);
    }

    @Test
    void shouldRequireAScope() {
        assertThatThrownBy(() -> tokens.issue(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
