package io.mlops.jenkins.steps;

import hudson.model.Action;
import io.mlops.onnx.ModelCard;
import io.mlops.onnx.convert.ConversionResult;
import io.mlops.onnx.convert.OutputComparison;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model a build converted to ONNX: its card and the proof that it answers as the source did.
 * Kept as plain values, since build.xml is written by XStream.
 */
public final class ConversionAction implements Action {
    private final String output;
    private final String framework;
    private final String converter;
    private final String sha256;
    private final long sizeBytes;
    private final String producer;
    private final long parameters;
    private final LinkedHashMap<String, Long> opsets = new LinkedHashMap<>();
    private final ArrayList<TensorShape> inputs;
    private final ArrayList<TensorShape> outputs;
    private final ArrayList<ProofLine> proof = new ArrayList<>();

    ConversionAction(String output, ConversionResult result) {
        ModelCard card = result.card();
        this.output = output;
        this.framework = result.framework();
        this.converter = result.converter() + " " + result.frameworkVersion();
        this.sha256 = card.sha256();
        this.sizeBytes = card.fileSize();
        this.producer = card.producer();
        this.parameters = card.parameterCount();
        card.opsets().forEach(opset -> opsets.put(opset.domain(), opset.version()));
        this.inputs = new ArrayList<>(TensorShape.of(card.inputs()));
        this.outputs = new ArrayList<>(TensorShape.of(card.outputs()));
        for (OutputComparison comparison : result.proof().comparisons()) {
            proof.add(ProofLine.of(comparison));
        }
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

    /** @return the ONNX file's SHA-256 */
    public String getSha256() {
        return sha256;
    }

    /** @return the ONNX file's size in bytes */
    public long getSizeBytes() {
        return sizeBytes;
    }

    /** @return the program that wrote the ONNX file */
    public String getProducer() {
        return producer;
    }

    /** @return the number of parameters */
    public long getParameters() {
        return parameters;
    }

    /** @return the imported opset version by domain, as the card lists them */
    public Map<String, Long> getOpsets() {
        return Collections.unmodifiableMap(opsets);
    }

    /** @return the inputs with their types and shapes */
    public List<TensorShape> getInputs() {
        return List.copyOf(inputs);
    }

    /** @return the outputs with their types and shapes */
    public List<TensorShape> getOutputs() {
        return List.copyOf(outputs);
    }

    /** @return the equality proof, one comparison per output */
    public List<ProofLine> getProof() {
        return List.copyOf(proof);
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
        return "mlops-onnx-" + sha256.substring(0, 12);
    }
}
