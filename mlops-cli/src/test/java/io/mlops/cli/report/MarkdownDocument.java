package io.mlops.cli.report;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * A comment parsed as GitHub renders it (CommonMark with GFM tables, by commonmark-java), so that
 * tests read its structure (headings, table cells, images) rather than compare the text whole.
 */
final class MarkdownDocument {
    private static final Parser PARSER =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    final List<String> headings = new ArrayList<>();
    final List<String> paragraphs = new ArrayList<>();
    final List<String> quotes = new ArrayList<>();
    final List<String> strong = new ArrayList<>();
    final List<String> images = new ArrayList<>();
    /** Each table as rows of cell texts, the header row first. */
    final List<List<List<String>>> tables = new ArrayList<>();

    private MarkdownDocument() {}

    static MarkdownDocument parse(String markdown) {
        MarkdownDocument document = new MarkdownDocument();
        PARSER.parse(markdown).accept(document.new Collector());
        return document;
    }

    /**
     * The table whose header row starts with these cells.
     *
     * @param header the first cells of the header
     * @return the body rows
     */
    List<List<String>> table(String... header) {
        for (List<List<String>> table : tables) {
            if (table.get(0)
                    .subList(0, Math.min(header.length, table.get(0).size()))
                    .equals(List.of(header))) {
                return table.subList(1, table.size());
            }
        }
        throw new AssertionError("no table with header " + List.of(header) + " in " + tables);
    }

    /**
     * The row of a table whose first cell is this.
     *
     * @param table the rows
     * @param first the first cell
     * @return the row
     */
    static List<String> row(List<List<String>> table, String first) {
        return table.stream()
                .filter(row -> row.get(0).equals(first))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + first + "' in " + table));
    }

    static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private final class Collector extends AbstractVisitor {
        @Override
        public void visit(Heading heading) {
            headings.add(text(heading));
        }

        @Override
        public void visit(Paragraph paragraph) {
            paragraphs.add(text(paragraph));
            visitChildren(paragraph);
        }

        @Override
        public void visit(BlockQuote quote) {
            quotes.add(text(quote));
            visitChildren(quote);
        }

        @Override
        public void visit(StrongEmphasis emphasis) {
            strong.add(text(emphasis));
        }

        @Override
        public void visit(Image image) {
            images.add(image.getDestination());
        }

        @Override
        public void visit(CustomBlock block) {
            if (block instanceof TableBlock table) {
                List<List<String>> rows = new ArrayList<>();
                collectRows(table, rows);
                tables.add(rows);
            } else {
                visitChildren(block);
            }
        }

        @Override
        public void visit(CustomNode node) {
            visitChildren(node);
        }

        private void collectRows(Node node, List<List<String>> rows) {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof TableRow row) {
                    List<String> cells = new ArrayList<>();
                    for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                        if (cell instanceof TableCell) {
                            cells.add(text(cell).strip());
                        }
                    }
                    rows.add(cells);
                } else {
                    collectRows(child, rows);
                }
            }
        }
    }
}
