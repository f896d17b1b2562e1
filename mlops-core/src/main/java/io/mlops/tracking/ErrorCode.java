package io.mlops.tracking;

/**
 * Why a tracking request failed, in the words of MLflow's protocol ({@code databricks.proto}), so
 * that MLflow clients react as they do against MLflow's own server.
 */
public enum ErrorCode {
    /** A bug or an unexpected failure of the server. */
    INTERNAL_ERROR,
    /** The store is locked or unreachable for now; clients retry. */
    TEMPORARILY_UNAVAILABLE,
    /** The request cannot be understood. */
    BAD_REQUEST,
    /** A field is missing, has the wrong type, or breaks a rule or limit. */
    INVALID_PARAMETER_VALUE,
    /** No such endpoint. */
    ENDPOINT_NOT_FOUND,
    /** The stored data contradicts itself. */
    INVALID_STATE,
    /** An experiment with that name exists. */
    RESOURCE_ALREADY_EXISTS,
    /** No such experiment, run, tag or artifact. */
    RESOURCE_DOES_NOT_EXIST,
    /** No or a wrong token. */
    UNAUTHENTICATED,
    /** The caller may not do this. */
    PERMISSION_DENIED,
    /** Too many requests. */
    REQUEST_LIMIT_EXCEEDED
}
