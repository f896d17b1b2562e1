package io.mlops.agent.batch;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test double of a loaded model: a pure-Java function, y = 2x + 1 on FP32 rows, that records
 * every batch it is given and can be held closed to let requests pile up in the queue. Used for
 * the batcher's own unit tests; the real ONNX Runtime model is exercised in the agent's
 * end-to-end tests.
 */
final class FunctionModel implements LoadedModel {
    final List<Tensor> batches = new CopyOnWriteArrayList<>();
    private final long[] inputShape;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);

    /**
     * A model with input {@code x} and output {@code y}, both FP32 of the given declared shape.
     *
     * @param inputShape e.g. {@code [-1, 4]} (batchable) or {@code [1, 4]} (fixed first dimension)
     */
    FunctionModel(long... inputShape) {
        this.inputShape = inputShape;
    }

    /** Holds every call until {@link #open} is called. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    List<Long> batchRows() {
        return batches.stream().map(t -> t.shape()[0]).toList();
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec("x", DataType.FP32, inputShape));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec("y", DataType.FP32, inputShape));
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs, Set<String> outputs) {
        Tensor x = inputs.getFirst();
        batches.add(x);
        entered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test model was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ByteBuffer in = x.data();
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            float value = in.getFloat();
            if (Float.isNaN(value)) {
                throw new UserError("input 'x' contains NaN");
            }
            out.putFloat(2 * value + 1);
        }
        out.flip();
        return List.of(Tensor.of("y", DataType.FP32, x.shape(), out));
    }

    @Override
    public void close() {}

    static Tensor rows(String name, float... values) {
        return rowsOf(name, values.length, values);
    }

    static Tensor rowsOf(String name, int columns, float... values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        data.flip();
        return Tensor.of(name, DataType.FP32, new long[] {values.length / columns, columns}, data);
    }

    static float[] floats(Tensor tensor) {
        ByteBuffer data = tensor.data();
        float[] values = new float[data.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.getFloat();
        }
        return values;
    }
}
