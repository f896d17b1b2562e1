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

/** {@code mlops registry rollback MODEL ALIAS}: move an alias back. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Move ALIAS of MODEL back to the version it held before its last move; again goes further back.",
            RegistryCommand.ACTOR_NOTE
        })
final class RollbackCommand implements Callable<Integer> {
    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias, e.g. production.")
    private String alias;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
    private String reason;

    @Override
    public Integer call() {
        AliasName name = new AliasName(alias);
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelRegistry models = store.registry();
            int before = models.versionByAlias(model, name).version();
            ModelVersion target = models.rollback(model, name, registry.change(reason));
            registry.output()
                    .result(
                            target,
                            model + ": " + name + " rolled back to v" + target.version() + " (was v" + before + ")");
        }
        return 0;
    }
}
