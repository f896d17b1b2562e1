package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.suite.SuiteStores;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry webhook remove ID}: unsubscribe. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove webhook ID and its delivery log.")
final class WebhookRemoveCommand implements Callable<Integer> {
    @ParentCommand
    private WebhookCommand webhook;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "ID", description = "The webhook's id (see mlops registry webhook list).")
    private long id;

    @Override
    public Integer call() {
        try (SuiteStores store = webhook.open(storeOptions)) {
            store.webhooks().remove(id);
            webhook.output().result(Map.of("removed", id), "removed webhook " + id);
        }
        return 0;
    }
}
