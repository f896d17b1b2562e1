package io.mlops.protocol.admin;

import io.mlops.error.UserError;
import java.util.regex.Pattern;

/**
 * The rule for a model version as the admin API names it: a positive whole number, as the registry
 * numbers versions; as text, so that it is also a safe directory name on the agent.
 */
public final class VersionNumber {
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private VersionNumber() {}

    /**
     * Whether a text is a version, e.g. a directory name in the agent's repository.
     *
     * @param text the text
     * @return true for a positive whole number
     */
    public static boolean isValid(String text) {
        return text != null && VERSION.matcher(text).matches();
    }

    /**
     * Checks a version.
     *
     * @param version the version from a request
     * @return the version
     * @throws UserError when it is not a positive whole number
     */
    public static String check(String version) {
        if (!isValid(version)) {
            throw new UserError("version '" + version + "' is not allowed: use a positive whole number such as 3");
        }
        return version;
    }
}
