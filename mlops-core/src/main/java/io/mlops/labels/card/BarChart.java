package io.mlops.labels.card;

import io.mlops.text.Html;
import java.util.List;
import java.util.Locale;

/** Draws bar charts as inline SVG, so that a card page needs no script library and no network. */
final class BarChart {
    private static final int ROW = 22;
    private static final int LABEL_WIDTH = 200;
    private static final int BAR_WIDTH = 460;
    private static final int COLUMN = 56;
    private static final int COLUMN_HEIGHT = 160;

    private BarChart() {}

    /**
     * Horizontal bars, one row each, with the label on the left and the value after the bar.
     *
     * @param bars the bars, drawn top to bottom
     * @param caption what the chart shows, for screen readers
     * @return the SVG element
     */
    static String horizontal(List<Bar> bars, String caption) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int height = Math.max(ROW, bars.size() * ROW);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                LABEL_WIDTH + BAR_WIDTH + 90,
                height,
                LABEL_WIDTH + BAR_WIDTH + 90,
                height));
        svg.append("<title>").append(Html.escape(caption)).append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * ROW;
            double length = bar.value() == 0 ? 0 : Math.max(1, (double) bar.value() / max * BAR_WIDTH);
            String label = Html.escape(shorten(bar.label(), 30));
            svg.append(String.format(
                    Locale.ROOT,
                    "<g><title>%s: %,d</title>"
                            + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar\"></rect>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"value\">%,d</text></g>",
                    Html.escape(bar.label()),
                    bar.value(),
                    LABEL_WIDTH - 8,
                    y + 15,
                    label,
                    LABEL_WIDTH,
                    y + 3,
                    length,
                    ROW - 6,
                    LABEL_WIDTH + length + 6,
                    y + 15,
                    bar.value()));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Vertical columns side by side, labels under them, values above.
     *
     * @param bars the columns, drawn left to right
     * @param caption what the chart shows, for screen readers
     * @return the SVG element
     */
    static String vertical(List<Bar> bars, String caption) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int width = Math.max(COLUMN, bars.size() * COLUMN);
        int height = COLUMN_HEIGHT + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                width,
                height,
                width,
                height));
        svg.append("<title>").append(Html.escape(caption)).append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double length = bar.value() == 0 ? 0 : Math.max(1, (double) bar.value() / max * (COLUMN_HEIGHT - 20));
            double top = COLUMN_HEIGHT - length;
            int x = i * COLUMN;
            svg.append(String.format(
                    Locale.ROOT,
                    "<g><title>%s: %,d</title>"
                            + "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"bar\"></rect>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" class=\"value\">%s</text>"
                            + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"label\">%s</text></g>",
                    Html.escape(bar.label()),
                    bar.value(),
                    x + 6,
                    top,
                    COLUMN - 12,
                    length,
                    x + COLUMN / 2,
                    top - 4,
                    compact(bar.value()),
                    x + COLUMN / 2,
                    COLUMN_HEIGHT + 18,
                    Html.escape(shorten(bar.label(), 8))));
        }
        return svg.append("</svg>").toString();
    }

    /** A count in at most five characters, so that it fits above a column. */
    static String compact(long value) {
        if (value < 10_000) {
            return Long.toString(value);
        }
        if (value < 1_000_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", value / 1e6);
    }

    static String shorten(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "\u2026";
    }
}
