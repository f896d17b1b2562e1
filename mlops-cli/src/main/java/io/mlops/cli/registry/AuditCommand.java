package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.AuditEntry;
import io.mlops.registry.ModelRegistry;
import io.mlops.suite.SuiteStores;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry audit MODEL}: the audit log. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show the audit log of MODEL, oldest first: when, who, what, from, to, why.")
final class AuditCommand implements Callable<Integer> {
    private static final String ROW = "%-20s  %-12s  %-17s  %-40s  %s";

    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "MODEL", description = "The registered model's name (a deleted one's too).")
    private String model;

    @Override
    public Integer call() {
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelRegistry models = store.registry();
            List<AuditEntry> entries = models.audit(model);
            if (entries.isEmpty()) {
                models.model(model); // an unknown model fails with the registry's message
            }
            StringBuilder text =
                    new StringBuilder(String.format(Locale.ROOT, ROW, "AT", "ACTOR", "ACTION", "CHANGE", "REASON"));
            for (AuditEntry entry : entries) {
                String change =
                        entry.from() == null ? nullToDash(entry.to()) : entry.from() + " => " + nullToDash(entry.to());
                text.append(String.format(
                        Locale.ROOT,
                        "%n" + ROW,
                        Instant.ofEpochMilli(entry.at()).toString().replaceFirst("\\.\\d+Z$", "Z"),
                        entry.actor(),
                        entry.action(),
                        change,
                        nullToDash(entry.reason())));
            }
            registry.output().result(entries, text.toString());
        }
        return 0;
    }

    private static String nullToDash(String value) {
        return value == null ? "-" : value;
    }
}
