package io.mlops.labels.card;

import io.mlops.text.Html;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a dataset card as one self-contained HTML page: inline CSS, inline SVG charts and a few
 * lines of inline script (sortable class table), with no external URL, so the page opens from a
 * Jenkins build artifact, an e-mail or a laptop without network.
 *
 * <p>The script marks the page with {@code data-rendered="ok"} on the root element once it ran,
 * which tests use to tell that the page rendered without script errors.
 */
public final class CardPage {
    /** The most classes drawn in the per-class chart; the table lists them all. */
    static final int CHART_CLASSES = 60;

    /** The most classes in the co-occurrence matrix. */
    static final int MATRIX_CLASSES = 15;

    private static final String STYLE = """
            :root { --accent: #2f6fdf; --ink: #1d2433; --muted: #5b6577; --line: #dde2ea; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
                   margin: 0; padding: 24px 32px; background: #f7f8fb; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 0 0 12px; }
            .source { color: var(--muted); margin: 0 0 20px; word-break: break-all; }
            .tiles { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 20px; }
            .tile { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px;
                    min-width: 140px; }
            .tile b { display: block; font-size: 22px; }
            .tile span { color: var(--muted); }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px;
                      margin-bottom: 16px; overflow-x: auto; }
            .note { color: var(--muted); margin: 8px 0 0; }
            .chart .bar { fill: var(--accent); }
            .chart .cell { fill: var(--accent); stroke: var(--line); stroke-width: 1; }
            .chart .label { font-size: 12px; fill: var(--ink); }
            .chart .value { font-size: 11px; fill: var(--muted); }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: right; padding: 4px 10px; border-bottom: 1px solid var(--line); }
            th:nth-child(2), td:nth-child(2) { text-align: left; }
            th { cursor: pointer; user-select: none; background: #f0f3f8; }
            th[aria-sort="ascending"]::after { content: " \\25B2"; }
            th[aria-sort="descending"]::after { content: " \\25BC"; }
            """;

    private static final String SCRIPT = """
            (function () {
              var table = document.getElementById("classes");
              var headers = table.tHead.rows[0].cells;
              function key(row, column) {
                var text = row.cells[column].getAttribute("data-value") || row.cells[column].textContent;
                var number = Number(text);
                return isNaN(number) ? text.toLowerCase() : number;
              }
              Array.prototype.forEach.call(headers, function (header, column) {
                header.addEventListener("click", function () {
                  var ascending = header.getAttribute("aria-sort") !== "ascending";
                  Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
                  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
                  rows.sort(function (a, b) {
                    var x = key(a, column), y = key(b, column);
                    return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
                  });
                  rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
                });
              });
              document.documentElement.setAttribute("data-rendered", "ok");
            })();
            """;

    private CardPage() {}

