package io.mlops.labels.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.labels.Annotation;
import io.mlops.labels.Box;
import io.mlops.labels.Category;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.Location;
import org.junit.jupiter.api.Test;

class CardPageTest {
    private static final Location HERE = Location.of("test");

    private static DatasetCard card(String... names) {
        CardBuilder builder = new CardBuilder();
        builder.image(new LabeledImage(1, "a.png", 640, 480), HERE);
        for (int i = 0; i < names.length; i++) {
            builder.category(Category.of(i + 1, names[i]), HERE);
            builder.annotation(Annotation.box(i + 1, 1, i + 1, new Box(0, 0, 10 + i, 10)), HERE);
        }
        return builder.card();
    }

    @Test
    void shouldEscapeClassNamesAndTitles() {
        String html = CardPage.render(card("<script>alert('x')</script>", "a & b"), "labels/<evil>.json");

        assertThat(html)
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("a &amp; b")
                .contains("labels/&lt;evil&gt;.json");
    }

    @Test
    void shouldBeSelfContained() {
        String html = CardPage.render(card("cat", "dog", "bird"), "cats and dogs");

        assertThat(html.toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("http:")
                .doesNotContain("https:")
                .doesNotContain("src=")
                .doesNotContain("href=")
                .doesNotContain("url(")
                .doesNotContain("@import");
        assertThat(html).contains("<svg").contains("<style>").contains("<script>");
    }

    @Test
    void shouldListEveryClassInTheTable() {
        String html = CardPage.render(card("cat", "dog", "bird"), "pets");

        assertThat(html).contains("<td>cat</td>").contains("<td>dog</td>").contains("<td>bird</td>");
    }

    @Test
    void shouldRenderACardWithoutAnyLabels() {
        String html = CardPage.render(new CardBuilder().card(), "nothing");

        assertThat(html).contains("Fewer than two classes appear on images.").endsWith("</html>\n");
    }
}
