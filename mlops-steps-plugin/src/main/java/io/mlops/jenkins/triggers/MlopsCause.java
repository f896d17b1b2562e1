package io.mlops.jenkins.triggers;

import hudson.model.Cause;

/** Why a trigger of the suite started a build, in one line for the build page. */
public final class MlopsCause extends Cause {
    private final String description;

    /**
     * Creates the cause.
     *
     * @param description e.g. "data changed: 0a1b2c3d4e5f -&gt; 9f8e7d6c5b4a"
     */
    public MlopsCause(String description) {
        this.description = description;
    }

    @Override
    public String getShortDescription() {
        return "Started by MLOps: " + description;
    }
}
