package io.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code mlops} command line in the CI files (docs/ci/*.yml, the GitHub composite action, the
 * GitLab CI component) parses against the CLI's picocli model: the commands exist, every option is
 * known, every required option is given. Parsing, not running: {@link CommandLine#parseArgs} checks
 * what {@code bin/mlops ... --help} would show, without needing the services the steps talk to. Shell
 * variables stand in as {@code 1}.
 */
class CiWorkflowCommandsTest {
    private static final Path ROOT = root();
    private static final Set<String> KEYS = Set.of("run", "script", "before_script", "after_script", "command");
    private static final Pattern MLOPS = Pattern.compile("(?:^|[\\s(;&|])mlops\\s+(?=[a-z-])(.*)$");
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\{\\{[^}]*}}|\\$\\[\\[[^]]*]]|\\$\\{[A-Za-z_][A-Za-z0-9_]*}|\\$[A-Za-z_][A-Za-z0-9_]*");

    @Test
    void shouldRunTheWholeLifecycleOnGitHubActionsWithKnownCommands() throws IOException {
        Set<String> commands = check(ROOT.resolve("docs/ci/github-actions.yml"));

        assertThat(commands)
                .contains(
                        "mlops data snapshot",
                        "mlops track",
                        "mlops convert",
                        "mlops evaluate",
                        "mlops report",
                        "mlops runs list",
                        "mlops registry register",
                        "mlops registry alias",
                        "mlops deploy");
    }

    @Test
    void shouldRunTheWholeLifecycleOnGitLabCiWithKnownCommands() throws IOException {
        Set<String> commands = check(ROOT.resolve("docs/ci/gitlab-ci.yml"));

        assertThat(commands)
                .contains(
                        "mlops data snapshot",
                        "mlops track",
                        "mlops convert",
                        "mlops evaluate",
                        "mlops report",
                        "mlops runs list",
                        "mlops registry register",
                        "mlops registry alias",
                        "mlops deploy");
    }

    @Test
    void shouldPassTheStepThroughInTheActionAndTheComponent() throws IOException {
        // both run "mlops <the command input>": nothing to parse but that they name no command themselves
        assertThat(check(ROOT.resolve(".github/actions/mlops/action.yml"))).isEmpty();
        assertThat(check(ROOT.resolve("templates/mlops.yml"))).isEmpty();
        assertThat(Files.readString(ROOT.resolve(".github/actions/mlops/action.yml")))
                .contains("$MLOPS_SUITE/bin/mlops\\\" $MLOPS_ARGS");
        assertThat(Files.readString(ROOT.resolve("templates/mlops.yml"))).contains("eval \"mlops $MLOPS_ARGS\"");
    }

    @Test
    void shouldCatchAnUnknownOptionAndAMissingRequiredOne() {
        assertThatCode(() -> parse(words("evaluate --model m.onnx --data d.csv --task classification --gates x")))
                .hasMessageContaining("--gates");
        assertThatCode(() -> parse(words("deploy --model persons@production --backend onnxruntime")))
                .hasMessageContaining("--agent");
        assertThatCode(() -> parse(words("registry promote persons"))).hasMessageContaining("promote");
    }

    /** Parses every mlops command line of a file; returns the commands, e.g. {@code mlops registry alias}. */
    private static Set<String> check(Path file) throws IOException {
        Set<String> commands = new LinkedHashSet<>();
        try (MappingIterator<JsonNode> documents =
                new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                for (List<String> line : commandLines(documents.next(), null)) {
                    ParseResult result;
                    try {
                        result = parse(line);
                    } catch (CommandLine.ParameterException e) {
                        throw new AssertionError(file + ": mlops " + String.join(" ", line) + ": " + e.getMessage(), e);
                    }
                    List<String> names = new ArrayList<>();
                    for (ParseResult r = result; r != null; r = r.subcommand()) {
                        names.add(r.commandSpec().name());
                    }
                    assertThat(names).as(file + ": " + line).hasSizeGreaterThan(1);
                    commands.add(String.join(" ", names));
                }
            }
        }
        return commands;
    }

    private static ParseResult parse(List<String> words) {
        return new CommandLine(new MlopsCommand(Map.of())).parseArgs(words.toArray(String[]::new));
    }

    private static List<List<String>> commandLines(JsonNode node, String key) {
        List<List<String>> lines = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(field -> lines.addAll(commandLines(field.getValue(), field.getKey())));
        } else if (node.isArray()) {
            node.forEach(item -> lines.addAll(commandLines(item, key)));
        } else if (node.isTextual() && KEYS.contains(key)) {
            String text = node.asText().replace("\\\n", " ");
            if (key.equals("command")) {
                // the input of the action or the component: the arguments of one mlops step
                if (!text.isBlank() && !text.strip().startsWith("$")) {
                    lines.add(words(text));
                }
            } else {
                for (String line : text.split("\n")) {
                    Matcher matcher = MLOPS.matcher(line);
                    if (matcher.find()) {
                        lines.add(words(matcher.group(1)));
                    }
                }
            }
        }
        return lines;
    }

    /** Splits like a shell, up to the first unquoted {@code | ; & )} or redirection; variables become 1. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if ("|;&)<>".indexOf(c) >= 0) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words.stream().map(w -> VARIABLE.matcher(w).replaceAll("1")).toList();
    }

    private static Path root() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        return root;
    }
}
