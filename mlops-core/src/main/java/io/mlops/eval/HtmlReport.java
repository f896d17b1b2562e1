package io.mlops.eval;

import io.mlops.eval.coco.DetectionMetrics;
import io.mlops.eval.gate.GateResult;
import io.mlops.eval.metric.ClassMetrics;
import io.mlops.eval.metric.ClassificationMetrics;
import io.mlops.eval.metric.LatencyState;
import io.mlops.text.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation as an HTML page and its stylesheet: verdict, metrics, confusion matrix, per-class
 * bars, PR curves and the latency histogram, drawn as SVG. The page loads only {@value #STYLESHEET},
 * written beside it, so it opens from a directory, a Jenkins build or an air-gapped machine alike.
 *
 * <p>The page has no inline {@code <style>}, no {@code style} attribute and no script: Jenkins serves
 * build files with the Content-Security-Policy {@code sandbox allow-same-origin; default-src 'none';
 * img-src 'self'; style-src 'self';} (core's {@code DirectoryBrowserSupport.DEFAULT_CSP_VALUE}), which
 * blocks inline CSS and any JavaScript but allows a stylesheet from the same place; served from a
 * resource root URL instead, the relative stylesheet link still resolves. SVG presentation attributes
 * ({@code fill}, {@code stroke}) are not CSS and are not blocked.
 */
public final class HtmlReport {
    /** The stylesheet's file name, next to the page. */
    public static final String STYLESHEET = "report.css";

    /** Buckets of the confusion matrix's cell shading, one CSS class each. */
    static final int SHADES = 10;

    private static final String CSS = cssText();

    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };

    private HtmlReport() {}

    /**
     * Renders a report.
     *
     * @param report the report
     * @param latency the run timings, for the histogram
     * @return the page
     */
    public static String render(EvaluationReport report, LatencyState latency) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evaluation of ")
                .append(Html.escape(report.model()))
                .append("</title>\n<link rel=\"stylesheet\" href=\"")
                .append(STYLESHEET)
                .append("\"></head><body>\n");
        h.append("<h1>")
                .append(Html.escape(report.model()))
                .append("</h1>\n<p>")
                .append(Html.escape(report.task().name().toLowerCase(Locale.ROOT)))
                .append(" on <code>")
                .append(Html.escape(report.data()))
                .append("</code>, ")
                .append(report.samples())
                .append(" samples, model sha256 <code>")
                .append(Html.escape(report.modelSha256()))
                .append("</code></p>\n");
        verdict(h, report);
        metrics(h, report);
        if (report.classification() != null) {
            confusion(h, report.classification());
            List<String> names = report.classification().perClass().stream()
                    .map(ClassMetrics::name)
                    .toList();
            List<Double> f1 = report.classification().perClass().stream()
                    .map(ClassMetrics::f1)
                    .toList();
            h.append("<h2>Per class</h2>\n<table><tr><th class=\"name\">class</th><th>precision</th>"
                    + "<th>recall</th><th>F1</th><th>support</th></tr>\n");
            for (ClassMetrics m : report.classification().perClass()) {
                h.append("<tr><td class=\"name\">")
                        .append(Html.escape(m.name()))
                        .append("</td><td>")
                        .append(num(m.precision()))
                        .append("</td><td>")
                        .append(num(m.recall()))
                        .append("</td><td>")
                        .append(num(m.f1()))
                        .append("</td><td>")
                        .append(m.support())
                        .append("</td></tr>\n");
            }
            h.append("</table>\n<h2>F1 per class</h2>\n");
            bars(h, names, f1);
        }
        if (report.detection() != null) {
            detection(h, report.detection());
        }
        h.append("<h2>Latency of one model run (ms)</h2>\n");
        histogram(h, latency.runMillis());
        h.append(String.format(
                Locale.ROOT,
                "<p>p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, %.1f samples/s over %d runs</p>%n",
                report.latency().p50Millis(),
                report.latency().p95Millis(),
                report.latency().p99Millis(),
                report.latency().samplesPerSecond(),
                report.latency().runs()));
        if (!report.skipped().isEmpty() || report.nonFinite() > 0) {
            h.append("<h2>Problems</h2>\n<ul>");
            report.skipped()
                    .forEach(s ->
                            h.append("<li>skipped: ").append(Html.escape(s)).append("</li>"));
            report.nonFiniteExamples()
                    .forEach(s -> h.append("<li>NaN or infinite output: ")
                            .append(Html.escape(s))
                            .append("</li>"));
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void verdict(StringBuilder h, EvaluationReport report) {
        h.append("<h2>Verdict: <span class=\"")
                .append(report.passed() ? "pass\">PASSED" : "fail\">FAILED")
                .append("</span></h2>\n");
        if (report.verdict().results().isEmpty()) {
            h.append("<p>No gates were given.</p>\n");
            return;
        }
        h.append("<table><tr><th>gate</th><th>value</th><th>threshold</th><th>result</th></tr>\n");
        for (GateResult r : report.verdict().results()) {
            h.append("<tr><td class=\"name\"><code>")
                    .append(Html.escape(r.gate()))
                    .append("</code></td><td>")
                    .append(num(r.value()))
                    .append("</td><td>")
                    .append(Html.escape(r.comparison()))
                    .append(' ')
                    .append(num(r.threshold()))
                    .append("</td><td class=\"")
                    .append(r.passed() ? "pass\">pass" : "fail\">FAIL")
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void metrics(StringBuilder h, EvaluationReport report) {
        h.append("<h2>Metrics</h2>\n<table><tr><th class=\"name\">metric</th><th>value</th>");
        if (report.baselineMetrics() != null) {
            h.append("<th>baseline</th>");
        }
        h.append("</tr>\n");
        for (Map.Entry<String, Double> m : report.metrics().entrySet()) {
            if (m.getKey().contains("[")) {
                continue; // per-class values have their own table and bars below
            }
            h.append("<tr><td class=\"name\">")
                    .append(Html.escape(m.getKey()))
                    .append("</td><td>")
                    .append(num(m.getValue()))
                    .append("</td>");
            if (report.baselineMetrics() != null) {
                Double b = report.baselineMetrics().get(m.getKey());
                h.append("<td>").append(b == null ? "" : num(b)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void confusion(StringBuilder h, ClassificationMetrics c) {
        List<ClassMetrics> classes = c.perClass();
        long max = c.confusion().stream()
                .flatMap(List::stream)
                .mapToLong(Long::longValue)
                .max()
                .orElse(1);
        h.append("<h2>Confusion matrix</h2>\n<table><tr><th>true \\ predicted</th>");
        classes.forEach(k -> h.append("<th>").append(Html.escape(k.name())).append("</th>"));
        h.append("</tr>\n");
        for (int i = 0; i < classes.size(); i++) {
            h.append("<tr><th>").append(Html.escape(classes.get(i).name())).append("</th>");
            for (long v : c.confusion().get(i)) {
                h.append("<td class=\"shade-")
                        .append(shade(v, max))
                        .append("\">")
                        .append(v)
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void detection(StringBuilder h, DetectionMetrics d) {
        List<String> names = new ArrayList<>(d.apPerClass().keySet());
        h.append("<h2>AP per class (IoU .50:.95)</h2>\n");
        bars(
                h,
                names,
                names.stream().map(n -> Math.max(0, d.apPerClass().get(n))).toList());
        h.append("<h2>Precision-recall at IoU .50</h2>\n");
        int w = 480;
        int ht = 320;
        int pad = 40;
        h.append(svgOpen(w + 160, ht + 2 * pad)).append(axes(pad, w, ht, "recall", "precision"));
        for (int k = 0; k < names.size(); k++) {
            List<Double> curve = d.precisionAt50().get(k);
            if (curve.stream().allMatch(v -> v < 0)) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            for (int r = 0; r < curve.size(); r++) {
                double x = pad + w * r / (double) (curve.size() - 1);
                double y = pad + ht * (1 - Math.max(0, curve.get(r)));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String color = PALETTE[k % PALETTE.length];
            h.append("<polyline fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().strip())
                    .append("\"/>");
            h.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    pad + w + 10,
                    pad + 14 * (k % 20) + 10,
                    color,
                    Html.escape(names.get(k))));
        }
        h.append("</svg>\n");
    }

    private static void bars(StringBuilder h, List<String> names, List<Double> values) {
        List<SvgBars.Row> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(new SvgBars.Row(names.get(i), List.of(values.get(i)), 1));
        }
        h.append(svgOpen(SvgBars.LABEL + SvgBars.WIDTH + SvgBars.VALUE, SvgBars.height(names.size(), 1) + 10));
        SvgBars.draw(h, rows, List.of(PALETTE[0]), 5);
        h.append("</svg>\n");
    }

    private static void histogram(StringBuilder h, double[] millis) {
        if (millis.length == 0) {
            h.append("<p>No model runs.</p>\n");
            return;
        }
        double lo = java.util.Arrays.stream(millis).min().orElse(0);
        double hi = java.util.Arrays.stream(millis).max().orElse(1);
        int bins = Math.min(30, Math.max(1, millis.length));
        long[] counts = new long[bins];
        for (double m : millis) {
            int b = hi == lo ? 0 : (int) Math.min(bins - 1, (m - lo) / (hi - lo) * bins);
            counts[b]++;
        }
        long max = java.util.Arrays.stream(counts).max().orElse(1);
        int w = 480;
        int ht = 200;
        int pad = 40;
        h.append(svgOpen(w + 2 * pad, ht + 2 * pad)).append(axes(pad, w, ht, "ms", "runs"));
        for (int b = 0; b < bins; b++) {
            double bh = ht * counts[b] / (double) max;
            h.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s-%s ms: %d</title></rect>",
                    pad + w * b / (double) bins,
                    pad + ht - bh,
                    w / (double) bins - 1,
                    bh,
                    PALETTE[1],
                    num(lo + (hi - lo) * b / bins),
                    num(lo + (hi - lo) * (b + 1) / bins),
                    counts[b]));
        }
        h.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", pad, pad + ht + 28, num(lo)));
        h.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>",
                pad + w,
                pad + ht + 28,
                num(hi)));
        h.append("</svg>\n");
    }

    private static String svgOpen(int width, int height) {
        return String.format(
                Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                width,
                height,
                width,
                height);
    }

    private static String axes(int pad, int w, int h, String x, String y) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>"
                        + "<text x=\"12\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                pad,
                pad + h,
                pad + w,
                pad + h,
                pad,
                pad,
                pad,
                pad + h,
                pad + w / 2,
                pad + h + 16,
                x,
                pad + h / 2,
                pad + h / 2,
                y);
    }

    /**
     * The page's stylesheet, to write as {@value #STYLESHEET} beside the page.
     *
     * @return the CSS
     */
    public static String stylesheet() {
        return CSS;
    }

    /** The shading bucket of a confusion-matrix cell: 0 for none, {@code SHADES - 1} for the largest count. */
    static int shade(long count, long max) {
        return (int) Math.round((SHADES - 1) * (double) count / Math.max(1, max));
    }

    private static String cssText() {
        StringBuilder css = new StringBuilder()
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}\n")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}\n")
                .append("th{background:#f4f4f4}\n")
                .append("td.name,th.name{text-align:left}\n")
                .append(".pass{color:#1a7f37;font-weight:bold}\n")
                .append(".fail{color:#cf222e;font-weight:bold}\n")
                .append("svg{background:#fff;border:1px solid #ddd;margin:0.5em 0}\n");
        for (int bucket = 0; bucket < SHADES; bucket++) {
            int level = (int) Math.round(255 - 180.0 * bucket / (SHADES - 1));
            css.append(String.format(Locale.ROOT, ".shade-%d{background:rgb(%d,%d,255)}%n", bucket, level, level));
        }
        return css.toString();
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
