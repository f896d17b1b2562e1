package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.ModelVersion;
import io.mlops.suite.SuiteStores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry archive MODEL VERSION}: retire a version. */
@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        description = {
            "Archive VERSION of MODEL: it stays, but no alias may move to it. Move its aliases away first.",
            RegistryCommand.ACTOR_NOTE
        })
final class ArchiveCommand implements Callable<Integer> {
    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version number.")
    private int version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
    private String reason;

    @Override
    public Integer call() {
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelVersion archived = store.registry().archive(model, version, registry.change(reason));
            registry.output().result(archived, model + ": v" + archived.version() + " " + archived.status());
        }
        return 0;
    }
}
