package io.mlops.eval;

import io.mlops.text.Html;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A {@link MetricComparison} as a standalone SVG file: one row per metric, the candidate's bar above
 * production's. Metrics differ in scale (an accuracy of 0.93 next to 4000 samples/s), so each row is
 * drawn against its own larger value, and the values are printed after the bars.
 */
public final class ComparisonChart {
    /** The candidate's colour. */
    static final String CANDIDATE = "#1f77b4";

    /** Production's colour. */
    static final String PRODUCTION = "#ff7f0e";

    private static final int LEGEND = 24;

    private ComparisonChart() {}

    /**
     * Draws the chart.
     *
     * @param comparison the metrics; without production only the candidate's bars are drawn
     * @param candidate the candidate's name in the legend
     * @param production production's name in the legend
     * @return the SVG document
     */
    public static String render(MetricComparison comparison, String candidate, String production) {
        List<String> colors = comparison.hasProduction() ? List.of(CANDIDATE, PRODUCTION) : List.of(CANDIDATE);
        List<SvgBars.Row> rows = new ArrayList<>();
        for (MetricComparison.Row row : comparison.rows()) {
            double full = Arrays.asList(row.candidate(), row.production()).stream()
                    .filter(v -> v != null && Double.isFinite(v))
                    .mapToDouble(Math::abs)
                    .max()
                    .orElse(0);
            rows.add(new SvgBars.Row(row.metric(), Arrays.asList(row.candidate(), row.production()), full));
        }
        int width = SvgBars.LABEL + SvgBars.WIDTH + SvgBars.VALUE;
        int height = LEGEND + SvgBars.height(rows.size(), colors.size()) + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " role=\"img\" font-family=\"sans-serif\">",
                width,
                height,
                width,
                height));
        svg.append("<title>")
                .append(Html.escape(
                        comparison.hasProduction()
                                ? "metrics of " + candidate + " and " + production
                                : "metrics of " + candidate))
                .append("</title>");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", width, height));
        legend(svg, 0, CANDIDATE, candidate);
        if (comparison.hasProduction()) {
            legend(svg, 1, PRODUCTION, production);
        }
        SvgBars.draw(svg, rows, colors, LEGEND + 5);
        return svg.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder svg, int index, String color, String name) {
        int x = SvgBars.LABEL + index * (SvgBars.WIDTH / 2);
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"16\" font-size=\"12\">%s</text>",
                x,
                color,
                x + 16,
                Html.escape(name)));
    }
}
