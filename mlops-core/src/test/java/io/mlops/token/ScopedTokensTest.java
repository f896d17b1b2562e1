package io.mlops.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Build-scoped bearer tokens: random, bound to their build, dead once it ends. */
class ScopedTokensTest {
    private final ScopedTokens tokens = new ScopedTokens();

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
