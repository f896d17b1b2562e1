package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegisteredModel;
import io.mlops.suite.SuiteStores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry show MODEL}: a model's versions. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a model's versions: status, hash prefix, run, data snapshots, aliases and source.")
final class ShowCommand implements Callable<Integer> {
    private static final String ROW = "%-7s  %-8s  %-12s  %-8s  %-17s  %-20s  %s";

    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "MODEL", description = "The registered model's name.")
    private String name;

    @Override
    public Integer call() {
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelRegistry models = store.registry();
            RegisteredModel model = models.model(name);
            List<ModelVersion> versions = models.versions(name);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model);
            json.put("versions", versions);
            StringBuilder text = new StringBuilder();
            text.append("model ").append(model.name());
            if (!model.description().isEmpty()) {
                text.append(" (").append(model.description()).append(')');
            }
            text.append(", aliases: ")
                    .append(ListCommand.aliases(model.aliases()))
                    .append('\n');
            text.append(String.format(
                    Locale.ROOT, ROW, "VERSION", "STATUS", "SHA256", "RUN", "SNAPSHOTS", "ALIASES", "SOURCE"));
            for (ModelVersion version : versions) {
                text.append(String.format(
                        Locale.ROOT,
                        "%n" + ROW,
                        "v" + version.version(),
                        version.status(),
                        version.source().sha256().substring(0, 12),
                        RegistryCommand.shortId(version.runId()),
                        RegistryCommand.joined(version.snapshotIds().stream()
                                .map(RegistryCommand::shortId)
                                .toList()),
                        RegistryCommand.joined(version.aliases()),
                        version.source().uri()));
            }
            registry.output().result(json, text.toString());
        }
        return 0;
    }
}
