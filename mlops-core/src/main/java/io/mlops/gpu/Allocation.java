package io.mlops.gpu;

import io.mlops.error.UserError;
import java.util.List;
import java.util.Objects;

/**
 * GPUs of one node held by one holder.
 *
 * @param node the node's name
 * @param holder who holds them: a build's id
 * @param gpus the GPUs, in the order they were handed out
 */
public record Allocation(String node, String holder, List<String> gpus) {
    /** Validates and copies. */
    public Allocation {
        if (node == null || node.isBlank()) {
            throw new UserError("a GPU allocation needs a node");
        }
        if (holder == null || holder.isBlank()) {
            throw new UserError("a GPU allocation needs a holder");
        }
        gpus = List.copyOf(Objects.requireNonNull(gpus, "gpus"));
        if (gpus.isEmpty()) {
            throw new UserError("the GPU allocation of " + holder + " on " + node + " has no GPU");
        }
    }
}
