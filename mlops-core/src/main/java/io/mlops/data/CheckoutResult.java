package io.mlops.data;

/**
 * What a checkout did.
 *
 * @param written files written (missing or overwritten)
 * @param unchanged files that already had the right content
 */
public record CheckoutResult(int written, int unchanged) implements java.io.Serializable {}
