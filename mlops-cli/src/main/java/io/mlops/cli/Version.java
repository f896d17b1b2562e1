package io.mlops.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version of the suite from the jar's manifest. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"mlops " + (version == null ? "development build" : version)};
    }
}
