package io.mlops.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripts and stylesheets a built single-page app's index.html loads, so a host page (the
 * Jenkins registry page, a Jelly shell) can load the same ones inside its own layout.
 *
 * @param scripts the script URLs, in page order, as written (relative to the page)
 * @param stylesheets the stylesheet URLs, in page order
 */
public record PageAssets(List<String> scripts, List<String> stylesheets) {
    private static final Pattern SCRIPT =
            Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("<link\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLESHEET = Pattern.compile("\\brel=\"stylesheet\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF = Pattern.compile("\\bhref=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern SAFE = Pattern.compile("(\\./)?[A-Za-z0-9._/-]+");

    /** Copies the lists. */
    public PageAssets {
        scripts = List.copyOf(scripts);
        stylesheets = List.copyOf(stylesheets);
    }

    /**
     * Reads the assets of a page.
     *
     * @param html the page, as the front-end build wrote it
     * @return its scripts and stylesheets; only relative paths of plain characters are taken, so
     *     the host never loads code from elsewhere
     */
    public static PageAssets of(String html) {
        List<String> scripts = new ArrayList<>();
        Matcher script = SCRIPT.matcher(html);
        while (script.find()) {
            addIfSafe(scripts, script.group(1));
        }
        List<String> stylesheets = new ArrayList<>();
        Matcher link = LINK.matcher(html);
        while (link.find()) {
            String tag = link.group();
            Matcher href = HREF.matcher(tag);
            if (STYLESHEET.matcher(tag).find() && href.find()) {
                addIfSafe(stylesheets, href.group(1));
            }
        }
        return new PageAssets(scripts, stylesheets);
    }

    private static void addIfSafe(List<String> into, String url) {
        if (SAFE.matcher(url).matches() && !url.contains("..")) {
            into.add(url);
        }
    }
}
