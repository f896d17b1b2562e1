package io.mlops.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The assets of a built index.html, as Vite writes it, for a host page to load. */
class PageAssetsTest {
    private static final String VITE = """
            <!doctype html>
            <html lang="en">
              <head>
                <script type="module" crossorigin src="./assets/index-CWXjpV4u.js"></script>
                <link rel="stylesheet" crossorigin href="./assets/index-DAWrjTnS.css">
                <link rel="icon" href="./favicon.svg">
              </head>
              <body><div id="root" data-api-base=""></div></body>
            </html>
            """;

    @Test
    void shouldFindTheScriptsAndStylesheetsInPageOrder() {
        PageAssets assets = PageAssets.of(VITE);

        assertThat(assets.scripts()).containsExactly("./assets/index-CWXjpV4u.js");
        assertThat(assets.stylesheets()).containsExactly("./assets/index-DAWrjTnS.css");
    }

    @Test
    void shouldRefuseAssetsFromElsewhere() {
        PageAssets assets = PageAssets.of("<script src=\"https://cdn.example/x.js\"></script>"
                + "<script src=\"../../secret.js\"></script>"
                + "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">"
                + "<script src=\"assets/ok.js\"></script>");

        assertThat(assets.scripts()).containsExactly("assets/ok.js");
        assertThat(assets.stylesheets()).isEmpty();
    }
}
