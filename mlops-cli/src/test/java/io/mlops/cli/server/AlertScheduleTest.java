package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.home.SuiteHome;
import io.mlops.monitor.AlertKind;
import io.mlops.monitor.AlertRule;
import io.mlops.monitor.HealthHistory;
import io.mlops.monitor.HealthSample;
import io.mlops.registry.Change;
import io.mlops.registry.RecordedEvent;
import io.mlops.registry.RegistryEvent;
import io.mlops.store.StoreUrl;
import io.mlops.suite.SuiteStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's alert schedule: it evaluates the rules on its own thread and announces what fires. */
class AlertScheduleTest {
    @TempDir
    Path directory;

    @Test
    void shouldAnnounceAnAlertThatFiresFromItsOwnThread() throws Exception {
        HealthHistory history = new HealthHistory() {
            @Override
            public void record(HealthSample sample) {
                throw new UnsupportedOperationException("the schedule only reads");
            }

            @Override
            public List<HealthSample> samples(String model, long fromMillis, long toMillis) {
                // a deployment drifting since the start of what is read (older than the rule's minute)
                return List.of(
                        new HealthSample(
                                model, 1, "http://127.0.0.1:8001", fromMillis, 5, 0, 1, 2, 3, Map.of("x", 0.5)),
                        new HealthSample(model, 1, "http://127.0.0.1:8001", toMillis, 5, 0, 1, 2, 3, Map.of("x", 0.5)));
            }
        };
        try (SuiteStores stores = SuiteStores.open(
                SuiteHome.resolve(directory.resolve("home"), Map.of()),
                StoreUrl.sqlite(directory.resolve("mlops.db")),
                null)) {
            stores.registry().createModel("persons", "", Map.of(), Change.by("alice"));
            stores.alertRules().add(new AlertRule("persons", "drift", AlertKind.DRIFT, 0.2, 1, null));
            CountDownLatch announced = new CountDownLatch(1);
            stores.registry().listeners().add(event -> {
                if (event instanceof RegistryEvent.AlertChanged) {
                    announced.countDown();
                }
            });
            StringWriter err = new StringWriter();

            try (AlertSchedule schedule = AlertSchedule.start(
                    stores.alertEvaluator(history, Clock.systemUTC()), Duration.ofMillis(50), new PrintWriter(err))) {
                assertThat(announced.await(60, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(stores.events().since(0, 100))
                    .extracting(RecordedEvent::event)
                    .filteredOn(RegistryEvent.AlertChanged.class::isInstance)
                    .singleElement()
                    .satisfies(event -> assertThat(((RegistryEvent.AlertChanged) event).firing())
                            .isTrue());
            assertThat(stores.alertStates().list("persons")).hasSize(1);
        }
    }
}
