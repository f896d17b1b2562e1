package io.mlops.cli.labels;

import io.mlops.labels.card.DatasetCard;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A dataset card as people read it on a terminal. */
public final class CardText {
    private static final int PAIRS = 5;

    private CardText() {}

    /**
     * Formats a card.
     *
     * @param card the card
     * @return lines of text
     */
    public static String of(DatasetCard card) {
        StringBuilder text = new StringBuilder();
        DatasetCard.SizeDistribution sizes = card.sizes();
        text.append(String.format(
                Locale.ROOT, "images             %,d (%,d annotated)%n", card.images(), card.annotatedImages()));
        text.append(String.format(
                Locale.ROOT,
                "objects            %,d (%,d with outlines); image labels %,d%n",
                card.objects(),
                card.outlines(),
                card.imageLabels()));
        text.append(String.format(
                Locale.ROOT,
                "image sizes        %s%s; width %,d..%,d (median %,d), height %,d..%,d (median %,d)%s%n",
                sizes.common().stream()
                        .limit(3)
                        .map(s -> s.width() + "x" + s.height() + " (" + s.images() + ")")
                        .collect(Collectors.joining(", ")),
                sizes.common().size() > 3 || sizes.otherImages() > 0 ? ", ..." : "",
                sizes.minWidth(),
                sizes.maxWidth(),
                sizes.medianWidth(),
                sizes.minHeight(),
                sizes.maxHeight(),
                sizes.medianHeight(),
                sizes.unknownImages() > 0 ? "; " + sizes.unknownImages() + " without size" : ""));
        text.append(String.format(
                Locale.ROOT,
                "objects per image  mean %.2f, max %,d%n",
                card.boxesPerImage().mean(),
                card.boxesPerImage().max()));
        text.append(String.format(
                Locale.ROOT,
                "box areas (COCO)   small %,d, medium %,d, large %,d%n",
                card.areas().small(),
                card.areas().medium(),
                card.areas().large()));
        text.append(String.format(Locale.ROOT, "classes (%d):%n", card.classes().size()));
        text.append(String.format(
                Locale.ROOT, "  %6s  %-24s %10s %10s %10s%n", "id", "name", "objects", "img labels", "images"));
        Map<Integer, String> names = new HashMap<>();
        for (DatasetCard.ClassStats c : card.classes()) {
            names.put(c.id(), c.name());
            text.append(String.format(
                    Locale.ROOT,
                    "  %6d  %-24s %,10d %,10d %,10d%n",
                    c.id(),
                    c.name(),
                    c.objects(),
                    c.imageLabels(),
                    c.images()));
        }
        List<DatasetCard.ClassPair> pairs = card.coOccurrence().stream()
                .sorted(Comparator.comparingLong(DatasetCard.ClassPair::images).reversed())
                .limit(PAIRS)
                .toList();
        text.append("often together       ")
                .append(
                        pairs.isEmpty()
                                ? "-"
                                : pairs.stream()
                                        .map(p -> names.get(p.first()) + " + " + names.get(p.second()) + " ("
                                                + ReportText.count(p.images(), "image") + ")")
                                        .collect(Collectors.joining(", ")));
        return text.toString();
    }
}
