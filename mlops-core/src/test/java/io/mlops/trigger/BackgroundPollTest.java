package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A data poll handed to the host's executor: the caller never waits, and polls never pile up. */
class BackgroundPollTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void shouldReturnAtOnceAndSkipAPollWhileASlowFingerprintStillRuns() throws Exception {
        BackgroundPoll poll = new BackgroundPoll(executor);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger fingerprints = new AtomicInteger();

        Optional<CompletableFuture<DataPoll>> first = poll.poll("aaaa", () -> {
            fingerprints.incrementAndGet();
            started.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "bbbb";
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // The caller (the cron thread) got its answer while the fingerprint is still running.
        assertThat(first).hasValueSatisfying(decision -> assertThat(decision).isNotDone());
        assertThat(poll.inFlight()).isTrue();

        Optional<CompletableFuture<DataPoll>> second = poll.poll("aaaa", () -> {
            fingerprints.incrementAndGet();
            return "cccc";
        });
        assertThat(second).as("skipped, not queued").isEmpty();

        finish.countDown();
        DataPoll decided = first.orElseThrow().get(30, TimeUnit.SECONDS);
        assertThat(decided.shouldBuild()).isTrue();
        assertThat(decided.current()).isEqualTo("bbbb");
        assertThat(poll.inFlight()).isFalse();
        assertThat(fingerprints).hasValue(1);

        DataPoll next = poll.poll("bbbb", () -> "bbbb").orElseThrow().get(30, TimeUnit.SECONDS);
        assertThat(next.verdict()).isEqualTo(DataPoll.Verdict.UNCHANGED);
    }

    @Test
    void shouldLetTheNextPollStartAfterAFingerprintFailed() throws Exception {
        BackgroundPoll poll = new BackgroundPoll(executor);

        CompletableFuture<DataPoll> failed = poll.poll(null, () -> {
                    throw new IllegalStateException("the node is offline");
                })
                .orElseThrow();

        assertThat(failed)
                .failsWithin(30, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("the node is offline");
        assertThat(poll.poll(null, () -> "aaaa")
                        .orElseThrow()
                        .get(30, TimeUnit.SECONDS)
                        .verdict())
                .isEqualTo(DataPoll.Verdict.FIRST_LOOK);
    }
}