    /**
     * Renders a card.
     *
     * @param card the card
     * @param title what the card describes, e.g. the snapshot name or label file
     * @return the whole HTML document
     */
    public static String render(DatasetCard card, String title) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Dataset card: ")
                .append(Html.escape(title))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>Dataset card</h1>\n<p class=\"source\">")
                .append(Html.escape(title))
                .append("</p>\n");
        tiles(html, card);
        classChart(html, card);
        sizes(html, card.sizes());
        section(
                html,
                "Objects per image",
                BarChart.vertical(
                        card.boxesPerImage().buckets().stream()
                                .map(bucket -> new Bar(bucket.label(), bucket.images()))
                                .toList(),
                        "images by number of objects"),
                String.format(
                        Locale.ROOT,
                        "Mean %.2f objects per image, at most %,d.",
                        card.boxesPerImage().mean(),
                        card.boxesPerImage().max()));
        section(
                html,
                "Box area (COCO ranges)",
                BarChart.horizontal(
                        List.of(
                                new Bar("small (< 32\u00b2 px)", card.areas().small()),
                                new Bar(
                                        "medium (32\u00b2 to 96\u00b2 px)",
                                        card.areas().medium()),
                                new Bar(
                                        "large (\u2265 96\u00b2 px)",
                                        card.areas().large())),
                        "objects by box area"),
                "Ranges as in COCO's detection evaluation.");
        coOccurrence(html, card);
        classTable(html, card);
        html.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void tiles(StringBuilder html, DatasetCard card) {
        html.append("<div class=\"tiles\">");
        tile(html, card.images(), "images");
        tile(html, card.annotatedImages(), "annotated images");
        tile(html, card.objects(), "objects");
        tile(html, card.outlines(), "with outlines");
        tile(html, card.imageLabels(), "image labels");
        tile(html, card.classes().size(), "classes");
        html.append("</div>\n");
    }

    private static void tile(StringBuilder html, long value, String label) {
        html.append(String.format(Locale.ROOT, "<div class=\"tile\"><b>%,d</b><span>%s</span></div>", value, label));
    }

    private static void classChart(StringBuilder html, DatasetCard card) {
        List<DatasetCard.ClassStats> ranked = new ArrayList<>(card.classes());
        ranked.sort(Comparator.comparingLong((DatasetCard.ClassStats c) -> c.objects() + c.imageLabels())
                .reversed()
                .thenComparingInt(DatasetCard.ClassStats::id));
        List<Bar> bars = ranked.stream()
                .limit(CHART_CLASSES)
                .map(c -> new Bar(c.name(), c.objects() + c.imageLabels()))
                .toList();
        String note = ranked.size() > CHART_CLASSES
                ? "The " + CHART_CLASSES + " largest of " + ranked.size() + " classes; the table lists all."
                : "Objects and image-level labels per class.";
        section(html, "Labels per class", BarChart.horizontal(bars, "labels per class"), note);
    }

    private static void sizes(StringBuilder html, DatasetCard.SizeDistribution sizes) {
        List<Bar> bars = new ArrayList<>();
        sizes.common().forEach(size -> bars.add(new Bar(size.width() + " \u00d7 " + size.height(), size.images())));
        if (sizes.otherImages() > 0) {
            bars.add(new Bar("other sizes", sizes.otherImages()));
        }
        if (sizes.unknownImages() > 0) {
            bars.add(new Bar("size not stated", sizes.unknownImages()));
        }
        String note = String.format(
                Locale.ROOT,
                "Width %,d to %,d px (median %,d); height %,d to %,d px (median %,d).",
                sizes.minWidth(),
                sizes.maxWidth(),
                sizes.medianWidth(),
                sizes.minHeight(),
                sizes.maxHeight(),
                sizes.medianHeight());
        section(html, "Image sizes", BarChart.horizontal(bars, "images by size"), note);
    }

    private static void coOccurrence(StringBuilder html, DatasetCard card) {
        List<DatasetCard.ClassStats> top = card.classes().stream()
                .filter(c -> c.images() > 0)
                .sorted(Comparator.comparingLong(DatasetCard.ClassStats::images)
                        .reversed()
                        .thenComparingInt(DatasetCard.ClassStats::id))
                .limit(MATRIX_CLASSES)
                .toList();
        if (top.size() < 2) {
            section(html, "Class co-occurrence", "", "Fewer than two classes appear on images.");
            return;
        }
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < top.size(); i++) {
            position.put(top.get(i).id(), i);
        }
        long[][] counts = new long[top.size()][top.size()];
        for (int i = 0; i < top.size(); i++) {
            counts[i][i] = top.get(i).images();
        }
        for (DatasetCard.ClassPair pair : card.coOccurrence()) {
            Integer a = position.get(pair.first());
            Integer b = position.get(pair.second());
            if (a != null && b != null) {
                counts[a][b] = pair.images();
                counts[b][a] = pair.images();
            }
        }
        String note = "Images on which both classes appear; the diagonal counts the images of each class."
                + (card.coOccurrenceTruncated() ? " Only the most frequent pairs were recorded." : "");
        section(
                html,
                "Class co-occurrence",
                Heatmap.of(top.stream().map(DatasetCard.ClassStats::name).toList(), counts, "class co-occurrence"),
                note);
    }

    private static void classTable(StringBuilder html, DatasetCard card) {
        html.append("<section><h2>Classes</h2><table id=\"classes\"><thead><tr>")
                .append("<th>id</th><th>name</th><th>objects</th><th>outlines</th><th>image labels</th>")
                .append("<th>images</th><th>small</th><th>medium</th><th>large</th></tr></thead><tbody>");
        for (DatasetCard.ClassStats c : card.classes()) {
            html.append("<tr><td>").append(c.id()).append("</td><td>").append(Html.escape(c.name()));
            for (long value :
                    new long[] {c.objects(), c.outlines(), c.imageLabels(), c.images(), c.small(), c.medium(), c.large()
                    }) {
                html.append(String.format(Locale.ROOT, "</td><td data-value=\"%d\">%,d", value, value));
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void section(StringBuilder html, String heading, String chart, String note) {
        html.append("<section><h2>")
                .append(Html.escape(heading))
                .append("</h2>")
                .append(chart)
                .append("<p class=\"note\">")
                .append(Html.escape(note))
                .append("</p></section>\n");
    }
}
