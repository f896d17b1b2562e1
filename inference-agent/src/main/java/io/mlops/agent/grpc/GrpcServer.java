package io.mlops.agent.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.mlops.agent.serve.InferenceService;
import io.mlops.error.UserError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The agent's V2 gRPC endpoint: a Netty server on one address serving {@link V2GrpcService}. */
public final class GrpcServer implements AutoCloseable {
    private final Server server;

    private GrpcServer(Server server) {
        this.server = server;
    }

    /**
     * Starts the server.
     *
     * @param service the inference service to expose
     * @param host the address to bind, {@code 127.0.0.1} unless the operator chose otherwise
     * @param port the port, 0 for any free one
     * @param maxMessageBytes the largest request accepted
     * @param token the bearer token calls must carry, or empty for none
     * @return the running server
     * @throws UserError when the address cannot be bound, naming it
     */
    public static GrpcServer start(
            InferenceService service, String host, int port, int maxMessageBytes, Optional<String> token) {
        ServerServiceDefinition definition = new V2GrpcService(service).bindService();
        if (token.isPresent()) {
            definition = ServerInterceptors.intercept(definition, new BearerTokenCheck(token.get()));
        }
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .maxInboundMessageSize(maxMessageBytes)
                .addService(definition)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UserError("cannot serve gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new GrpcServer(server);
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port (the chosen one when 0 was asked for)
     */
    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, lets running ones finish for up to five seconds, then cancels the rest. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
