package io.mlops.registry.webhook;

import io.mlops.error.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A webhook to add: where to POST, the secret that signs each payload, which events, and
 * optionally one model.
 *
 * @param url an absolute http or https URL
 * @param secret the shared secret for the HMAC-SHA256 signature, at least {@value #MIN_SECRET} characters
 * @param events the events to receive, at least one
 * @param model the only model to hear about, or null for every model
 */
public record NewWebhook(URI url, String secret, Set<WebhookEvent> events, String model) {
    /** The shortest secret accepted; shorter ones are guessable. */
    public static final int MIN_SECRET = 16;

    /** Validates the webhook; messages never include the secret. */
    public NewWebhook {
        if (url == null
                || !url.isAbsolute()
                || url.getHost() == null
                || !Set.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new UserError("a webhook URL must be an absolute http:// or https:// URL, not '" + url + "'");
        }
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new UserError("a webhook secret must have at least " + MIN_SECRET + " characters");
        }
        if (events == null || events.isEmpty()) {
            throw new UserError(
                    "a webhook needs at least one event: VERSION_CREATED, ALIAS_MOVED or DEPLOYMENT_CHANGED");
        }
        events = Set.copyOf(events);
        if (model != null && model.isBlank()) {
            model = null;
        }
    }

    /** Leaves the secret out, so that logging the request cannot leak it. */
    @Override
    public String toString() {
        return "NewWebhook[url=" + url + ", secret=***, events=" + events + ", model=" + model + "]";
    }

    /**
     * Reads a URL as users write it.
     *
     * @param text the URL
     * @return the URI
     * @throws UserError when it is no URL
     */
    public static URI url(String text) {
        try {
            return new URI(text == null ? "" : text.strip());
        } catch (URISyntaxException e) {
            throw new UserError("'" + text + "' is no URL: " + e.getReason());
        }
    }
}
