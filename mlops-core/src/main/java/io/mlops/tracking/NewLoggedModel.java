package io.mlops.tracking;

import java.io.Serializable;
import java.util.List;

/**
 * What creates a logged model (MLflow's {@code CreateLoggedModel}).
 *
 * @param experimentId the experiment it belongs to
 * @param name its name, or null for a generated one
 * @param modelType a free-form type, or null
 * @param sourceRunId the run that produced it, or null
 * @param params its params
 * @param tags its tags
 */
public record NewLoggedModel(
        String experimentId, String name, String modelType, String sourceRunId, List<Param> params, List<Tag> tags)
        implements Serializable {
    /** Copies the lists and treats empty strings as absent, as MLflow's protobuf fields are. */
    public NewLoggedModel {
        name = name == null || name.isEmpty() ? null : name;
        modelType = modelType == null || modelType.isEmpty() ? null : modelType;
        sourceRunId = sourceRunId == null || sourceRunId.isEmpty() ? null : sourceRunId;
        params = List.copyOf(params);
        tags = List.copyOf(tags);
    }
}
