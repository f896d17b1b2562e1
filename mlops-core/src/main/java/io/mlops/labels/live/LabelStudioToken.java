package io.mlops.labels.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A Label Studio API token, of either kind the server accepts, told apart by its form as
 * label-studio-sdk does ({@code TokensClientExt}): a JSON Web Token is a personal access token (a
 * refresh token, exchanged at {@code POST /api/token/refresh/} for a short-lived access token sent as
 * {@code Authorization: Bearer}); anything else is a legacy token, sent as {@code Authorization:
 * Token}.
 *
 * <p>The secret never appears in {@link #toString()} or in any message.
 */
public final class LabelStudioToken {
    private final String secret;
    private final Instant expires;

    private LabelStudioToken(String secret, Instant expires) {
        this.secret = secret;
        this.expires = expires;
    }

    /**
     * Reads a token as given by the user (surrounding white space, e.g. a file's last newline, is dropped).
     *
     * @param text the token
     * @param source where it came from, for messages (e.g. the file name), never the token itself
     * @return the token
     * @throws UserError when it is empty, or a personal access token without an expiry or past it
     */
    public static LabelStudioToken of(String text, String source) {
        String secret = text == null ? "" : text.strip();
        if (secret.isEmpty() || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new UserError("the Label Studio token from " + source
                    + " is empty or holds spaces or control characters; give the API token alone");
        }
        Optional<JsonNode> claims = claims(secret);
        if (claims.isEmpty()) {
            return new LabelStudioToken(secret, null);
        }
        JsonNode exp = claims.get().path("exp");
        if (!exp.canConvertToLong()) {
            throw new UserError("the Label Studio personal access token from " + source
                    + " has no expiry and is not valid; make a new one under Account & Settings");
        }
        Instant expires = Instant.ofEpochSecond(exp.asLong());
        if (expires.isBefore(Instant.now())) {
            throw new UserError("the Label Studio personal access token from " + source + " expired at " + expires
                    + "; make a new one under Account & Settings");
        }
        return new LabelStudioToken(secret, expires);
    }

    /**
     * Reads a token from a file that holds it alone (a newline after it is allowed).
     *
     * @param file the file
     * @return the token
     * @throws UserError when the file cannot be read or holds no valid token
     */
    public static LabelStudioToken read(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8), "the file " + file);
        } catch (IOException e) {
            throw new UserError("cannot read the Label Studio token file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether this is a personal access token (a JWT refresh token) rather than a legacy one.
     *
     * @return true for a personal access token
     */
    public boolean personal() {
        return expires != null;
    }

    /** The secret, for the one place that sends it. */
    String secret() {
        return secret;
    }

    /**
     * The claims of a JSON Web Token, read without checking its signature (the server checks it), or
     * empty when the text is not one.
     *
     * @param token the text
     * @return its payload
     */
    static Optional<JsonNode> claims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = decode(parts[0]);
            JsonNode payload = decode(parts[1]);
            return header.isObject() && header.has("alg") && payload.isObject()
                    ? Optional.of(payload)
                    : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode decode(String part) throws IOException {
        return Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }

    /**
     * When an access token stops being accepted.
     *
     * @param access an access token the server gave
     * @return its expiry, or empty when it states none
     */
    static Optional<Instant> expiry(String access) {
        return claims(access)
                .map(payload -> payload.path("exp"))
                .filter(JsonNode::canConvertToLong)
                .map(exp -> Instant.ofEpochSecond(exp.asLong()));
    }

    @Override
    public String toString() {
        return personal() ? "Label Studio personal access token ****" : "Label Studio token ****";
    }
}
