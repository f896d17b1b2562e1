package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegisteredModel;
import io.mlops.suite.SuiteStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry list}: registered models with their aliases. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models with their aliases.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Override
    public Integer call() {
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelRegistry models = store.registry();
            List<Map<String, Object>> json = new ArrayList<>();
            StringBuilder text =
                    new StringBuilder(String.format(Locale.ROOT, "%-24s  %8s  %s", "MODEL", "VERSIONS", "ALIASES"));
            for (RegisteredModel model : models.models("")) {
                int versions = models.versions(model.name()).size();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", model);
                row.put("versions", versions);
                json.add(row);
                text.append(String.format(
                        Locale.ROOT, "%n%-24s  %8d  %s", model.name(), versions, aliases(model.aliases())));
            }
            registry.output().result(json, text.toString());
        }
        return 0;
    }

    static String aliases(Map<String, Integer> aliases) {
        if (aliases.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(aliases).forEach((alias, version) -> parts.add(alias + "=v" + version));
        return String.join(", ", parts);
    }
}
