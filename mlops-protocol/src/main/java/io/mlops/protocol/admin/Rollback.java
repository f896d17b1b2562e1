package io.mlops.protocol.admin;

/**
 * A rollback that happened, automatic or asked for.
 *
 * @param from the version traffic left
 * @param to the version traffic went back to
 * @param reason why
 * @param at when, in milliseconds since the epoch
 */
public record Rollback(String from, String to, String reason, long at) {}
