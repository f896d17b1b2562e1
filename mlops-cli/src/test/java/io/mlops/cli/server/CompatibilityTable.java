package io.mlops.cli.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The compatibility table of docs/tracking.md, written from what the client scripts recorded:
 * one row per client call, its status and the script that proves it. It stands between two
 * markers, so the rest of the page stays hand-written.
 */
final class CompatibilityTable {
    static final String BEGIN = "<!-- BEGIN GENERATED: MLflow client compatibility (MlflowClientSurface) -->";
    static final String END = "<!-- END GENERATED -->";

    private CompatibilityTable() {}

    /**
     * The table.
     *
     * @param recorded the calls of every script, by script file
     * @param unknown the pending endpoints the scripts called, with the scripts
     * @return markdown, without the markers
     */
    static String render(Map<String, List<ClientScript.Call>> recorded, Map<String, Set<String>> unknown) {
        StringBuilder table = new StringBuilder();
        table.append("Generated from the stock MLflow 3.17 client scripts of `MlflowClientSurface` (run on SQLite and")
                .append(" PostgreSQL);\n`SqliteMlflowClientSurfaceTest` fails when this table differs from what")
                .append(" they record.\nRe-generate with `-Dmlops.docs.update=true`.\n");
        for (ClientScript script : ClientScript.ALL) {
            table.append("\n### ").append(script.area()).append("\n\n");
            table.append("| Client call | Status | Test script | Note |\n|---|---|---|---|\n");
            for (ClientScript.Call call : recorded.get(script.file())) {
                String status = !call.outcome().equals("ok") ? "not" : call.status();
                table.append("| ")
                        .append(cell(call.call()))
                        .append(" | ")
                        .append(status)
                        .append(" | `")
                        .append(script.file())
                        .append("` | ")
                        .append(cell(note(call)))
                        .append(" |\n");
            }
        }
        table.append("\n### Endpoints the client calls that the server does not know yet\n\n");
        if (unknown.isEmpty()) {
            table.append("None: no script met `ENDPOINT_NOT_FOUND` under `/api/2.0/mlflow/`.\n");
        } else {
            table.append("| Endpoint | Status | Called by | Note |\n|---|---|---|---|\n");
            new TreeMap<>(unknown)
                    .forEach((endpoint, scripts) -> table.append("| `")
                            .append(endpoint)
                            .append("` | not | ")
                            .append(String.join(
                                    ", ",
                                    scripts.stream().map(s -> "`" + s + "`").toList()))
                            .append(" | ")
                            .append(cell(ClientScript.PENDING.get(endpoint)))
                            .append(" |\n"));
        }
        return table.toString();
    }

    /**
     * The page with its generated part replaced.
     *
     * @param page the page
     * @param table the table
     * @return the new page
     */
    static String replace(String page, String table) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("docs/tracking.md lacks the markers " + BEGIN + " and " + END);
        }
        return page.substring(0, begin + BEGIN.length()) + "\n" + table + page.substring(end);
    }

    /**
     * The documentation page, found from the module's directory.
     *
     * @return its path
     */
    static Path page() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("docs/tracking.md"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new AssertionError(
                    "docs/tracking.md not found above " + Path.of("").toAbsolutePath());
        }
        return directory.resolve("docs/tracking.md");
    }

    static String read(Path page) throws IOException {
        return Files.readString(page, StandardCharsets.UTF_8);
    }

    private static String note(ClientScript.Call call) {
        if (call.outcome().equals("ok")) {
            return call.note();
        }
        String pending = call.pendingEndpoint();
        return pending == null
                ? call.outcome()
                : "the client needs `" + pending + "`: " + ClientScript.PENDING.get(pending);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
