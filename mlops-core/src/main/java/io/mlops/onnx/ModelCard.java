package io.mlops.onnx;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * What an ONNX model is, read from its protobuf and confirmed by loading it in ONNX Runtime.
 *
 * @param file the model file
 * @param fileSize its size in bytes
 * @param sha256 the SHA-256 of its bytes
 * @param irVersion the ONNX IR version
 * @param producer the producing tool and its version, e.g. {@code skl2onnx 1.20.0}
 * @param opsets the imported operator sets
 * @param inputs the graph inputs (initializers excluded), symbolic dimensions kept
 * @param outputs the graph outputs
 * @param parameterCount the trained weights: elements of initializers, constant tensors and float-list
 *     attributes (tree ensembles keep theirs there)
 * @param loads whether ONNX Runtime loaded the model
 * @param runtime the ONNX Runtime version that loaded it
 */
public record ModelCard(
        String file,
        long fileSize,
        String sha256,
        long irVersion,
        String producer,
        List<Opset> opsets,
        List<TensorSpec> inputs,
        List<TensorSpec> outputs,
        long parameterCount,
        boolean loads,
        String runtime)
        implements Serializable {
    /** Copies the lists. */
    public ModelCard {
        opsets = List.copyOf(opsets);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * Describes a model, loading it once to prove ONNX Runtime accepts it.
     *
     * @param model the .onnx file
     * @return the card
     * @throws io.mlops.error.UserError when the file is not ONNX, uses an unsupported opset or does
     *     not load
     */
    public static ModelCard read(Path model) {
        try (ModelSession session = ModelSession.open(model, new SessionSettings(Device.CPU, 1, Optimization.NONE))) {
            OnnxModelFile file = session.file();
            return new ModelCard(
                    model.toString(),
                    file.fileSize(),
                    file.sha256(),
                    file.model().getIrVersion(),
                    file.producer(),
                    file.opsets(),
                    file.inputs(),
                    file.outputs(),
                    file.parameterCount(),
                    true,
                    RuntimeSupport.version());
        }
    }

    /**
     * The card as text for people.
     *
     * @return several lines
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("model      ").append(file).append('\n');
        text.append("size       ")
                .append(fileSize)
                .append(" bytes, sha256 ")
                .append(sha256)
                .append('\n');
        text.append("producer   ")
                .append(producer)
                .append(", IR version ")
                .append(irVersion)
                .append('\n');
        text.append("opsets     ");
        opsets.forEach(
                o -> text.append(o.domain()).append(' ').append(o.version()).append("  "));
        text.append('\n');
        inputs.forEach(i -> text.append("input      ")
                .append(i.name())
                .append(": ")
                .append(i.describe())
                .append('\n'));
        outputs.forEach(o -> text.append("output     ")
                .append(o.name())
                .append(": ")
                .append(o.describe())
                .append('\n'));
        text.append("parameters ")
                .append(String.format(java.util.Locale.ROOT, "%,d", parameterCount))
                .append('\n');
        text.append("loads      ")
                .append(loads ? "yes" : "no")
                .append(" (ONNX Runtime ")
                .append(runtime)
                .append(')');
        return text.toString();
    }
}
