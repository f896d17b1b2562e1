package io.mlops.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
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
        checkBearer(header);
    }

    /**
     * Refuses a request without the token, taking it either as a bearer token or as the password of
     * HTTP basic authentication (any user name): Label Studio's ML backend connection can send only
     * basic authentication.
     *
     * @param request the request
     * @throws HttpFailure 401 naming what is missing, never the token
     */
    void checkBearerOrBasic(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            checkBearer(header);
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(401, "the basic authentication header of the " + realm + " is not base64");
        }
        int colon = decoded.indexOf(':');
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        if (colon < 0 || !MessageDigest.isEqual(given, token)) {
            throw new HttpFailure(401, "the basic authentication password is not the token of the " + realm);
        }
    }

    private void checkBearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpFailure(401, "the " + realm + " needs an 'Authorization: Bearer <token>' header");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new HttpFailure(401, "the bearer token is not valid for the " + realm);
        }
    }
}
