package io.mlops.agent.serve;

import io.mlops.protocol.reference.RowValues;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Triton's classification extension: an output requested with {@code class_count: N} is answered
 * with the top N classes of each batch row (of the whole tensor when the model has no batch
 * dimension) instead of its values, as BYTES strings {@code "value:index"}, or
 * {@code "value:index:label"} when the version has a labels file, highest value first (the lower
 * index first among equal values).
 */
public final class Classification {
    /**
     * The parameters of a requested output that ask for its top classes: Triton's
     * {@code classification} (what tritonclient's {@code class_count} argument sends) and
     * {@code class_count}.
     */
    public static final List<String> PARAMETERS = List.of("classification", "class_count");

    private Classification() {}

    /**
     * Answers the class counts of a request: the reply with the outputs asked for replaced by their
     * top classes, labelled from the version that answered.
     *
     * @param service where the answering version's configuration comes from
     * @param reply the model's reply
     * @param classCounts the class count asked for, by output name
     * @return the reply, classified where asked
     */
    public static InferResponse apply(InferenceService service, InferResponse reply, Map<String, Integer> classCounts) {
        if (classCounts.isEmpty()) {
            return reply;
        }
        ModelConfig config = service.config(reply.model(), reply.version());
        return new InferResponse(
                reply.model(), reply.version(), reply.id(), apply(reply.outputs(), classCounts, config));
    }

    /**
     * Replaces the outputs asked for with their top classes.
     *
     * @param outputs the model's outputs
     * @param classCounts the class count asked for, by output name; outputs not named stay as they are
     * @param config the version's configuration: its batch dimension and labels
     * @return the outputs, classified where asked
     * @throws InvalidInput when a class count is below 1 or the output is not numeric
     */
    public static List<Tensor> apply(List<Tensor> outputs, Map<String, Integer> classCounts, ModelConfig config) {
        if (classCounts.isEmpty()) {
            return outputs;
        }
        List<Tensor> result = new ArrayList<>(outputs.size());
        for (Tensor output : outputs) {
            Integer count = classCounts.get(output.name());
            result.add(count == null ? output : topClasses(output, count, config.batchDimension(), config.labels()));
        }
        return result;
    }

    /**
     * The top classes of one output.
     *
     * @param output a numeric tensor
     * @param count how many classes to keep per row; more than a row has keeps them all
     * @param batched whether the first dimension is the batch, classified row by row
     * @param labels the label of each index; empty for none
     * @return a BYTES tensor {@code [rows, min(count, classes)]}, or {@code [min(count, classes)]}
     *     when not batched
     */
    public static Tensor topClasses(Tensor output, int count, boolean batched, List<String> labels) {
        if (count < 1) {
            throw new InvalidInput("output '" + output.name() + "': the class count must be 1 or more, not " + count);
        }
        if (output.datatype() == DataType.BYTES) {
            throw new InvalidInput("output '" + output.name() + "' is BYTES; classification needs a numeric output");
        }
        long[] shape = output.shape();
        long elements = Tensor.elementCount(output.name(), shape);
        int rows = batched && shape.length > 1 ? Math.toIntExact(shape[0]) : 1;
        int classes = rows == 0 ? 0 : Math.toIntExact(elements / rows);
        int kept = Math.min(count, classes);
        ByteBuffer data = output.data().order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        double[] values = new double[classes];
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < classes; i++) {
                values[i] = RowValues.next(data, output.datatype());
            }
            IntStream.range(0, classes)
                    .boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> values[i])
                            .reversed()
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(kept)
                    .forEach(i -> {
                        String text = String.format(Locale.ROOT, "%f:%d", values[i], i)
                                + (i < labels.size() ? ":" + labels.get(i) : "");
                        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                        strings.writeBytes(length.putInt(utf8.length).array());
                        strings.writeBytes(utf8);
                    });
        }
        long[] answer = batched && shape.length > 1 ? new long[] {rows, kept} : new long[] {kept};
        return Tensor.of(output.name(), DataType.BYTES, answer, ByteBuffer.wrap(strings.toByteArray()));
    }
}
