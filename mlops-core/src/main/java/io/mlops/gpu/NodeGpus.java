package io.mlops.gpu;

import io.mlops.error.UserError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The GPUs of one node, in the order they are handed out: indices ({@code 0}, {@code 1}) or UUIDs
 * ({@code GPU-8c2f...}), each exactly what {@code CUDA_VISIBLE_DEVICES} accepts.
 *
 * @param node the node's name
 * @param gpus its GPUs, without repeats (may be empty: a node without GPUs)
 */
public record NodeGpus(String node, List<String> gpus) {
    /** Validates and copies. */
    public NodeGpus {
        if (node == null || node.isBlank()) {
            throw new UserError("a GPU node needs a name");
        }
        gpus = List.copyOf(Objects.requireNonNull(gpus, "gpus"));
        Set<String> seen = new HashSet<>();
        for (String gpu : gpus) {
            if (gpu.isBlank() || gpu.contains(",") || !gpu.strip().equals(gpu)) {
                throw new UserError("GPU '" + gpu + "' of node " + node + " is not a GPU index or UUID");
            }
            if (!seen.add(gpu)) {
                throw new UserError("GPU " + gpu + " is listed twice for node " + node);
            }
        }
    }

    /**
     * The GPUs a person wrote down for a node: a count ({@code 4}: indices 0 to 3) or a
     * comma-separated list of indices or UUIDs.
     *
     * @param node the node's name
     * @param text the count or the list
     * @return the node's GPUs
     * @throws UserError when the text is neither
     */
    public static NodeGpus parse(String node, String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return new NodeGpus(node, List.of());
        }
        if (value.chars().allMatch(Character::isDigit) && !value.contains(",")) {
            int count;
            try {
                count = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UserError("GPU count '" + value + "' of node " + node + " is too large", e);
            }
            if (count > 1024) {
                throw new UserError("GPU count " + count + " of node " + node + " is more than 1024");
            }
            List<String> indices = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                indices.add(Integer.toString(i));
            }
            return new NodeGpus(node, indices);
        }
        List<String> gpus = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String gpu = part.strip();
            if (gpu.isEmpty()) {
                throw new UserError("the GPU list '" + value + "' of node " + node + " has an empty entry");
            }
            gpus.add(gpu);
        }
        return new NodeGpus(node, gpus);
    }
}
