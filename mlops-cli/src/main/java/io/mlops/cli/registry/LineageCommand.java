package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.Deployment;
import io.mlops.registry.Lineage;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RunLineage;
import io.mlops.registry.SnapshotLineage;
import io.mlops.suite.SuiteStores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry lineage MODEL VERSION}: where a version came from and went. */
@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        description =
                "Show where VERSION of MODEL came from (source, run, data snapshots, git) and where it is deployed.")
final class LineageCommand implements Callable<Integer> {
    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version number.")
    private int version;

    @Override
    public Integer call() {
        try (SuiteStores store = registry.open(storeOptions)) {
            Lineage lineage = store.registry().lineage(model, version);
            registry.output().result(lineage, text(lineage));
        }
        return 0;
    }

    private static String text(Lineage lineage) {
        ModelVersion version = lineage.version();
        StringBuilder text = new StringBuilder();
        text.append(version.model())
                .append(" v")
                .append(version.version())
                .append(" (")
                .append(version.status())
                .append(", aliases: ")
                .append(RegistryCommand.joined(version.aliases()))
                .append(")\n");
        text.append("source: ")
                .append(version.source().uri())
                .append(" (sha256 ")
                .append(version.source().sha256())
                .append(", ")
                .append(version.source().sizeBytes())
                .append(" bytes)\n");
        text.append("registered by ").append(version.createdBy()).append('\n');
        RunLineage run = lineage.run();
        if (run == null) {
            text.append("run: -\n");
        } else {
            text.append("run: ")
                    .append(run.runId())
                    .append(" (")
                    .append(run.name())
                    .append(", ")
                    .append(run.status())
                    .append(", experiment ")
                    .append(run.experimentId())
                    .append(")\n");
            text.append("git: ")
                    .append(run.gitCommit() == null ? "-" : run.gitCommit())
                    .append('\n');
        }
        if (lineage.snapshots().isEmpty()) {
            text.append("data: -\n");
        }
        for (SnapshotLineage snapshot : lineage.snapshots()) {
            text.append("data: ").append(snapshot.snapshotId());
            if (snapshot.known()) {
                text.append(" (").append(snapshot.sourcePath()).append(')');
                if (snapshot.gitCommit() != null) {
                    text.append(" git ").append(snapshot.gitCommit());
                }
            } else {
                text.append(" (not in this store)");
            }
            text.append('\n');
        }
        if (lineage.deployments().isEmpty()) {
            text.append("deployments: -\n");
        }
        for (Deployment deployment : lineage.deployments()) {
            text.append("deployed: ")
                    .append(deployment.backend())
                    .append(" on ")
                    .append(deployment.node())
                    .append(", ")
                    .append(deployment.status())
                    .append('\n');
        }
        return text.toString().stripTrailing();
    }
}
