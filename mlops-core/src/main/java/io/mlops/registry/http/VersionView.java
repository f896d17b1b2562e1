package io.mlops.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import java.util.Map;

/**
 * A version as MLflow's protocol answers it, with what MLflow keeps beside it: its stage and the
 * tags clients set, after the suite's own {@code mlops.*} tags.
 */
final class VersionView {
    private final ModelRegistry registry;

    VersionView(ModelRegistry registry) {
        this.registry = registry;
    }

    ObjectNode json(ModelVersion version) {
        ObjectNode node = RegistryJson.version(version);
        node.put("current_stage", registry.versionStage(version.model(), version.version()));
        ArrayNode tags = (ArrayNode) node.get("tags");
        for (Map.Entry<String, String> tag :
                registry.versionTags(version.model(), version.version()).entrySet()) {
            tags.addObject().put("key", tag.getKey()).put("value", tag.getValue());
        }
        return node;
    }
}
