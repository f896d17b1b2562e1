package io.mlops.agent.v2;

import java.util.Map;

/**
 * How the reply should carry each output: as JSON data or as binary data after the JSON header
 * (the binary tensor data extension).
 *
 * @param binaryByDefault the request's {@code parameters.binary_data_output}
 * @param perOutput each {@code outputs[].parameters.binary_data} given, by output name
 */
public record ReplyFormat(boolean binaryByDefault, Map<String, Boolean> perOutput) {
    /** Copies the map. */
    public ReplyFormat {
        perOutput = Map.copyOf(perOutput);
    }

    /**
     * Whether an output goes as binary data.
     *
     * @param output the output's name
     * @return its own setting, else the request's default
     */
    public boolean binary(String output) {
        return perOutput.getOrDefault(output, binaryByDefault);
    }
}
