package io.mlops.deploy;

import java.io.Serializable;

/**
 * How a deployment ended: live on the agent, or rolled back during the watch.
 *
 * @param model the registered model
 * @param version the version that was deployed
 * @param backend the serving backend
 * @param node the agent's host
 * @param endpoint where the model answers V2 requests, e.g. {@code http://gpu-1:8000/v2/models/persons}
 * @param rolledBack whether the agent took the version out of service again
 * @param reason why it was rolled back, or null when it is live
 */
public record DeploymentOutcome(
        String model, int version, String backend, String node, String endpoint, boolean rolledBack, String reason)
        implements Serializable {}
