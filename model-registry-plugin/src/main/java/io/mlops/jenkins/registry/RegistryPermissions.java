package io.mlops.jenkins.registry;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;

/**
 * The "MLOps" permission group: Promote (move an alias, roll back, archive, register through the
 * page's API) and Deploy. Both are implied by Administer only, so anonymous users and plain
 * readers have neither unless an administrator grants them. Reading follows Overall/Read.
 */
public final class RegistryPermissions {
    /** The group shown in the authorization matrix. */
    public static final PermissionGroup GROUP =
            new PermissionGroup("MLOps", RegistryPermissions.class, Messages._RegistryPermissions_Group());

    /** Changes the registry: aliases, rollbacks, archiving, new versions. */
    public static final Permission PROMOTE = new Permission(
            GROUP, "Promote", Messages._RegistryPermissions_Promote(), Jenkins.ADMINISTER, true, new PermissionScope[] {
                PermissionScope.JENKINS
            });

    /** Records deployments through the registry's API. */
    public static final Permission DEPLOY = new Permission(
            GROUP, "Deploy", Messages._RegistryPermissions_Deploy(), Jenkins.ADMINISTER, true, new PermissionScope[] {
                PermissionScope.JENKINS
            });

    private RegistryPermissions() {}

    /**
     * Loads the permissions before the authorization configuration is read, so a saved matrix that
     * grants them finds them.
     *
     * @return the permissions, for the loading side effect
     */
    @Initializer(before = InitMilestone.SYSTEM_CONFIG_LOADED)
    public static Permission[] register() {
        return new Permission[] {PROMOTE, DEPLOY};
    }
}
