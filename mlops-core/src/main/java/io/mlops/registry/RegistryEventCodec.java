package io.mlops.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;

/**
 * The one JSON form of a {@link RegistryEvent} in the outbox: the event record as Jackson writes
 * it, its kind in a column beside it. Only this class writes and reads that form, so it can change
 * in one place (with a migration for rows already written).
 */
public final class RegistryEventCodec {
    private static final ObjectMapper JSON = Json.mapper();

    private RegistryEventCodec() {}

    /**
     * The kind stored beside the body, the record's simple name.
     *
     * @param event the event
     * @return {@code VersionCreated}, {@code AliasMoved} or {@code DeploymentChanged}
     */
    public static String kind(RegistryEvent event) {
        return event.getClass().getSimpleName();
    }

    /**
     * Writes an event.
     *
     * @param event the event
     * @return its JSON text
     */
    public static String write(RegistryEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a registry event could not be written as JSON: " + kind(event), e);
        }
    }

    /**
     * Reads an event back.
     *
     * @param kind the stored kind
     * @param body the stored JSON
     * @return the event
     * @throws IllegalStateException when the row is not an event this version knows
     */
    public static RegistryEvent read(String kind, String body) {
        Class<? extends RegistryEvent> type = switch (kind) {
            case "VersionCreated" -> RegistryEvent.VersionCreated.class;
            case "AliasMoved" -> RegistryEvent.AliasMoved.class;
            case "DeploymentChanged" -> RegistryEvent.DeploymentChanged.class;
            case "AlertChanged" -> RegistryEvent.AlertChanged.class;
            case "LabelingProgressed" -> RegistryEvent.LabelingProgressed.class;
            default -> throw new IllegalStateException("unknown registry event kind in the outbox: " + kind);
        };
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored registry event of kind " + kind + " cannot be read", e);
        }
    }
}
