package io.mlops.agent.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mlops.agent.serve.Overloaded;
import io.mlops.agent.serve.UnknownModel;
import io.mlops.protocol.v2.InvalidInput;

/**
 * The gRPC status for each failure of the V2 service, the same rule the HTTP protocol follows with
 * its status codes: the client sees the message that says what and where, never a stack trace.
 */
final class StatusMapping {
    private StatusMapping() {}

    /**
     * The status exception to answer a failed call with.
     *
     * @param failure what the service threw
     * @return NOT_FOUND for {@link UnknownModel}, INVALID_ARGUMENT for {@link InvalidInput},
     *     RESOURCE_EXHAUSTED for {@link Overloaded}, INTERNAL for anything else
     */
    static StatusRuntimeException toStatus(RuntimeException failure) {
        Status status = switch (failure) {
            case UnknownModel e -> Status.NOT_FOUND;
            case InvalidInput e -> Status.INVALID_ARGUMENT;
            case Overloaded e -> Status.RESOURCE_EXHAUSTED;
            default -> Status.INTERNAL;
        };
        String message = failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
        return status.withDescription(message).withCause(failure).asRuntimeException();
    }
}
