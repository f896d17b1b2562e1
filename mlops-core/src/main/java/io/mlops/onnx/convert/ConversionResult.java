package io.mlops.onnx.convert;

import io.mlops.onnx.ModelCard;
import io.mlops.onnx.Optimization;
import java.io.Serializable;

/**
 * A conversion proven equal: the saved model's card and the proofs.
 *
 * @param framework the source framework
 * @param converter the converter and its version
 * @param frameworkVersion the framework and its version in the user's environment
 * @param card the saved model
 * @param proof the converted model against the source model
 * @param optimization the offline optimization applied to the saved model
 * @param optimizedProof the optimized model against the source model, or null without optimization
 */
public record ConversionResult(
        String framework,
        String converter,
        String frameworkVersion,
        ModelCard card,
        EqualityProof proof,
        Optimization optimization,
        EqualityProof optimizedProof)
        implements Serializable {
    /**
     * A summary for people: the card and each output's comparison.
     *
     * @return several lines
     */
    public String describe() {
        StringBuilder text = new StringBuilder(card.describe()).append('\n');
        text.append("converter  ")
                .append(converter)
                .append(" from ")
                .append(frameworkVersion)
                .append('\n');
        proof.comparisons()
                .forEach(c -> text.append("proof      ").append(c.describe()).append('\n'));
        if (optimizedProof != null) {
            optimizedProof
                    .comparisons()
                    .forEach(c -> text.append("optimized  ")
                            .append(optimization)
                            .append(": ")
                            .append(c.describe())
                            .append('\n'));
        }
        return text.toString().stripTrailing();
    }
}
