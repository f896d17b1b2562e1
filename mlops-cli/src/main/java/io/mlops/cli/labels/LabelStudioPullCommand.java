package io.mlops.cli.labels;

import io.mlops.cli.Sizes;
import io.mlops.data.SnapshotRequest;
import io.mlops.data.Snapshotter;
import io.mlops.error.UserError;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.live.LabelStudioPull;
import io.mlops.labels.live.LabelStudioSource;
import io.mlops.labels.live.LabelStudioToken;
import io.mlops.labels.live.PullResult;
import io.mlops.labels.scan.LabeledSnapshotResult;
import io.mlops.labels.scan.LabeledSnapshots;
import io.mlops.labels.scan.LabelsRejected;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mlops data labels pull --url URL --project ID --out DIR [--snapshot]}: a Label Studio project's
 * annotations and images, as its JSON export with the images beside it.
 */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = {
            "Pull a live Label Studio project's annotated tasks and their images into a new directory:",
            "DIR/result.json (Label Studio's JSON export, read as labelstudio:DIR/result.json) with the images",
            "beside it. Images come from the server (uploads, local files) or from http(s) URLs on its host;",
            "other hosts only with --allow-host. Nothing is written unless everything was pulled.",
            "The API token (legacy or personal access token) is read from --token-file or LABEL_STUDIO_API_KEY."
        })
final class LabelStudioPullCommand implements Callable<Integer> {
    /** The variable label-studio-sdk reads the token from. */
    static final String TOKEN_VARIABLE = "LABEL_STUDIO_API_KEY";

    @ParentCommand
    private LabelsCommand labels;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "URL",
            description = "The Label Studio server, e.g. http://localhost:8080.")
    private String url;

    @Option(names = "--project", required = true, paramLabel = "ID", description = "The project's id (in its URL).")
    private long project;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "A file holding the API token; without it, the " + TOKEN_VARIABLE + " variable.")
    private Path tokenFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to create.")
    private Path out;

    @Option(names = "--replace", description = "Replace DIR if it exists (only once the new pull is complete).")
    private boolean replace;

    @Option(
            names = "--allow-host",
            paramLabel = "HOST[:PORT]",
            description = "Another host task images may be downloaded from (no token is sent there); repeatable.")
    private List<String> allowedHosts = new ArrayList<>();

    @Option(
            names = "--snapshot",
            description = "Then validate the labels and snapshot DIR, as mlops data snapshot --labels does.")
    private boolean snapshot;

    @Option(names = "--name", paramLabel = "NAME", description = "With --snapshot: a name to find the snapshot by.")
    private String name;

    @Override
    public Integer call() {
        LabelStudioSource source = new LabelStudioSource(url, project, allowedHosts);
        PullResult pulled = new LabelStudioPull(source, token()).pull(out, replace, labels.progress());
        String text = String.format(
                Locale.ROOT,
                "pulled %s '%s': %,d tasks, %,d images, %s into %s",
                source,
                pulled.title(),
                pulled.tasks(),
                pulled.images(),
                Sizes.human(pulled.bytes()),
                out);
        if (!snapshot) {
            labels.output().result(pulled, text);
            return 0;
        }
        labels.err().println(text);
        LabeledSnapshotResult recorded;
        try {
            recorded = LabeledSnapshots.open(labels.home())
                    .take(
                            out,
                            new SnapshotRequest(
                                    name, "pulled from Label Studio " + source, false, Snapshotter.defaultThreads()),
                            new LabelSource(LabelFormat.LABEL_STUDIO, out.resolve(PullResult.EXPORT_FILE), null),
                            CheckOptions.defaults(),
                            labels.progress());
        } catch (LabelsRejected rejected) {
            return labels.rejected(rejected);
        }
        labels.output()
                .result(
                        new PulledSnapshot(pulled, recorded),
                        String.format(
                                Locale.ROOT,
                                "%s snapshot %s: %,d files, %s; labels %,d images, %,d objects; card %s",
                                recorded.snapshot().created() ? "recorded" : "unchanged",
                                recorded.snapshot().snapshot().label(),
                                recorded.snapshot().snapshot().fileCount(),
                                Sizes.human(recorded.snapshot().snapshot().totalSize()),
                                recorded.report().images(),
                                recorded.report().annotations(),
                                recorded.card().cardObject()));
        return 0;
    }

    private LabelStudioToken token() {
        if (tokenFile != null) {
            return LabelStudioToken.read(tokenFile);
        }
        String value = labels.environment().get(TOKEN_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new UserError("mlops data labels pull needs the Label Studio API token: --token-file FILE or the "
                    + TOKEN_VARIABLE + " variable");
        }
        return LabelStudioToken.of(value, "the " + TOKEN_VARIABLE + " variable");
    }

    /**
     * What {@code --json} prints with {@code --snapshot}.
     *
     * @param pull what was pulled
     * @param snapshot the snapshot of it
     */
    record PulledSnapshot(PullResult pull, LabeledSnapshotResult snapshot) {}
}
