package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The new-data trigger's decision between the id last seen and the id now. */
class DataPollTest {
    private static final String A = "0123456789abcdef0123456789abcdef";
    private static final String B = "fedcba9876543210fedcba9876543210";

    @Test
    void shouldOnlyRememberTheIdOnTheFirstPoll() {
        DataPoll poll = DataPoll.decide(null, A);

        assertThat(poll.verdict()).isEqualTo(DataPoll.Verdict.FIRST_LOOK);
        assertThat(poll.shouldBuild()).isFalse();
        assertThat(poll.describe()).isEqualTo("first poll: remembering snapshot id 0123456789ab");
    }

    @Test
    void shouldNotBuildWhenTheDataIsUnchanged() {
        DataPoll poll = DataPoll.decide(A, A);

        assertThat(poll.verdict()).isEqualTo(DataPoll.Verdict.UNCHANGED);
        assertThat(poll.shouldBuild()).isFalse();
    }

    @Test
    void shouldBuildWhenTheDataChanged() {
        DataPoll poll = DataPoll.decide(A, B);

        assertThat(poll.shouldBuild()).isTrue();
        assertThat(poll.describe()).isEqualTo("data changed: 0123456789ab -> fedcba987654");
    }

    @Test
    void shouldRejectAPollWithoutTheCurrentId() {
        assertThatThrownBy(() -> DataPoll.decide(A, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
