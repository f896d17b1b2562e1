package io.mlops.registry.http;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;

/**
 * Who may change the registry through its API, and under which name the change is audited.
 *
 * <p>With a token, a write needs {@code Authorization: Bearer <token>} (compared in constant time,
 * never logged). The actor is the user the host authenticated (Jenkins sets one), else the
 * {@code X-Mlops-Actor} header of a request that carried the valid token, else {@code anonymous}:
 * without a valid token a request could name anyone, so its claim is not recorded.
 */
final class WriteAccess {
    static final String ACTOR_HEADER = "X-Mlops-Actor";

    private static final String ANONYMOUS = "anonymous";
    private static final int MAX_ACTOR = 200;

    private final byte[] expected;

    /**
     * Creates the rule.
     *
     * @param token the token writes need, or null when the host authenticates (or nobody need)
     */
    WriteAccess(String token) {
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    boolean tokenRequired() {
        return expected != null;
    }

    /** Refuses a write without the valid token. */
    void requireWrite(HttpServletRequest request) {
        if (expected == null) {
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null) {
            throw new ApiError(
                    ApiError.Code.UNAUTHENTICATED,
                    "this registry needs a token to change it: send Authorization: Bearer <token>");
        }
        if (!validToken(header)) {
            throw new ApiError(ApiError.Code.UNAUTHENTICATED, "the token is not valid for this registry");
        }
    }

    String actor(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null
                && principal.getName() != null
                && !principal.getName().isBlank()) {
            return principal.getName();
        }
        String claimed = request.getHeader(ACTOR_HEADER);
        String header = request.getHeader("Authorization");
        if (expected != null && header != null && validToken(header) && claimed != null && !claimed.isBlank()) {
            String name = claimed.strip();
            if (name.length() <= MAX_ACTOR && name.chars().noneMatch(Character::isISOControl)) {
                return name;
            }
            throw ApiError.invalid(ACTOR_HEADER + " must be a name of at most " + MAX_ACTOR
                    + " characters without control characters");
        }
        return ANONYMOUS;
    }

    private boolean validToken(String header) {
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }
}
