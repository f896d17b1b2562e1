import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Time until the registry UI's model page is usable in Chromium: from the start of navigation to
 * the first frame painted after the versions table holds its rows (a MutationObserver installed
 * before the page's own scripts notes the moment, then waits for the next animation frame).
 *
 * <p>Cold: a fresh browser context per load (no cached page, scripts or API answers). Warm: one
 * context reloading (scripts from the cache, as a user returning to the page). The model's JSON
 * fetched alone (Java's HTTP client, the same one call the page makes) is the floor the page adds to.
 *
 * <p>usage: java -cp PLAYWRIGHT_CLASSPATH bench/RegistryUiUsable.java URL MODEL [LOADS] [CHROMIUM]
 */
public class RegistryUiUsable {
    private static final String PROBE = """
            (() => {
              const seen = () => {
                const rows = document.querySelectorAll("table.versions tbody tr");
                if (rows.length > 0 && window.__usable === undefined) {
                  window.__usable = null;
                  requestAnimationFrame(() => requestAnimationFrame(() => {
                    window.__usable = performance.now();
                    window.__rows = rows.length;
                  }));
                }
              };
              new MutationObserver(seen).observe(document, { childList: true, subtree: true });
            })();
            """;

    public static void main(String[] args) throws Exception {
        String server = args[0].replaceAll("/+$", "");
        String model = args[1];
        int loads = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path chromium = Path.of(args.length > 3 ? args[3] : "/usr/bin/chromium");
        String pageUrl = server + "/#/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");

        List<Double> api = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        URI json = URI.create(server + "/api/registry/v1/models/"
                + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20"));
        int bytes = 0;
        for (int i = 0; i < loads + 2; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(json).build(), HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - start) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(json + " answered " + answer.statusCode());
            }
            bytes = answer.body().length;
            if (i >= 2) {
                api.add(ms);
            }
        }

        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        int rows = 0;
        try (Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu")));
            // One throw-away load starts the browser's processes, as a user's browser already runs.
            measure(browser.newContext(), pageUrl);
            for (int i = 0; i < loads; i++) {
                try (BrowserContext context = browser.newContext()) {
                    double[] result = measure(context, pageUrl);
                    cold.add(result[0]);
                    rows = (int) result[1];
                }
            }
            try (BrowserContext context = browser.newContext()) {
                Page page = context.newPage();
                page.addInitScript(PROBE);
                page.navigate(pageUrl);
                page.waitForFunction("() => typeof window.__usable === 'number'");
                for (int i = 0; i < loads; i++) {
                    page.reload();
                    page.waitForFunction("() => typeof window.__usable === 'number'");
                    warm.add(((Number) page.evaluate("() => window.__usable")).doubleValue());
                }
            }
            browser.close();
        }
        System.out.printf("model page %s: %d versions in the table, model JSON %d bytes, %d loads each%n", model, rows, bytes, loads);
        System.out.printf("usable, cold (new browser context): median %.0f ms (min %.0f, max %.0f)%n", median(cold), Collections.min(cold), Collections.max(cold));
        System.out.printf("usable, warm (reload, cached scripts): median %.0f ms (min %.0f, max %.0f)%n", median(warm), Collections.min(warm), Collections.max(warm));
        System.out.printf("model JSON alone (one GET, no browser): median %.1f ms%n", median(api));
        System.out.printf("target: usable under 1000 ms -> %s%n", median(cold) < 1000 ? "met" : "NOT met");
    }

    private static double[] measure(BrowserContext context, String url) {
        Page page = context.newPage();
        page.addInitScript(PROBE);
        page.navigate(url);
        page.waitForFunction("() => typeof window.__usable === 'number'");
        double usable = ((Number) page.evaluate("() => window.__usable")).doubleValue();
        double rows = ((Number) page.evaluate("() => window.__rows")).doubleValue();
        return new double[] {usable, rows};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
