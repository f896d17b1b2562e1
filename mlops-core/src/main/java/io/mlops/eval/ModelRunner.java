package io.mlops.eval;

import ai.onnxruntime.OnnxTensor;
import io.mlops.error.UserError;
import io.mlops.eval.data.EvalSet;
import io.mlops.eval.data.Item;
import io.mlops.eval.metric.LatencyState;
import io.mlops.image.ImageTransform;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.InputCheck;
import io.mlops.onnx.ModelSession;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.TensorSpec;
import io.mlops.progress.ProgressListener;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Runs one model over (a shard of) an evaluation set: worker threads read and preprocess the next
 * batch while ONNX Runtime runs the current one from a direct buffer; outputs go to the task's
 * reader, run times to the latency state.
 */
final class ModelRunner {
    private final EvaluationRequest request;
    private final EvalSet set;

    ModelRunner(EvaluationRequest request, EvalSet set) {
        this.request = request;
        this.set = set;
    }

    EvaluationState run(Path model, ProgressListener progress) {
        List<Integer> indices = IntStream.range(0, set.size())
                .filter(request.shard()::contains)
                .boxed()
                .toList();
        if (set.size() == 0) {
            throw new UserError("the evaluation set " + request.data() + " is empty: no samples to evaluate");
        }
        try (ModelSession session = ModelSession.open(model, request.session());
                Pipeline pipeline = new Pipeline(request.workers())) {
            List<TensorSpec> inputs = session.inputs();
            if (inputs.size() != 1) {
                throw new UserError(model + " has " + inputs.size() + " inputs "
                        + inputs.stream().map(TensorSpec::name).toList() + "; evaluation feeds models with one input");
            }
            TensorSpec input = inputs.get(0);
            ElementType modelType = ElementType.ofLabel(input.type());
            if (modelType == null || modelType == ElementType.STRING) {
                throw new UserError("input '" + input.name() + "' of " + model + " is " + input.type()
                        + "; evaluation feeds numeric tensors");
            }
            OutputReader reader = reader(model);
            ImageTransform transform = transform(input, model);
            List<String> skipped = new ArrayList<>();
            List<String> nonFinite = new ArrayList<>();
            List<Double> millis = new ArrayList<>();
            long samples = 0;
            int batchSize = request.batch();
            progress.begin("evaluating " + model.getFileName() + " on " + request.data(), indices.size(), -1);
            try {
                CompletableFuture<List<Prepared>> next =
                        pipeline.prepare(slice(indices, 0, batchSize), transform, skipped);
                boolean checked = false;
                for (int from = 0; from < indices.size(); from += batchSize) {
                    List<Prepared> batch = join(next);
                    next = pipeline.prepare(slice(indices, from + batchSize, batchSize), transform, skipped);
                    if (batch.isEmpty()) {
                        continue;
                    }
                    long[] shape = batchShape(batch);
                    ElementType dataType = batch.get(0).type() == null
                            ? modelType
                            : batch.get(0).type();
                    if (!checked) {
                        InputCheck.check(
                                model.toString(), input, castable(dataType, modelType) ? modelType : dataType, shape);
                        checked = true;
                    }
                    ByteBuffer buffer = encode(batch, modelType, shape);
                    Map<String, NdArray> outputs;
                    try (OnnxTensor tensor = session.tensor(modelType, shape, buffer)) {
                        long start = System.nanoTime();
                        outputs = session.runTensors(Map.of(input.name(), tensor));
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                    reader.read(outputs, batch, nonFinite);
                    samples += batch.size();
                    progress.advance(batch.size(), 0);
                }
            } finally {
                progress.end();
            }
            if (samples == 0 && request.shard().count() == 1) {
                throw new UserError("the evaluation set " + request.data() + " is empty: "
                        + (skipped.isEmpty()
                                ? "no samples to evaluate"
                                : "all " + skipped.size() + " samples were skipped"));
            }
            EvaluationState state = new EvaluationState(
                    request.task(),
                    model.getFileName().toString(),
                    session.file().sha256(),
                    request.data().toString(),
                    List.of(request.shard().index()),
                    request.shard().count(),
                    set.classNames(),
                    samples - nonFinite.size(),
                    null,
                    null,
                    null,
                    null,
                    0,
                    new LatencyState(
                            millis.stream().mapToDouble(Double::doubleValue).toArray(), samples),
                    skipped,
                    nonFinite.size(),
                    nonFinite.subList(0, Math.min(EvaluationState.EXAMPLES, nonFinite.size())),
                    null);
            return reader.complete(state);
        }
    }

    private OutputReader reader(Path model) {
        return switch (request.task()) {
            case CLASSIFICATION -> new ClassificationReader(model.toString(), set.classNames());
            case REGRESSION -> new RegressionReader(model.toString());
            case DETECTION -> {
                if (set.groundTruth() == null) {
                    throw new UserError(
                            "detection needs a COCO set (coco:INSTANCES.json?images=DIR), not " + request.data());
                }
                yield new DetectionReader(model.toString(), set.groundTruth(), request.preprocessing());
            }
        };
    }

    // Images need the input's height and width: from the preprocessing, else the model's fixed dims.
    private ImageTransform transform(TensorSpec input, Path model) {
        boolean images = request.data().format().equals("imagefolder")
                || request.data().format().equals("coco");
        if (!images) {
            return null;
        }
        if (input.dims().size() != 4) {
            throw new UserError("input '" + input.name() + "' of " + model + " expects " + input.describe()
                    + ", the data gives images [batch, 3, height, width]");
        }
        boolean nchw = "NCHW".equals(request.preprocessing().layout());
        int[] size = ImageTransform.inputSize(
                request.preprocessing(), input.fixedDim(nchw ? 2 : 1), input.fixedDim(nchw ? 3 : 2));
        if (size == null) {
            throw new UserError("input '" + input.name() + "' of " + model + " has no fixed height and width ("
                    + input.describe() + "): give resize, crop or letterbox in --preprocess");
        }
        return new ImageTransform(request.preprocessing(), size[0], size[1]);
    }

    private static boolean castable(ElementType data, ElementType model) {
        return data == model || (model.isFloat() && data != ElementType.STRING);
    }

    private static List<Integer> slice(List<Integer> indices, int from, int size) {
        return from >= indices.size() ? List.of() : indices.subList(from, Math.min(indices.size(), from + size));
    }

    private static long[] batchShape(List<Prepared> batch) {
        long[] row = batch.get(0).shape();
        for (Prepared p : batch) {
            if (!Arrays.equals(p.shape(), row)) {
                throw new UserError(p.item().name() + " has shape " + Arrays.toString(p.shape()) + ", "
                        + batch.get(0).item().name() + " has " + Arrays.toString(row) + "; a batch needs one shape");
            }
        }
        long[] shape = new long[row.length + 1];
        shape[0] = batch.size();
        System.arraycopy(row, 0, shape, 1, row.length);
        return shape;
    }

    private static ByteBuffer encode(List<Prepared> batch, ElementType type, long[] shape) {
        int count = (int) NdArray.count(shape);
        ByteBuffer buffer = ByteBuffer.allocateDirect(count * type.bytes()).order(ByteOrder.nativeOrder());
        if (type == ElementType.FLOAT32) {
            var floats = buffer.asFloatBuffer();
            for (Prepared p : batch) {
                if (p.floats() != null) {
                    floats.put(p.floats());
                } else {
                    for (double v : p.doubles()) {
                        floats.put((float) v);
                    }
                }
            }
            return buffer;
        }
        for (Prepared p : batch) {
            double[] values = p.doubles();
            int n = values != null ? values.length : p.floats().length;
            for (int i = 0; i < n; i++) {
                double v = values != null ? values[i] : p.floats()[i];
                switch (type) {
                    case FLOAT64 -> buffer.putDouble(v);
                    case INT64 -> buffer.putLong((long) v);
                    case INT32 -> buffer.putInt((int) v);
                    case INT16 -> buffer.putShort((short) v);
                    case FLOAT16 -> buffer.putShort(Float.floatToFloat16((float) v));
                    default -> buffer.put((byte) v);
                }
            }
        }
        return buffer.flip();
    }

    private static List<Prepared> join(CompletableFuture<List<Prepared>> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** The worker threads that read and preprocess samples ahead of the model. */
    private final class Pipeline implements AutoCloseable {
        private final ExecutorService workers;
        private final int threads;

        Pipeline(int threads) {
            this.threads = threads;
            workers = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "mlops-eval-reader");
                t.setDaemon(true);
                return t;
            });
        }

