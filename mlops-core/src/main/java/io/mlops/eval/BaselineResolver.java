package io.mlops.eval;

import io.mlops.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the model a new one is compared with: a file, or an alias of the model registry (such as
 * {@code production}). The registry implements this interface (eval does not depend on the
 * registry); {@link #withoutRegistry()} serves hosts that have none.
 */
@FunctionalInterface
public interface BaselineResolver {
    /**
     * Resolves a registry alias to the model file of the version it points to.
     *
     * @param alias the alias, e.g. {@code production} or {@code persons@production}
     * @return the model file
     * @throws UserError when the alias cannot be resolved
     */
    Path resolveAlias(String alias);

    /**
     * Resolves a {@code --baseline} value: an existing file is the model itself, anything else an alias.
     *
     * @param reference a model file or an alias
     * @return the model file
     */
    default Path resolve(String reference) {
        Path file = Path.of(reference);
        return Files.isRegularFile(file) ? file : resolveAlias(reference);
    }

    /**
     * The resolver for a suite without a model registry.
     *
     * @return a resolver that takes files and explains that aliases need the registry
     */
    static BaselineResolver withoutRegistry() {
        return alias -> {
            throw new UserError("baseline '" + alias + "' is no model file, and resolving it as a registry alias needs"
                    + " the model registry, which is not available in this version of the suite; give the baseline"
                    + " model's .onnx file instead");
        };
    }
}
