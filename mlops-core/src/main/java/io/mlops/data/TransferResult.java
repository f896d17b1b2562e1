package io.mlops.data;

/**
 * What a push or pull did.
 *
 * @param transferred objects copied
 * @param present objects the other side already had
 */
public record TransferResult(int transferred, int present) implements java.io.Serializable {}
