package io.mlops.labels.card;

import io.mlops.text.Html;
import java.util.List;
import java.util.Locale;

/** Draws a symmetric matrix of counts (class co-occurrence) as an inline SVG grid. */
final class Heatmap {
    private static final int CELL = 34;
    private static final int MARGIN = 150;

    private Heatmap() {}

    /**
     * Draws the matrix; darker cells hold larger counts.
     *
     * @param labels the row and column names
     * @param counts the counts, {@code counts[i][j]} for row i and column j
     * @param caption what the chart shows, for screen readers
     * @return the SVG element
     */
    static String of(List<String> labels, long[][] counts, String caption) {
        int n = labels.size();
        long max = 1;
        for (long[] row : counts) {
            for (long value : row) {
                max = Math.max(max, value);
            }
        }
        int height = MARGIN + n * CELL + 10;
        // the column labels lean right, past the last column
        int width = height + MARGIN / 2;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                width,
                height,
                width,
                height));
        svg.append("<title>").append(Html.escape(caption)).append("</title>");
        for (int i = 0; i < n; i++) {
            String label = Html.escape(BarChart.shorten(labels.get(i), 20));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>",
                    MARGIN - 6,
                    MARGIN + i * CELL + CELL / 2 + 4,
                    label));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text transform=\"translate(%d,%d) rotate(-50)\" class=\"label\">%s</text>",
                    MARGIN + i * CELL + CELL / 2,
                    MARGIN - 6,
                    label));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long value = counts[i][j];
                double shade = value == 0 ? 0 : 0.12 + 0.88 * Math.sqrt((double) value / max);
                svg.append(String.format(
                        Locale.ROOT,
                        "<g><title>%s + %s: %,d images</title>"
                                + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"cell\""
                                + " fill-opacity=\"%.3f\"></rect></g>",
                        Html.escape(labels.get(i)),
                        Html.escape(labels.get(j)),
                        value,
                        MARGIN + j * CELL,
                        MARGIN + i * CELL,
                        CELL - 2,
                        CELL - 2,
                        shade));
            }
        }
        return svg.append("</svg>").toString();
    }
}
