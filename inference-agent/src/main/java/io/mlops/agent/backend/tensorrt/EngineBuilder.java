package io.mlops.agent.backend.tensorrt;

import static org.bytedeco.tensorrt.global.nvinfer.createInferBuilder;
import static org.bytedeco.tensorrt.global.nvonnxparser.createParser;

import io.mlops.error.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.BuilderFlag;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvonnxparser.IParser;

/**
 * Builds a TensorRT engine from an ONNX file on the current GPU: FP16 kernels where the GPU has fast
 * FP16 (TensorRT keeps FP32 where precision needs it), and one optimization profile covering the
 * dynamic dimensions: the first (batch) from 1 to {@value #MAX_BATCH}, optimised for {@value #OPT_BATCH};
 * any other from 1 to {@value #MAX_OTHER}, optimised for {@value #OPT_OTHER}.
 */
final class EngineBuilder {
    static final int OPT_BATCH = 8;
    static final int MAX_BATCH = 64;
    static final int OPT_OTHER = 128;
    static final int MAX_OTHER = 1024;

    private EngineBuilder() {}

    /**
     * Builds and serializes the engine.
     *
     * @param logger the logger whose messages explain a failure
     * @param onnx the model
     * @return the serialized engine
     * @throws UserError when the parser or the builder refuses the model, with TensorRT's reasons
     */
    static byte[] build(TrtLogger logger, Path onnx) {
        IBuilder builder = createInferBuilder(logger);
        // explicit batch is the only mode of TensorRT 10: no creation flags needed
        INetworkDefinition network = builder.createNetworkV2(0);
        IParser parser = createParser(network, logger);
        IBuilderConfig config = builder.createBuilderConfig();
        try {
            if (!parser.parseFromFile(onnx.toAbsolutePath().toString(), ILogger.Severity.kWARNING.value)) {
                List<String> errors = new ArrayList<>();
                for (int i = 0; i < parser.getNbErrors(); i++) {
                    errors.add(parser.getError(i).desc());
                }
                throw new UserError("TensorRT cannot parse " + onnx + ": " + String.join("; ", errors));
            }
            if (builder.platformHasFastFp16()) {
                config.setFlag(BuilderFlag.kFP16);
            }
            IOptimizationProfile profile = builder.createOptimizationProfile();
            if (addDynamicRanges(network, profile)) {
                config.addOptimizationProfile(profile);
            }
            IHostMemory serialized = builder.buildSerializedNetwork(network, config);
            if (serialized == null || serialized.isNull()) {
                throw new UserError("TensorRT cannot build an engine for " + onnx + ": " + logger.drain());
            }
            try {
                byte[] engine = new byte[Math.toIntExact(serialized.size())];
                new BytePointer(serialized.data()).capacity(engine.length).get(engine);
                return engine;
            } finally {
                serialized.close();
            }
        } finally {
            config.close();
            parser.close();
            network.close();
            builder.close();
        }
    }

    private static boolean addDynamicRanges(INetworkDefinition network, IOptimizationProfile profile) {
        boolean dynamic = false;
        for (int i = 0; i < network.getNbInputs(); i++) {
            ITensor input = network.getInput(i);
            Dims64 dims = input.getDimensions();
            boolean any = false;
            Dims64 min = new Dims64();
            Dims64 opt = new Dims64();
            Dims64 max = new Dims64();
            min.nbDims(dims.nbDims());
            opt.nbDims(dims.nbDims());
            max.nbDims(dims.nbDims());
            for (int d = 0; d < dims.nbDims(); d++) {
                long size = dims.d(d);
                boolean free = size < 0;
                any |= free;
                min.d(d, free ? 1 : size);
                opt.d(d, free ? (d == 0 ? OPT_BATCH : OPT_OTHER) : size);
                max.d(d, free ? (d == 0 ? MAX_BATCH : MAX_OTHER) : size);
            }
            if (any) {
                String name = input.getName();
                profile.setDimensions(name, OptProfileSelector.kMIN, min);
                profile.setDimensions(name, OptProfileSelector.kOPT, opt);
                profile.setDimensions(name, OptProfileSelector.kMAX, max);
                dynamic = true;
            }
        }
        return dynamic;
    }
}
