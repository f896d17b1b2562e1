package io.mlops.jenkins.steps;

import hudson.model.Action;
import io.mlops.onnx.ModelCard;
import io.mlops.onnx.convert.ConversionResult;
import io.mlops.onnx.convert.OutputComparison;
import java.util.List;

/** A model a build converted to ONNX: its card and the proof that it answers as the source did. */
public final class ConversionAction implements Action {
    private final String output;
    private final String framework;
    private final String converter;
    private final ModelCard card;
    private final List<String> proof;

    ConversionAction(String output, ConversionResult result) {
        this.output = output;
        this.framework = result.framework();
        this.converter = result.converter() + " " + result.frameworkVersion();
        this.card = result.card();
        this.proof = result.proof().comparisons().stream()
                .map(OutputComparison::describe)
                .toList();
    }

    /** @return the ONNX model's path in the workspace */
    public String getOutput() {
        return output;
    }

    /** @return the source framework */
    public String getFramework() {
        return framework;
    }

    /** @return the converter and framework versions */
    public String getConverter() {
        return converter;
    }

    /** @return the model card: inputs, outputs, opsets, size, hash */
    public ModelCard getCard() {
        return card;
    }

    /** @return one line per output of the equality proof */
    public List<String> getProof() {
        return proof;
    }

    @Override
    public String getIconFileName() {
        return "symbol-git-compare-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "ONNX model " + output;
    }

    @Override
    public String getUrlName() {
        return "mlops-onnx-" + card.sha256().substring(0, 12);
    }
}
