package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.AliasName;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.suite.SuiteStores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry alias MODEL ALIAS VERSION}: point an alias at a version. */
@Command(
        name = "alias",
        mixinStandardHelpOptions = true,
        description = {"Set ALIAS of MODEL to VERSION, or move it there.", RegistryCommand.ACTOR_NOTE})
final class AliasCommand implements Callable<Integer> {
    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @Parameters(
            index = "1",
            paramLabel = "ALIAS",
            description = "The alias, e.g. production: letters, digits, '_' and '-'.")
    private String alias;

    @Parameters(index = "2", paramLabel = "VERSION", description = "The version number it is to point at.")
    private int version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
    private String reason;

    @Override
    public Integer call() {
        AliasName name = new AliasName(alias);
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelRegistry models = store.registry();
            Integer before = models.model(model).aliases().get(name.value());
            ModelVersion target = models.setAlias(model, name, version, registry.change(reason));
            String text = model + ": " + name + " -> v" + target.version()
                    + (before == null ? "" : before == target.version() ? " (unchanged)" : " (was v" + before + ")");
            registry.output().result(target, text);
        }
        return 0;
    }
}
