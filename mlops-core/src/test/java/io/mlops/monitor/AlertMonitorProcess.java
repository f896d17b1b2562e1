package io.mlops.monitor;

import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.RegistryEvents;
import io.mlops.store.Database;
import io.mlops.store.Dialect;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.suite.RegistryAlertAnnouncer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * An alert evaluator in a process of its own, for the test that kills one with SIGKILL while its
 * alert fires: it evaluates once over the samples {@link AlertMonitorContract#breaching} gives,
 * prints {@code fired N}, and waits to be killed.
 *
 * <p>Arguments: {@code NOW_MILLIS sqlite FILE} or {@code NOW_MILLIS postgresql JDBC_URL USER PASSWORD}.
 */
public final class AlertMonitorProcess {
    private AlertMonitorProcess() {}

    /**
     * Evaluates, reports, and waits until the process is killed.
     *
     * @param args the time and the store, as above
     * @throws InterruptedException never in practice: the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
        long now = Long.parseLong(args[0]);
        StoreUrl url = args[1].equals("sqlite")
                ? StoreUrl.sqlite(Path.of(args[2]))
                : new StoreUrl(Dialect.POSTGRESQL, null, args[2], args[3], args[4]);
        Database database = Database.open(url, Migrations.suite());
        JdbcModelRegistry registry = new JdbcModelRegistry(database);
        ListHealthHistory history = new ListHealthHistory();
        AlertMonitorContract.breaching(now).forEach(history::record);
        AlertEvaluator evaluator = new AlertEvaluator(
                new AlertRules(database, registry::model, Clock.systemUTC()),
                new AlertStates(database),
                history,
                new RegistryAlertAnnouncer(registry, new RegistryEvents(database)),
                Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
        System.out.println("fired " + evaluator.evaluate().size());
        System.out.flush();
        Thread.currentThread().join();
    }
}
