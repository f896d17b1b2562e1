package io.mlops.onnx;

import java.io.Serializable;

/**
 * An operator set a model imports.
 *
 * @param domain the domain, {@code ai.onnx} for the default one
 * @param version the opset version
 */
public record Opset(String domain, long version) implements Serializable {
    /** The default domain's name; the protobuf spells it as the empty string. */
    public static final String DEFAULT_DOMAIN = "ai.onnx";

    /** Names the default domain. */
    public Opset {
        domain = domain == null || domain.isEmpty() ? DEFAULT_DOMAIN : domain;
    }
}
