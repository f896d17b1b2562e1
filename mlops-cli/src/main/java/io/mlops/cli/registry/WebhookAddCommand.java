package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.error.UserError;
import io.mlops.registry.webhook.NewWebhook;
import io.mlops.registry.webhook.Webhook;
import io.mlops.registry.webhook.WebhookEvent;
import io.mlops.suite.SuiteStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry webhook add URL --event E}: subscribe a URL to registry events. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Subscribe URL to registry events and print the webhook's id.",
            "The secret that signs each payload comes from --secret-file or $" + WebhookAddCommand.SECRET_VARIABLE
                    + " (never from the command line, where other users could read it); it is never shown again.",
            "Each POST carries X-Mlops-Event, X-Mlops-Delivery, X-Mlops-Timestamp and X-Mlops-Signature:"
                    + " sha256=HEX of HMAC-SHA256(secret, TIMESTAMP + \".\" + BODY)."
        })
final class WebhookAddCommand implements Callable<Integer> {
    static final String SECRET_VARIABLE = "MLOPS_WEBHOOK_SECRET";

    @ParentCommand
    private WebhookCommand webhook;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "URL", description = "Where to POST events (http:// or https://).")
    private String url;

    @Option(
            names = "--event",
            required = true,
            paramLabel = "EVENT",
            description = "VERSION_CREATED, ALIAS_MOVED or DEPLOYMENT_CHANGED (repeatable).")
    private List<String> events;

    @Option(names = "--model", paramLabel = "MODEL", description = "Only this model's events (default: every model).")
    private String model;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "A file holding the secret (first line).")
    private Path secretFile;

    @Override
    public Integer call() {
        Set<WebhookEvent> kinds = EnumSet.noneOf(WebhookEvent.class);
        events.forEach(name -> kinds.add(WebhookEvent.parse(name)));
        NewWebhook request = new NewWebhook(NewWebhook.url(url), secret(), kinds, model);
        try (SuiteStores store = webhook.open(storeOptions)) {
            Webhook added = store.webhooks().add(request);
            webhook.output().result(added, Long.toString(added.id()));
        }
        return 0;
    }

    private String secret() {
        if (secretFile != null) {
            try {
                List<String> lines = Files.readAllLines(secretFile, StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.getFirst().isBlank()) {
                    throw new UserError("the secret file " + secretFile + " is empty");
                }
                return lines.getFirst().strip();
            } catch (IOException e) {
                throw new UserError("cannot read the secret file " + secretFile + ": " + e.getMessage(), e);
            }
        }
        String value = webhook.root().environment().get(SECRET_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new UserError("a webhook needs a secret: pass --secret-file FILE or set " + SECRET_VARIABLE);
        }
        return value.strip();
    }
}
