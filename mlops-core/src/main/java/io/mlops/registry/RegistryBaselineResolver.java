package io.mlops.registry;

import io.mlops.error.UserError;
import io.mlops.eval.BaselineResolver;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

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
        Reference reference = reference(alias);
        return files.fileOf(registry.versionByAlias(reference.model(), reference.alias()));
    }

    /**
     * Resolves an alias that may not exist yet: a model's first evaluation has nothing to compare
     * with, because nothing was registered (or given that alias) before it. That is no error for a
     * pipeline that creates the alias itself; its baseline gates are skipped instead
     * ({@link io.mlops.eval.gate.BaselineGates}).
     *
     * @param alias the alias, e.g. {@code production} or {@code persons@production}
     * @return the model file of the version the alias points to, or empty when the model is not
     *     registered yet or has no such alias
     * @throws UserError when the alias is malformed, or a bare alias has no model to belong to
     */
    public Optional<Path> findAlias(String alias) {
        Reference reference = reference(alias);
        return AliasLookup.find(registry, reference.model(), reference.alias()).map(files::fileOf);
    }

    private Reference reference(String alias) {
        int at = alias.lastIndexOf('@');
        String model = at < 0 ? defaultModel : alias.substring(0, at);
        if (model == null || model.isBlank()) {
            throw new UserError("baseline '" + alias + "' is neither a model file nor a registry alias of the form"
                    + " model@alias (e.g. persons@production)");
        }
        return new Reference(model, new AliasName(alias.substring(at + 1)));
    }

    private record Reference(String model, AliasName alias) {}
}
