package io.mlops.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** LIKE and ILIKE matched in memory, in linear-bounded time. */
class LikePatternTest {
    private static boolean like(String pattern, String text) {
        return LikePattern.of(pattern, false).matches(text);
    }

    private static boolean ilike(String pattern, String text) {
        return LikePattern.of(pattern, true).matches(text);
    }

    @Test
    void shouldMatchPercentAsAnyRunAndUnderscoreAsOneCharacter() {
        assertThat(like("pers%", "persons")).isTrue();
        assertThat(like("%sons", "persons")).isTrue();
        assertThat(like("%", "")).isTrue();
        assertThat(like("_", "")).isFalse();
        assertThat(like("p_rsons", "persons")).isTrue();
        assertThat(like("p_rsons", "prsons")).isFalse();
        assertThat(like("%a%b%c", "xaybzc")).isTrue();
        assertThat(like("%a%b%c", "xaybzcd")).isFalse();
        assertThat(like("a%%b", "ab")).isTrue();
        assertThat(like("persons", "persons2")).isFalse();
    }

    @Test
    void shouldTakeBackslashedWildcardsLiterally() {
        assertThat(like("100\\%", "100%")).isTrue();
        assertThat(like("100\\%", "1000")).isFalse();
        assertThat(like("a\\_b", "a_b")).isTrue();
        assertThat(like("a\\_b", "acb")).isFalse();
        assertThat(like("a\\\\b", "a\\b")).isTrue();
        assertThat(like("ends\\", "ends\\")).isTrue();
    }

    @Test
    void shouldIgnoreCaseOnlyForIlike() {
        assertThat(like("PERS%", "persons")).isFalse();
        assertThat(ilike("PERS%", "persons")).isTrue();
        assertThat(ilike("straße", "STRASSE")).isFalse();
        assertThat(ilike("ÄRGER_", "ärgerx")).isTrue();
    }

    @Test
    void shouldCountCharactersNotUtf16Units() {
        assertThat(like("_", "😀")).isTrue();
        assertThat(like("a_c", "a😀c")).isTrue();
    }

    @Test
    void shouldStayLinearOnPatternsThatBlowUpRegularExpressions() {
        String text = "a".repeat(5_000);
        String hostile = "%_".repeat(200) + "%z";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(like(hostile, text)).isFalse();
            assertThat(like(hostile.replace("z", "a"), text)).isTrue();
        });
    }
}
