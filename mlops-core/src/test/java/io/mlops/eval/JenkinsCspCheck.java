package io.mlops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a report directory renders, styled, under the Content-Security-Policy Jenkins sends with
 * build files ({@code DirectoryBrowserSupport.DEFAULT_CSP_VALUE} of Jenkins 2.555: {@code sandbox
 * allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';}): no inline CSS, no script,
 * and every class the page uses defined in the stylesheet beside it.
 */
final class JenkinsCspCheck {
    private static final Pattern CLASS = Pattern.compile("class=\"([^\"]+)\"");

    private JenkinsCspCheck() {}

    static void assertRendersUnderJenkinsCsp(Path reportDirectory) throws IOException {
        String html = Files.readString(reportDirectory.resolve(ReportFiles.PAGE));
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<style", "style=", "<script", "javascript:");
        assertThat(Pattern.compile("\\son[a-z]+=").matcher(lower).find())
                .as("an inline event handler")
                .isFalse();
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"" + HtmlReport.STYLESHEET + "\">");
        String css = Files.readString(reportDirectory.resolve(HtmlReport.STYLESHEET));
        Matcher used = CLASS.matcher(html);
        while (used.find()) {
            for (String name : used.group(1).split("\\s+")) {
                assertThat(css).as("the stylesheet's rule for class " + name).contains("." + name + "{");
            }
        }
    }
}