        CompletableFuture<List<Prepared>> prepare(
                List<Integer> indices, ImageTransform transform, List<String> skipped) {
            // one task per worker and contiguous chunk, not per sample: small images take microseconds
            int chunks = Math.max(1, Math.min(threads, indices.size()));
            int size = Math.max(1, (indices.size() + chunks - 1) / chunks);
            List<CompletableFuture<List<Prepared>>> parts = new ArrayList<>();
            for (int from = 0; from < indices.size(); from += size) {
                List<Integer> chunk = indices.subList(from, Math.min(indices.size(), from + size));
                parts.add(CompletableFuture.supplyAsync(
                        () -> chunk.stream()
                                .map(i -> prepareOne(i, transform, skipped))
                                .toList(),
                        workers));
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                    .thenApply(done -> parts.stream()
                            .flatMap(p -> p.join().stream())
                            .filter(p -> p != null)
                            .toList());
        }

        private Prepared prepareOne(int index, ImageTransform transform, List<String> skipped) {
            Item item;
            try {
                item = set.read(index);
            } catch (UserError e) {
                if (request.onError() == OnError.FAIL) {
                    throw new UserError(e.getMessage() + " (use --on-error skip to leave such samples out)", e);
                }
                synchronized (skipped) {
                    skipped.add(set.name(index) + ": " + e.getMessage());
                }
                return null;
            }
            if (item.image() != null) {
                if (transform == null) {
                    throw new IllegalStateException("an image without an image transform");
                }
                ImageTransform.Result result = transform.apply(item.image());
                long[] shape = "NCHW".equals(request.preprocessing().layout())
                        ? new long[] {3, transform.height(), transform.width()}
                        : new long[] {transform.height(), transform.width(), 3};
                Item light = new Item(item.name(), null, null, item.label(), item.targets(), item.imageId());
                return new Prepared(light, result.values(), null, shape, ElementType.FLOAT32, result.geometry());
            }
            Item.Tensor t = item.tensor();
            return new Prepared(item, null, t.values(), t.shape(), t.type(), null);
        }

        @Override
        public void close() {
            workers.shutdownNow();
        }
    }
}
