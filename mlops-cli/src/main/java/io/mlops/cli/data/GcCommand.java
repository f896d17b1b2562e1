package io.mlops.cli.data;

import io.mlops.cli.Sizes;
import io.mlops.data.ObjectCache;
import io.mlops.error.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data gc}: removes the temporary files that killed snapshots left in a cache. */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        description = {
            "Remove temporary files that interrupted snapshots left in the cache (a snapshot killed mid-copy"
                    + " leaves its partial file under a temporary name). Finished objects are never touched.",
            "Only files unchanged for the grace period are removed, so a snapshot still running is safe."
        })
final class GcCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Option(
            names = "--grace",
            paramLabel = "AGE",
            description = "How long a temporary file must be unchanged to count as abandoned, e.g. 30s, 15m, 2h"
                    + " (default: ${DEFAULT-VALUE}).")
    private String grace = "1h";

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Another cache to clean, e.g. a DVC repository's .dvc/cache (repeatable; the suite's"
                    + " own cache is always cleaned).")
    private List<Path> caches = new ArrayList<>();

    @Override
    public Integer call() {
        Duration age = parse(grace);
        List<Path> roots = new ArrayList<>();
        roots.add(data.cache());
        roots.addAll(caches);
        Map<String, Object> result = new LinkedHashMap<>();
        long files = 0;
        long bytes = 0;
        StringBuilder text = new StringBuilder();
        for (Path root : roots) {
            ObjectCache.Sweep sweep = new ObjectCache(root).sweepTemporaries(age);
            files += sweep.files().size();
            bytes += sweep.bytes();
            text.append(String.format(
                    Locale.ROOT,
                    "%s: removed %d abandoned temporary file%s, %s freed%n",
                    root,
                    sweep.files().size(),
                    sweep.files().size() == 1 ? "" : "s",
                    Sizes.human(sweep.bytes())));
        }
        result.put("files", files);
        result.put("bytes", bytes);
        data.output().result(result, text.toString().stripTrailing());
        return 0;
    }

    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.length() >= 2) {
            char unit = value.charAt(value.length() - 1);
            String number = value.substring(0, value.length() - 1);
            if (number.chars().allMatch(Character::isDigit)) {
                long amount = Long.parseLong(number);
                switch (unit) {
                    case 's':
                        return Duration.ofSeconds(amount);
                    case 'm':
                        return Duration.ofMinutes(amount);
                    case 'h':
                        return Duration.ofHours(amount);
                    case 'd':
                        return Duration.ofDays(amount);
                    default:
                        break;
                }
            }
        }
        throw new UserError("--grace " + text + " is no age; write e.g. 30s, 15m, 2h or 1d");
    }
}
