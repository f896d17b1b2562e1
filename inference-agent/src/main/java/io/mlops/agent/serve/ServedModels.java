package io.mlops.agent.serve;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The models the agent serves, by name; shared by the inference path and the admin operations. */
public final class ServedModels {
    private final ConcurrentMap<String, ServedModel> models = new ConcurrentHashMap<>();

    /**
     * A served model.
     *
     * @param name the model's name
     * @return the model
     * @throws UnknownModel when the agent does not serve it
     */
    public ServedModel get(String name) {
        ServedModel model = name == null ? null : models.get(name);
        if (model == null) {
            throw new UnknownModel("model '" + name + "' is not served by this agent; it serves "
                    + all().stream().map(ServedModel::name).toList());
        }
        return model;
    }

    /**
     * Every served model, by name.
     *
     * @return the models
     */
    public List<ServedModel> all() {
        return models.values().stream()
                .sorted(Comparator.comparing(ServedModel::name))
                .toList();
    }

    ServedModel getOrCreate(String name) {
        return models.computeIfAbsent(name, ServedModel::new);
    }

    void removeIfEmpty(ServedModel model) {
        models.computeIfPresent(
                model.name(),
                (name, current) -> current == model
                                && current.versionsUnordered().isEmpty()
                                && current.routing().primary() == null
                        ? null
                        : current);
    }

    boolean holds(ServedModel model) {
        return models.get(model.name()) == model;
    }

    boolean remove(ServedModel model) {
        return models.remove(model.name(), model);
    }
}
