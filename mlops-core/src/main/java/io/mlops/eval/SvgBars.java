package io.mlops.eval;

import io.mlops.text.Html;
import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars as SVG elements, one row per name with one bar per series, drawn with presentation
 * attributes only ({@code fill}), so that they render inside a page under Jenkins' CSP and as a
 * standalone {@code .svg} file alike. The one place the evaluation page ({@link HtmlReport}) and the
 * pull-request chart ({@link ComparisonChart}) draw bars.
 */
final class SvgBars {
    /** The label column's width. */
    static final int LABEL = 140;

    /** The width of a full bar. */
    static final int WIDTH = 420;

    /** Room after the longest bar for its value. */
    static final int VALUE = 70;

    private static final int BAR = 14;
    private static final int GAP = 4;

    private SvgBars() {}

    /**
     * One row: a name and its values, each drawn as a fraction of {@code full}.
     *
     * @param label the name on the left
     * @param values one value per series; null where a series has none
     * @param full the value a full-length bar stands for
     */
    record Row(String label, List<Double> values, double full) {
        Row {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /**
     * The height the rows take.
     *
     * @param rows how many rows
     * @param series bars per row
     * @return pixels
     */
    static int height(int rows, int series) {
        return rows * (BAR * series + GAP);
    }

    /**
     * Appends the rows' elements.
     *
     * @param svg where to append
     * @param rows the rows, top to bottom
     * @param colors one fill per series
     * @param top the y of the first row
     */
    static void draw(StringBuilder svg, List<Row> rows, List<String> colors, int top) {
        int pitch = BAR * colors.size() + GAP;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int y = top + i * pitch;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                    LABEL - 6,
                    y + 12,
                    Html.escape(row.label())));
            for (int s = 0; s < colors.size() && s < row.values().size(); s++) {
                Double value = row.values().get(s);
                if (value == null) {
                    continue;
                }
                double fraction = row.full() > 0 && Double.isFinite(value) ? value / row.full() : 0;
                double length = WIDTH * Math.max(0, Math.min(1, fraction));
                int barY = y + s * BAR;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                                + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>",
                        LABEL,
                        barY,
                        length,
                        // a one-pixel seam between the bars of one row
                        colors.size() == 1 ? BAR : BAR - 1,
                        colors.get(s),
                        LABEL + length + 4,
                        barY + 12,
                        number(value)));
            }
        }
    }

    /**
     * A value as the charts print it: four significant digits.
     *
     * @param value the value
     * @return the text
     */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
