package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.webhook.Webhook;
import io.mlops.suite.SuiteStores;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry webhook list}: the webhooks, without their secrets. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the webhooks (secrets are never shown).")
final class WebhookListCommand implements Callable<Integer> {
    private static final String ROW = "%-4s  %-20s  %-12s  %-45s  %s";

    @ParentCommand
    private WebhookCommand webhook;

    @Mixin
    private StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (SuiteStores store = webhook.open(storeOptions)) {
            List<Webhook> webhooks = store.webhooks().list();
            StringBuilder text =
                    new StringBuilder(String.format(Locale.ROOT, ROW, "ID", "CREATED", "MODEL", "EVENTS", "URL"));
            for (Webhook w : webhooks) {
                text.append(String.format(
                        Locale.ROOT,
                        "%n" + ROW,
                        w.id(),
                        Instant.ofEpochMilli(w.createdAt()).toString().replaceFirst("\\.\\d+Z$", "Z"),
                        w.model() == null ? "*" : w.model(),
                        w.events().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                        w.url()));
            }
            webhook.output().result(webhooks, webhooks.isEmpty() ? "no webhooks" : text.toString());
        }
        return 0;
    }
}
