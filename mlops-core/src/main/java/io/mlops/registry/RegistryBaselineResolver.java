package io.mlops.registry;

import io.mlops.error.UserError;
import io.mlops.eval.BaselineResolver;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Resolves an evaluation baseline given as a registry alias: {@code persons@production} names a
 * model and its alias, a bare {@code production} the alias of the model being evaluated.
 */
public final class RegistryBaselineResolver implements BaselineResolver {
    private final ModelRegistry registry;
    private final String defaultModel;
    private final VersionFiles files;

    /**
     * Creates the resolver.
     *
     * @param registry the registry the aliases live in
     * @param defaultModel the model a bare alias belongs to, or null to require {@code model@alias}
     * @param files finds a version's model file
     */
    public RegistryBaselineResolver(ModelRegistry registry, String defaultModel, VersionFiles files) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.defaultModel = defaultModel;
        this.files = Objects.requireNonNull(files, "files");
    }

    @Override
    public Path resolveAlias(String alias) {
        int at = alias.lastIndexOf('@');
        String model = at < 0 ? defaultModel : alias.substring(0, at);
        if (model == null || model.isBlank()) {
            throw new UserError("baseline '" + alias + "' is neither a model file nor a registry alias of the form"
                    + " model@alias (e.g. persons@production)");
        }
        AliasName name = new AliasName(alias.substring(at + 1));
        return files.fileOf(registry.versionByAlias(model, name));
    }
}
