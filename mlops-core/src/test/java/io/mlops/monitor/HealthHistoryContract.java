package io.mlops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deployment health series in the store: order, NaN, drift, retention by age, cap, lease; SQLite and PostgreSQL. */
abstract class HealthHistoryContract {
    private static final long T0 = 1_800_000_000_000L;
    private static final String A = "http://10.0.0.1:8080/v2/models/persons";
    private static final String B = "http://10.0.0.2:8080/v2/models/persons";

    private Database database;
    private MutableClock clock;

    abstract StoreUrl newStore();

    @BeforeEach
    void open() {
        database = Database.open(newStore(), Migrations.suite());
        clock = new MutableClock(T0);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private JdbcHealthHistory history(Duration age, int cap) {
        return new JdbcHealthHistory(database, new HealthRetention(age, cap), clock);
    }

    private static HealthSample sample(String endpoint, long at, double rps) {
        return new HealthSample(
                "persons", 2, endpoint, at, rps, 0.25, 1.5, 4.0, 9.0, Map.of("age", 0.31, "income", 0.02));
    }

    @Test
    void shouldGiveSamplesBackOldestFirstWithEveryMeasure() {
        JdbcHealthHistory history = history(Duration.ofHours(24), 100);
        history.record(sample(B, T0 - 2_000, 3));
        history.record(sample(A, T0 - 1_000, 2));
        history.record(sample(A, T0 - 3_000, 1));
        history.record(new HealthSample("other", 1, A, T0 - 1_500, 9, 0, 1, 1, 1, Map.of()));

        List<HealthSample> samples = history.samples("persons", T0 - 10_000, T0);

        assertThat(samples).extracting(HealthSample::at).containsExactly(T0 - 3_000, T0 - 2_000, T0 - 1_000);
        assertThat(samples.get(1)).isEqualTo(sample(B, T0 - 2_000, 3));
        assertThat(samples.get(1).inputPsi()).containsExactlyInAnyOrderEntriesOf(Map.of("age", 0.31, "income", 0.02));
        assertThat(history.samples("persons", T0 - 2_000, T0 - 2_000))
                .extracting(HealthSample::endpoint)
                .containsExactly(B);
    }

    @Test
    void shouldKeepNanMeasuresAndGapsAsNan() {
        JdbcHealthHistory history = history(Duration.ofHours(24), 100);
        history.record(new HealthSample(
                "persons", 2, A, T0 - 2_000, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of()));
        history.record(HealthGaps.gap("persons", 2, A, T0 - 1_000));

        List<HealthSample> samples = history.samples("persons", 0, T0);

        assertThat(samples.get(0).requestsPerSecond()).isZero();
        assertThat(samples.get(0).p95Ms()).isNaN();
        assertThat(HealthGaps.isGap(samples.get(0))).isFalse();
        assertThat(HealthGaps.isGap(samples.get(1))).isTrue();
        assertThat(samples.get(1).inputPsi()).isEmpty();
    }

    @Test
    void shouldKeepARepeatedReadingOnce() {
        JdbcHealthHistory history = history(Duration.ofHours(24), 100);
        history.record(sample(A, T0 - 1_000, 2));
        history.record(sample(A, T0 - 1_000, 2));

        assertThat(history.samples("persons", 0, T0)).hasSize(1);
    }

    @Test
    void shouldDropSamplesOlderThanTheRetention() {
        JdbcHealthHistory history = history(Duration.ofHours(1), 100);
        history.record(sample(A, T0 - 3_000_000, 1));
        history.record(sample(B, T0 - 2_000_000, 2));
        clock.now = T0 + 1_500_000; // the first is now older than an hour, the second not yet

        history.record(sample(A, T0 + 1_500_000, 3));

        assertThat(history.samples("persons", 0, Long.MAX_VALUE))
                .extracting(HealthSample::at)
                .containsExactly(T0 - 2_000_000, T0 + 1_500_000);
    }

    @Test
    void shouldCapTheSamplesOfEachEndpointKeepingTheNewest() {
        JdbcHealthHistory history = history(Duration.ofHours(24), 3);
        for (int i = 0; i < 5; i++) {
            history.record(sample(A, T0 - 10_000 + i * 1_000, i));
        }
        history.record(sample(B, T0 - 20_000, 9));

        List<HealthSample> samples = history.samples("persons", 0, T0);

        assertThat(samples.stream().filter(s -> s.endpoint().equals(A)))
                .extracting(HealthSample::requestsPerSecond)
                .containsExactly(2.0, 3.0, 4.0);
        assertThat(samples.stream().filter(s -> s.endpoint().equals(B))).hasSize(1);
    }

    @Test
    void shouldLetOneHolderAtATimeHoldTheLeaseUntilItExpires() {
        MonitorLease first = new MonitorLease(database, "health-poller", "server-1", Duration.ofSeconds(30), clock);
        MonitorLease second = new MonitorLease(database, "health-poller", "server-2", Duration.ofSeconds(30), clock);

        assertThat(first.acquire()).isTrue();
        assertThat(second.acquire()).isFalse();
        clock.now += 20_000;
        assertThat(first.acquire()).isTrue(); // renewed for 30 s from now
        clock.now += 20_000;
        assertThat(second.acquire()).isFalse();
        clock.now += 11_000;
        assertThat(second.acquire()).isTrue(); // the first stopped renewing
        assertThat(first.acquire()).isFalse();
        second.release();
        assertThat(first.acquire()).isTrue();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        long now;

        MutableClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
