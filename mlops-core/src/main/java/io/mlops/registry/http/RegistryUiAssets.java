package io.mlops.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The built registry web UI (module registry-ui) as it lies on the classpath under
 * {@value #CLASSPATH_FOLDER}: {@code index.html} and the files Vite put in {@code assets/}.
 *
 * <p>Only those two kinds of path are ever looked up, and an asset's name must be a plain file
 * name, so no request path (with {@code ..}, encoded slashes or anything else) can reach another
 * resource of the classpath. Vite names every asset after a hash of its content, so assets may be
 * cached for a year; {@code index.html} names the current assets and is revalidated on each load.
 */
public final class RegistryUiAssets {
    /** Where the registry-ui module packages the built UI. */
    public static final String CLASSPATH_FOLDER = "io/mlops/registry/ui";

    static final String INDEX = "index.html";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private static final String ASSETS = "assets/";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "json", "application/json",
            "map", "application/json");

    private final ClassLoader loader;
    private final String folder;
    private final Map<String, UiAsset> loaded = new ConcurrentHashMap<>();

    /**
     * The UI in a folder of a class loader's resources.
     *
     * @param loader where to look
     * @param folder the folder holding {@code index.html}, without a trailing slash
     */
    public RegistryUiAssets(ClassLoader loader, String folder) {
        this.loader = loader;
        this.folder = folder;
    }

    /**
     * The UI as the registry-ui module packages it, found through this class's loader.
     *
     * @return the assets
     */
    public static RegistryUiAssets onClasspath() {
        return packagedWith(RegistryUiAssets.class.getClassLoader());
    }

    /**
     * The UI as the registry-ui module packages it, found through the given loader. A host that bundles
     * registry-ui apart from mlops-core passes a loader that sees registry-ui: in Jenkins, mlops-core lives
     * in the mlops-steps plugin and registry-ui in model-registry, whose classes mlops-core's loader cannot
     * see (a plugin's loader sees its dependencies, never its dependents).
     *
     * @param loader a class loader that has registry-ui's files
     * @return the assets
     */
    public static RegistryUiAssets packagedWith(ClassLoader loader) {
        return new RegistryUiAssets(Objects.requireNonNull(loader, "loader"), CLASSPATH_FOLDER);
    }

    /**
     * Whether the UI is there at all (mlops-core alone, without registry-ui, has none).
     *
     * @return true when {@code index.html} is found
     */
    public boolean present() {
        return find("").isPresent();
    }

    /**
     * Finds the file for a path below the UI's root.
     *
     * @param path the request's path below the root, without a leading slash: empty or
     *     {@code index.html} for the page, {@code assets/NAME} for an asset; as sent, not decoded
     * @return the file, or empty when the path names none (or is not a path the UI serves)
     */
    public Optional<UiAsset> find(String path) {
        String name;
        if (path.isEmpty() || path.equals(INDEX)) {
            name = INDEX;
        } else if (path.startsWith(ASSETS)
                && FILE_NAME.matcher(path.substring(ASSETS.length())).matches()) {
            name = path;
        } else {
            return Optional.empty();
        }
        UiAsset cached = loaded.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UiAsset> asset = read(name);
        asset.ifPresent(found -> loaded.put(name, found));
        return asset;
    }

    private Optional<UiAsset> read(String name) {
        try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String type = contentType(name);
            if (type == null) {
                return Optional.empty();
            }
            return Optional.of(new UiAsset(name, in.readAllBytes(), type, name.equals(INDEX) ? REVALIDATE : IMMUTABLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry UI's " + name + ": " + e.getMessage(), e);
        }
    }

    private static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
