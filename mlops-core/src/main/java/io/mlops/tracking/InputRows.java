package io.mlops.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The {@code run_dataset} table: datasets each run used, data snapshots among them. */
final class InputRows {
    private static final ObjectMapper JSON = Json.mapper();

    private InputRows() {}

    /**
     * Records inputs; a dataset (same name and digest) already recorded for the run is kept as is.
     *
     * @param connection the transaction
     * @param runId the run
     * @param inputs the inputs
     * @throws SQLException on a database failure
     */
    static void log(Connection connection, String runId, List<DatasetInput> inputs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run_dataset(run_id, name, digest,"
                + " source_type, source, schema, profile, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, name, digest) DO NOTHING")) {
            for (DatasetInput input : inputs) {
                Dataset dataset = input.dataset();
                ObjectNode tags = JSON.createObjectNode();
                input.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                insert.setString(1, runId);
                insert.setString(2, dataset.name());
                insert.setString(3, dataset.digest());
                insert.setString(4, dataset.sourceType());
                insert.setString(5, dataset.source());
                insert.setString(6, dataset.schema());
                insert.setString(7, dataset.profile());
                insert.setString(8, tags.toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Loads the inputs of runs.
     *
     * @param connection the transaction
     * @param runIds the runs
     * @return inputs by run id, ordered by name and digest
     * @throws SQLException on a database failure
     */
    static Map<String, List<DatasetInput>> of(Connection connection, Collection<String> runIds) throws SQLException {
        Map<String, List<DatasetInput>> inputs = new HashMap<>();
        BoundSql sql = new BoundSql()
                .append("SELECT run_id, name, digest, source_type, source, schema, profile, tags FROM run_dataset"
                        + " WHERE run_id IN ")
                .bindAll(runIds)
                .append(" ORDER BY name, digest");
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Dataset dataset = new Dataset(
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        rows.getString(7));
                inputs.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(new DatasetInput(dataset, tags(rows.getString(8))));
            }
        }
        return inputs;
    }

    private static List<Tag> tags(String json) throws SQLException {
        try {
            List<Tag> tags = new ArrayList<>();
            JsonNode node = JSON.readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                tags.add(new Tag(field.getKey(), field.getValue().asText()));
            }
            return tags;
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt dataset input tags in the store: " + json, e);
        }
    }
}
