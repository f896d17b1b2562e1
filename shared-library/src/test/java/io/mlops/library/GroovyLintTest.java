package io.mlops.library;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.GroovyShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codenarc.rule.Rule;
import org.codenarc.rule.Violation;
import org.codenarc.ruleset.RuleSet;
import org.codenarc.ruleset.XmlFileRuleSet;
import org.codenarc.source.SourceString;
import org.junit.jupiter.api.Test;

/**
 * Lints every Groovy file of the library (vars/*.groovy, Jenkinsfile.example, the test harness) with
 * CodeNarc from Maven Central, run by this test: its basic, braces, exceptions, imports and unused
 * rule sets. Every file must also compile, and every var must have its help text (vars/NAME.txt, the
 * Pipeline Syntax page's Global Variables Reference).
 */
class GroovyLintTest {
    private static final Path ROOT = RecordedStepsHarness.root();
    private static final List<String> RULE_SETS = List.of(
            "rulesets/basic.xml",
            "rulesets/braces.xml",
            "rulesets/exceptions.xml",
            "rulesets/imports.xml",
            "rulesets/unused.xml");

    private static List<Path> groovyFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> vars = Files.list(ROOT.resolve("vars"))) {
            vars.filter(f -> f.toString().endsWith(".groovy")).sorted().forEach(files::add);
        }
        files.add(ROOT.resolve("Jenkinsfile.example"));
        files.add(ROOT.resolve("shared-library/src/test/resources/io/mlops/library/RecordedSteps.groovy"));
        return files;
    }

    /**
     * The file's text; the Jenkinsfile idiom {@code @Library('mlops') _} (an annotation on an unused
     * variable, which Jenkins resolves and plain Groovy cannot) becomes a comment on the same line.
     */
    private static String text(Path file) throws IOException {
        return Files.readString(file).replace("@Library('mlops') _", "// @Library('mlops') _");
    }

    @Test
    void shouldPassCodeNarcOnEveryGroovyFile() throws Throwable {
        List<Rule> rules = new ArrayList<>();
        for (String ruleSet : RULE_SETS) {
            RuleSet loaded = new XmlFileRuleSet(ruleSet);
            rules.addAll(loaded.getRules());
        }
        List<String> violations = new ArrayList<>();
        for (Path file : groovyFiles()) {
            SourceString source = new SourceString(
                    text(file), file.toString(), file.getFileName().toString());
            for (Rule rule : rules) {
                for (Violation violation : rule.applyTo(source)) {
                    violations.add(ROOT.relativize(file) + ":" + violation.getLineNumber() + " "
                            + violation.getRule().getName() + " " + violation.getMessage());
                }
            }
        }

        assertThat(rules).hasSizeGreaterThan(50);
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldCompileEveryGroovyFile() throws IOException {
        CompilerConfiguration configuration = new CompilerConfiguration();
        // as Jenkins compiles Pipeline scripts: @NonCPS needs no import
        configuration.addCompilationCustomizers(new ImportCustomizer().addImports("com.cloudbees.groovy.cps.NonCPS"));
        GroovyShell shell = new GroovyShell(configuration);
        for (Path file : groovyFiles()) {
            // parse only: a syntax error fails here with the file and line
            shell.parse(text(file), file.getFileName().toString().replace('.', '_'));
        }
    }

    @Test
    void shouldGiveEveryVarItsHelpText() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> vars = Files.list(ROOT.resolve("vars"))) {
            for (Path var : vars.filter(f -> f.toString().endsWith(".groovy")).toList()) {
                Path help = var.resolveSibling(var.getFileName().toString().replace(".groovy", ".txt"));
                if (!Files.isRegularFile(help) || Files.readString(help).isBlank()) {
                    missing.add(ROOT.relativize(help).toString());
                }
            }
        }

        assertThat(missing).isEmpty();
    }
}
