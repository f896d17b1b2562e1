package io.mlops.library;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Pipeline steps and triggers the Jenkins plugins declare, read from their Java sources (the plugins
 * cannot be built here): each {@code @Symbol} and the parameter names of its class, the
 * {@code @DataBoundConstructor}'s parameters and every {@code @DataBoundSetter} setter's property.
 */
final class StepSignatures {
    private static final Pattern SYMBOL = Pattern.compile("@Symbol\\(\"(\\w+)\"\\)");
    private static final Pattern CONSTRUCTOR =
            Pattern.compile("@DataBoundConstructor\\s+public\\s+\\w+\\s*\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern SETTER = Pattern.compile("@DataBoundSetter\\s+public\\s+void\\s+set(\\w+)\\s*\\(");

    private StepSignatures() {}

    /**
     * Reads every plugin source under the given roots.
     *
     * @param sourceRoots directories of Java sources
     * @return symbol to its parameter names, sorted by symbol
     */
    static Map<String, Set<String>> read(List<Path> sourceRoots) {
        Map<String, Set<String>> signatures = new TreeMap<>();
        for (Path sourceRoot : sourceRoots) {
            try (Stream<Path> files = Files.walk(sourceRoot)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher symbol = SYMBOL.matcher(source);
                    if (symbol.find()) {
                        signatures.put(symbol.group(1), parameters(source));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return signatures;
    }

    /**
     * The plugin sources of this repository.
     *
     * @param root the repository root
     * @return the two plugins' main source roots
     */
    static List<Path> pluginSources(Path root) {
        List<Path> roots = new ArrayList<>();
        for (String plugin : List.of("mlops-steps-plugin", "model-registry-plugin")) {
            Path sources = root.resolve(plugin).resolve("src/main/java");
            if (Files.isDirectory(sources)) {
                roots.add(sources);
            }
        }
        return roots;
    }

    static Set<String> parameters(String source) {
        Set<String> names = new LinkedHashSet<>();
        Matcher constructor = CONSTRUCTOR.matcher(source);
        if (constructor.find() && !constructor.group(1).isBlank()) {
            for (String parameter : constructor.group(1).split(",")) {
                String[] words = parameter.trim().split("\\s+");
                names.add(words[words.length - 1]);
            }
        }
        Matcher setter = SETTER.matcher(source);
        while (setter.find()) {
            String property = setter.group(1);
            names.add(property.substring(0, 1).toLowerCase(Locale.ROOT) + property.substring(1));
        }
        return names;
    }
}
