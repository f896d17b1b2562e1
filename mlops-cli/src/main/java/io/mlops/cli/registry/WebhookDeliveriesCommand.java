package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.webhook.DeliveryAttempt;
import io.mlops.suite.SuiteStores;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry webhook deliveries ID}: the delivery log of a webhook. */
@Command(
        name = "deliveries",
        mixinStandardHelpOptions = true,
        description = "Show every delivery attempt to webhook ID, newest first.")
final class WebhookDeliveriesCommand implements Callable<Integer> {
    private static final String ROW = "%-20s  %-36s  %-18s  %-7s  %-9s  %-4s  %s";

    @ParentCommand
    private WebhookCommand webhook;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "ID", description = "The webhook's id.")
    private long id;

    @Override
    public Integer call() {
        try (SuiteStores store = webhook.open(storeOptions)) {
            List<DeliveryAttempt> attempts = store.webhooks().deliveries(id);
            StringBuilder text = new StringBuilder(
                    String.format(Locale.ROOT, ROW, "AT", "DELIVERY", "EVENT", "ATTEMPT", "STATUS", "HTTP", "ERROR"));
            for (DeliveryAttempt a : attempts) {
                text.append(String.format(
                        Locale.ROOT,
                        "%n" + ROW,
                        Instant.ofEpochMilli(a.at()).toString().replaceFirst("\\.\\d+Z$", "Z"),
                        a.deliveryId(),
                        a.event(),
                        a.attempt(),
                        a.status(),
                        a.httpStatus() == null ? "-" : a.httpStatus(),
                        a.error() == null ? "-" : a.error()));
            }
            webhook.output().result(attempts, attempts.isEmpty() ? "no deliveries yet" : text.toString());
        }
        return 0;
    }
}
