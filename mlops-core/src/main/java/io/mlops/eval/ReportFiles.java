package io.mlops.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files of an evaluation in a report directory: {@code report.json} (the report),
 * {@code report.html} with its stylesheet {@code report.css} (for people), {@code state.json} (the mergeable state, for
 * {@code mlops evaluate merge}) and a copy of the preprocessing file, if there was one. Each is written under a temporary name, then renamed.
 */
public final class ReportFiles {
    /** The report's JSON file name. */
    public static final String REPORT = "report.json";

    /** The HTML page's file name. */
    public static final String PAGE = "report.html";

    /** The state's file name. */
    public static final String STATE = "state.json";

    private static final ObjectMapper JSON = Json.mapper();

    private ReportFiles() {}

    /**
     * Writes the files.
     *
     * @param directory the report directory (created when missing)
     * @param report the report
     * @param state the state it came from
     * @throws UserError when the directory cannot be written
     */
    public static void write(Path directory, EvaluationReport report, EvaluationState state) {
        try {
            Files.createDirectories(directory);
            write(directory.resolve(REPORT), Json.indented().writeValueAsString(report));
            write(directory.resolve(STATE), JSON.writeValueAsString(state));
            write(directory.resolve(HtmlReport.STYLESHEET), HtmlReport.stylesheet());
            write(directory.resolve(PAGE), HtmlReport.render(report, state.latency()));
            if (report.preprocessing() != null && Files.isRegularFile(Path.of(report.preprocessing()))) {
                // the preprocessing belongs to the model: a registry keeps it with the version's report
                Path source = Path.of(report.preprocessing());
                String name = source.getFileName().toString();
                String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
                write(directory.resolve("preprocessing" + extension), Files.readString(source));
            }
        } catch (IOException e) {
            throw new UserError("cannot write the report into " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a state written by {@link #write}.
     *
     * @param file a {@code state.json}, or a report directory holding one
     * @return the state
     * @throws UserError when the file is missing or not a state
     */
    public static EvaluationState readState(Path file) {
        Path path = Files.isDirectory(file) ? file.resolve(STATE) : file;
        try {
            return JSON.readValue(path.toFile(), EvaluationState.class);
        } catch (IOException e) {
            throw new UserError("cannot read evaluation state " + path + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
