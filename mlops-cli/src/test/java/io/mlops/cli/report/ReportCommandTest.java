package io.mlops.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code mlops report --markdown} on real outputs of {@code mlops evaluate}: two scikit-learn models
 * trained in the test venv (one fitted to the labels, one to shuffled labels), converted with
 * {@code mlops convert}, evaluated with {@code mlops evaluate --report}, registered in a real SQLite
 * registry. The comment is checked by parsing it with commonmark-java (GFM tables), as GitHub renders it.
 */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @TempDir
    Path directory;

    static Path good;
    static Path weak;
    static Path goodReport;
    static Path weakReport;
    static Path failedReport;

    @BeforeAll
    static void trainConvertAndEvaluate() throws Exception {
        Path python = venvPython();
        Path script = Files.writeString(work.resolve("train.py"), """
                import joblib, numpy as np
                from sklearn.linear_model import LogisticRegression
                rng = np.random.default_rng(0)
                X = rng.normal(size=(120, 4)).astype(np.float32)
                y = (X[:, 0] + 0.3 * rng.normal(size=120) > 0).astype(int)
                joblib.dump(LogisticRegression().fit(X, y), "good.pkl")
                joblib.dump(LogisticRegression().fit(X, rng.permutation(y)), "weak.pkl")
                with open("table.csv", "w") as f:
                    f.write("f0,f1,f2,f3,label\\n")
                    for row, label in zip(X, y):
                        f.write(",".join(repr(float(v)) for v in row) + f",{label}\\n")
                """);
        Process process = new ProcessBuilder(python.toString(), script.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0)
                .as(output)
                .isTrue();
        good = convert(python, "good");
        weak = convert(python, "weak");
        goodReport = evaluate(good, "good-report", 0, "--gate", "accuracy >= 0.5");
        weakReport = evaluate(weak, "weak-report", 0);
        failedReport = evaluate(good, "failed-report", 3, "--gate", "accuracy > 1");
    }

    @Test
    void shouldReportTheFirstRunWithoutProductionAsNoError() throws Exception {
        Path comment = directory.resolve("comment.md");

        Run run = mlops(
                "report",
                "--markdown",
                "--evaluation",
                goodReport.toString(),
                "--model",
                "persons",
                "--gate",
                "accuracy >= baseline - 0.01",
                "--gate",
                "throughput > 0",
                "--output",
                comment.toString());

        assertThat(run.status()).as(run.err()).isZero();
        MarkdownDocument md = MarkdownDocument.parse(Files.readString(comment));
        assertThat(md.headings).containsExactly("Model report: good.onnx", "Metrics", "Gates", "Chart");
        assertThat(md.strong).contains("Verdict: PASSED");
        assertThat(md.quotes)
                .singleElement()
                .satisfies(quote -> assertThat(quote)
                        .contains(
                                "No production baseline yet",
                                "has no alias 'production' yet",
                                "accuracy >= baseline - 0.01"));
        List<List<String>> metrics = md.table("metric", "candidate");
        assertThat(metrics.get(0)).hasSize(2);
        assertThat(Double.parseDouble(MarkdownDocument.row(metrics, "accuracy").get(1)))
                .isCloseTo(metric(goodReport, "accuracy"), within(5e-4));
        List<List<String>> gates = md.table("result", "gate");
        assertThat(gates).extracting(row -> row.get(1)).containsExactly("accuracy >= 0.5", "throughput > 0");
        assertThat(gates).extracting(row -> row.get(0)).containsOnly("PASS");
        assertThat(md.images).containsExactly("comment.svg");
        Document svg = svg(directory.resolve("comment.svg"));
        assertThat(svg.getElementsByTagName("rect").getLength())
                .as("a background and a legend swatch, then one bar per metric")
                .isEqualTo(2 + metrics.size());
    }

    @Test
    void shouldCompareWithProductionWithDeltasAndAChartOfBoth() throws Exception {
        registerAsProduction(weak, weakReport);
        Path comment = directory.resolve("out/pr.md");

        Run run = mlops(
                "report",
                "--markdown",
                "--evaluation",
                goodReport.resolve("report.json").toString(),
                "--model",
                "persons",
                "--gate",
                "accuracy >= baseline - 0.01",
                "--output",
                comment.toString());

        assertThat(run.status()).as(run.err()).isZero();
        MarkdownDocument md = MarkdownDocument.parse(Files.readString(comment));
        assertThat(md.quotes).isEmpty();
        assertThat(md.paragraphs).contains("Compared with persons v1 (production).");
        List<String> accuracy =
                MarkdownDocument.row(md.table("metric", "candidate", "production", "delta"), "accuracy");
        double candidate = metric(goodReport, "accuracy");
        double production = metric(weakReport, "accuracy");
        assertThat(candidate).as("the fitted model beats the shuffled one").isGreaterThan(production);
        assertThat(Double.parseDouble(accuracy.get(1))).isCloseTo(candidate, within(5e-4));
        assertThat(Double.parseDouble(accuracy.get(2))).isCloseTo(production, within(5e-4));
        assertThat(accuracy.get(3)).startsWith("+");
        assertThat(Double.parseDouble(accuracy.get(3))).isCloseTo(candidate - production, within(5e-4));
        List<String> gate = MarkdownDocument.row(md.table("result", "gate"), "PASS");
        assertThat(md.table("result", "gate"))
                .extracting(row -> row.get(1))
                .containsExactly("accuracy >= 0.5", "accuracy >= baseline - 0.01");
        assertThat(gate).hasSize(4);
        Document svg = svg(directory.resolve("out/pr.svg"));
        assertThat(md.images).containsExactly("pr.svg");
        assertThat(svg.getDocumentElement()
                        .getElementsByTagName("title")
                        .item(0)
                        .getTextContent())
                .isEqualTo("metrics of candidate good.onnx and persons v1");
    }

    @Test
    void shouldFailWhenTheCandidateFallsBelowProduction() throws Exception {
        registerAsProduction(good, goodReport);
        Path comment = directory.resolve("comment.md");

        Run run = mlops(
                "report",
                "--markdown",
                "--evaluation",
                weakReport.toString(),
                "--model",
                "persons",
                "--gate",
                "accuracy >= baseline - 0.01",
                "--output",
                comment.toString());

        assertThat(run.status())
                .as("a gate failed, the comment is still written")
                .isEqualTo(3);
        MarkdownDocument md = MarkdownDocument.parse(Files.readString(comment));
        assertThat(md.strong).contains("Verdict: FAILED");
        List<String> gate = MarkdownDocument.row(md.table("result", "gate"), "FAIL");
        assertThat(gate.get(1)).isEqualTo("accuracy >= baseline - 0.01");
        assertThat(Double.parseDouble(gate.get(3).replace(">= ", "")))
                .isCloseTo(metric(goodReport, "accuracy") - 0.01, within(5e-4));
        assertThat(MarkdownDocument.row(md.table("metric", "candidate", "production", "delta"), "accuracy")
                        .get(3))
                .startsWith("-");
    }

    @Test
    void shouldShowTheEvaluationsFailedGate() throws Exception {
        Run run = mlops(
                "report",
                "--markdown",
                "--evaluation",
                failedReport.toString(),
                "--model",
                "persons",
                "--output",
                directory.resolve("comment.md").toString());

        assertThat(run.status()).isEqualTo(3);
        MarkdownDocument md = MarkdownDocument.parse(Files.readString(directory.resolve("comment.md")));
        assertThat(md.strong).contains("Verdict: FAILED");
        assertThat(md.paragraphs).anySatisfy(p -> assertThat(p).contains("1 of 1 gate does not hold"));
        assertThat(MarkdownDocument.row(md.table("result", "gate"), "FAIL").get(1))
                .isEqualTo("accuracy > 1");
        assertThat(md.quotes).singleElement().satisfies(q -> assertThat(q).contains("No production baseline yet"));
    }

    @Test
    void shouldWriteToStandardOutputWithTheChartWhereAsked() throws Exception {
        Path chart = directory.resolve("charts/metrics.svg");

        Run run = mlops(
                "report",
                "--markdown",
                "--evaluation",
                goodReport.toString(),
                "--model",
                "persons",
                "--chart",
                chart.toString());

        assertThat(run.status()).as(run.err()).isZero();
        MarkdownDocument md = MarkdownDocument.parse(run.out());
        assertThat(md.headings).first().isEqualTo("Model report: good.onnx");
        assertThat(Path.of("").toAbsolutePath().resolve(md.images.get(0)).normalize())
                .isEqualTo(chart.toAbsolutePath());
        assertThat(svg(chart).getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void shouldRefuseBadInputClearly() {
        Run missing = mlops(
                "report",
                "--markdown",
                "--evaluation",
                directory.resolve("nothing").toString(),
                "--model",
                "persons");
        Run noFormat = mlops("report", "--evaluation", goodReport.toString(), "--model", "persons");
        Run badGate = mlops(
                "report",
                "--markdown",
                "--evaluation",
                goodReport.toString(),
                "--model",
                "persons",
                "--gate",
                "acc ~ 1");

        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err())
                .contains("cannot read the evaluation report", "nothing")
                .doesNotContain("Exception");
        assertThat(noFormat.status()).isEqualTo(2);
        assertThat(noFormat.err()).contains("--markdown");
        assertThat(badGate.status()).isEqualTo(1);
        assertThat(badGate.err()).contains("acc ~ 1");
    }

    private void registerAsProduction(Path model, Path report) {
        Run register =
                mlops("registry", "register", "persons", "--file", model.toString(), "--metrics", report.toString());
        assertThat(register.status()).as(register.err()).isZero();
        Run alias = mlops(
                "registry", "alias", "persons", "production", register.out().strip(), "--reason", "in production");
        assertThat(alias.status()).as(alias.err()).isZero();
    }

    private static double metric(Path report, String name) throws Exception {
        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        return json.get("metrics").get(name).asDouble();
    }

    private static Document svg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        return document;
    }

    private static Path convert(Path python, String name) {
        Path onnx = work.resolve(name + ".onnx");
        Run convert = run(
                work,
                "convert",
                "--framework",
                "sklearn",
                "--model",
                work.resolve(name + ".pkl").toString(),
                "--out",
                onnx.toString(),
                "--python",
                python.toString());
        assertThat(convert.status()).as(convert.err()).isZero();
        return onnx;
    }

    private static Path evaluate(Path model, String report, int status, String... gates) {
        List<String> args = new ArrayList<>(List.of(
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                work.resolve("table.csv") + "?target=label",
                "--task",
                "classification",
                "--report",
                work.resolve(report).toString()));
        args.addAll(List.of(gates));
        Run evaluate = run(work, args.toArray(String[]::new));
        assertThat(evaluate.status()).as(evaluate.err()).isEqualTo(status);
        return work.resolve(report);
    }

    private Run mlops(String... args) {
        return run(directory, args);
    }

    private static Run run(Path home, String... args) {
        List<String> all =
                new ArrayList<>(List.of("--home", home.resolve("home").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status =
                Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of("USER", "ci"));
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {}

    private static Path venvPython() {
        String configured = System.getenv("MLOPS_VENV");
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        Path venv = configured != null && !configured.isBlank() ? Path.of(configured) : root.resolve(".venv");
        Path program = venv.resolve("bin/python");
        if (!Files.isExecutable(program)) {
            String reason = "python not found at " + program + "; run bin/test (it creates the venv) or set MLOPS_VENV";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        return program;
    }
}
