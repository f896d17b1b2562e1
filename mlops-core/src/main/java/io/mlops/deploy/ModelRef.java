package io.mlops.deploy;

import io.mlops.error.UserError;
import io.mlops.registry.AliasName;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.VersionStatus;
import java.io.Serializable;
import java.util.Comparator;

/**
 * Which version of a registered model to deploy, as a person writes it: {@code NAME@alias},
 * {@code NAME:version}, or {@code NAME} alone for the model's latest ready version.
 *
 * @param model the registered model's name
 * @param alias the alias, or null
 * @param version the version number, or 0 when an alias or the latest is meant
 */
public record ModelRef(String model, AliasName alias, int version) implements Serializable {
    /** Validates the reference. */
    public ModelRef {
        if (model == null || model.isBlank()) {
            throw new UserError("a model reference needs the model's name, e.g. persons@production or persons:3");
        }
        if (alias != null && version != 0) {
            throw new UserError("a model reference names an alias or a version, not both");
        }
        if (version < 0) {
            throw new UserError("versions start at 1: " + version);
        }
    }

    /**
     * Parses {@code NAME@alias}, {@code NAME:version} or {@code NAME}.
     *
     * @param text the reference
     * @return the reference
     * @throws UserError naming the part that is wrong
     */
    public static ModelRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new UserError("no model given: write NAME@alias, NAME:version or NAME (the latest ready version)");
        }
        int at = text.lastIndexOf('@');
        int colon = text.lastIndexOf(':');
        if (at >= 0 && colon >= 0) {
            throw new UserError(
                    "model reference '" + text + "' has both '@' and ':'; write NAME@alias or NAME:version");
        }
        if (at >= 0) {
            String name = text.substring(0, at);
            String alias = text.substring(at + 1);
            if (name.isBlank() || alias.isBlank()) {
                throw new UserError("model reference '" + text + "' needs a name before '@' and an alias after it");
            }
            return new ModelRef(name, new AliasName(alias), 0);
        }
        if (colon >= 0) {
            String name = text.substring(0, colon);
            String number = text.substring(colon + 1);
            if (name.isBlank() || !number.matches("[0-9]{1,9}") || Integer.parseInt(number) < 1) {
                throw new UserError("model reference '" + text + "' needs a name before ':' and a version number"
                        + " from 1 after it");
            }
            return new ModelRef(name, null, Integer.parseInt(number));
        }
        return new ModelRef(text, null, 0);
    }

    /**
     * Finds the version this reference means.
     *
     * @param registry the registry
     * @return the version
     * @throws UserError when the model, alias or version is unknown, the version is archived, or the
     *     model has no ready version
     */
    public ModelVersion resolve(ModelRegistry registry) {
        ModelVersion found;
        if (alias != null) {
            found = registry.versionByAlias(model, alias);
        } else if (version > 0) {
            found = registry.version(model, version);
        } else {
            registry.model(model); // an unknown model fails here with the registry's own message
            found = registry.versions(model).stream()
                    .filter(v -> v.status() == VersionStatus.READY)
                    .max(Comparator.comparingInt(ModelVersion::version))
                    .orElseThrow(() -> new UserError("model '" + model + "' has no ready version to deploy"));
        }
        if (found.status() != VersionStatus.READY) {
            throw new UserError("version " + found.version() + " of model '" + model + "' is "
                    + found.status().name().toLowerCase(java.util.Locale.ROOT) + " and cannot be deployed");
        }
        return found;
    }

    @Override
    public String toString() {
        if (alias != null) {
            return model + "@" + alias;
        }
        return version > 0 ? model + ":" + version : model;
    }
}
