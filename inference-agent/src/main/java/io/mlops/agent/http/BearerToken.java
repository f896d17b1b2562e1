package io.mlops.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** Checks an {@code Authorization: Bearer} header against a token, in constant time. */
final class BearerToken {
    private final byte[] token;
    private final String realm;

    /**
     * Creates the check.
     *
     * @param token the expected token
     * @param realm what the token guards, for the message
     */
    BearerToken(String token, String realm) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.realm = realm;
    }

    /**
     * Refuses a request without the token.
     *
     * @param request the request
     * @throws HttpFailure 401 naming what is missing, never the token
     */
    void check(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpFailure(401, "the " + realm + " needs an 'Authorization: Bearer <token>' header");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new HttpFailure(401, "the bearer token is not valid for the " + realm);
        }
    }
}
