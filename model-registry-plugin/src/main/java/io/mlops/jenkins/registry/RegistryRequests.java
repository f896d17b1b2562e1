package io.mlops.jenkins.registry;

import hudson.security.Permission;
import jenkins.model.Jenkins;

/**
 * The Jenkins permission a request to the registry page's APIs needs: reading follows Overall/Read;
 * changing the registry needs Promote, recording a deployment needs Deploy.
 */
final class RegistryRequests {
    private RegistryRequests() {}

    /**
     * The permission for a request.
     *
     * @param method the HTTP method
     * @param path the path below the registry page, e.g. {@code /api/registry/v1/models/persons/aliases/production}
     * @return the permission to check
     */
    static Permission permission(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return Jenkins.READ;
        }
        return path.contains("/deployments") ? RegistryPermissions.DEPLOY : RegistryPermissions.PROMOTE;
    }
}
