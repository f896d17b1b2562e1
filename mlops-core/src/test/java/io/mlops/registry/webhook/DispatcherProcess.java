package io.mlops.registry.webhook;

import io.mlops.store.Database;
import io.mlops.store.Dialect;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A dispatcher in a process of its own, for the test that kills one with SIGKILL mid-delivery:
 * it delivers from the store named by its arguments until it is killed.
 *
 * <p>Arguments: {@code sqlite FILE} or {@code postgresql JDBC_URL USER PASSWORD}.
 */
public final class DispatcherProcess {
    /** The lease of this process's claims; the test's takeover dispatcher runs its clock past it. */
    static final Duration LEASE = Duration.ofSeconds(40);

    private DispatcherProcess() {}

    /**
     * Runs the dispatcher until the process is killed.
     *
     * @param args the store, as above
     * @throws InterruptedException never in practice: the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
        StoreUrl url = args[0].equals("sqlite")
                ? StoreUrl.sqlite(Path.of(args[1]))
                : new StoreUrl(Dialect.POSTGRESQL, null, args[1], args[2], args[3]);
        Database database = Database.open(url, Migrations.suite());
        DeliverySettings settings = new DeliverySettings(
                new RetryPolicy(3, Duration.ofSeconds(1)), Duration.ofSeconds(20), LEASE, Duration.ofMillis(100));
        new WebhookDispatcher(new WebhookStore(database), settings).start();
        System.out.println("dispatching");
        System.out.flush();
        Thread.currentThread().join();
    }
}
