package io.mlops.agent.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import io.mlops.error.UserError;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.cuda.cudart.cudaDeviceProp;

/**
 * The CUDA GPU a model runs on.
 *
 * @param index the CUDA device index
 * @param name the GPU model, e.g. {@code NVIDIA H100 80GB HBM3}; engines are built for one model
 * @param computeCapability e.g. {@code 9.0}
 */
record GpuDevice(int index, String name, String computeCapability) {
    private static final Pattern DEVICE = Pattern.compile("(?:(?:cuda|gpu)(?::)?)?(\\d*)");

    /**
     * Parses a device option ({@code 0}, {@code cuda:1}, {@code gpu}) and describes that GPU.
     *
     * @param device the option
     * @return the GPU
     * @throws UserError when the option is not a GPU index or the GPU does not exist
     */
    static GpuDevice of(String device) {
        Matcher matcher = DEVICE.matcher(device.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new UserError("TensorRT device '" + device + "' is not a GPU index; use 0, 1, ... or cuda:N");
        }
        int index = matcher.group(1).isEmpty() ? 0 : Integer.parseInt(matcher.group(1));
        int[] count = new int[1];
        int status = cudaGetDeviceCount(count);
        if (status != 0) {
            throw new UserError(
                    "CUDA cannot count the GPUs: " + cudaGetErrorString(status).getString());
        }
        if (index >= count[0]) {
            throw new UserError("TensorRT device " + index + " does not exist: this node has " + count[0] + " GPU(s)");
        }
        cudaDeviceProp properties = new cudaDeviceProp();
        Cuda.check(cudaGetDeviceProperties(properties, index), "describe GPU " + index);
        return new GpuDevice(
                index, properties.name().getString().strip(), properties.major() + "." + properties.minor());
    }
}
