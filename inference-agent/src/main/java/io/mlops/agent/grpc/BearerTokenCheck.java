package io.mlops.agent.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Refuses every call that does not carry {@code authorization: Bearer <token>} in its metadata with
 * UNAUTHENTICATED, before the call reaches the service (the gRPC side of the agent's inference token).
 */
public final class BearerTokenCheck implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] expected;

    /**
     * Creates the check.
     *
     * @param token the token clients must present; never logged
     */
    public BearerTokenCheck(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the inference token is empty");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String presented = headers.get(AUTHORIZATION);
        // constant-time comparison: the answer's timing must not tell how much of a guess was right
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            call.close(
                    Status.UNAUTHENTICATED.withDescription(
                            presented == null
                                    ? "missing 'authorization: Bearer <token>' metadata"
                                    : "the bearer token is not the agent's inference token"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
