package io.mlops.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived bearer tokens, each bound to one scope (in Jenkins: one build), that a process
 * outside the host presents to reach an API (the training script's MLflow client calling the
 * tracking API served by the controller).
 *
 * <p>A token is 256 random bits; only its SHA-256 is kept, so a heap dump or a leaked map does
 * not hand out live tokens. Revoking a scope (when the build ends) makes its tokens fail at once.
 * Tokens live in memory: a restarted host has revoked them all, which is right for tokens of
 * builds that a restart ends.
 */
public final class ScopedTokens {
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> scopeByHash = new ConcurrentHashMap<>();

    /**
     * Issues a new token for a scope; earlier tokens of the scope stay valid until it is revoked.
     *
     * @param scope what the token is for, e.g. a build's full id {@code folder/job#12}
     * @return the token, to hand to the process once and never to print
     */
    public String issue(String scope) {
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("a token needs a scope");
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        scopeByHash.put(hash(token), scope);
        return token;
    }

    /**
     * Finds the scope of a presented token.
     *
     * @param token the token as presented, or null
     * @return its scope, or empty when the token is unknown, revoked or absent
     */
    public Optional<String> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(scopeByHash.get(hash(token)));
    }

    /**
     * Revokes every token of a scope.
     *
     * @param scope the scope whose work ended
     * @return how many tokens were revoked
     */
    public int revoke(String scope) {
        int before = scopeByHash.size();
        scopeByHash.values().removeIf(scope::equals);
        return before - scopeByHash.size();
    }

    /**
     * How many tokens are live, for diagnostics.
     *
     * @return the number of unrevoked tokens
     */
    public int live() {
        return scopeByHash.size();
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
