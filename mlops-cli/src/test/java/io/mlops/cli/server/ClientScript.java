package io.mlops.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One stock-MLflow client script of the compatibility suite: it gets a model file and a name as
 * arguments, makes its calls through {@code surface.py}'s {@code check}, and prints one
 * {@code SURFACE} line with a record per call.
 *
 * @param file the script under {@code io/mlops/cli/python/}
 * @param area the heading its calls stand under in the compatibility table
 */
record ClientScript(String file, String area) {
    /**
     * Every script of the suite. A branch that adds client calls adds its script here, and the
     * table in docs/tracking.md gains its rows.
     */
    static final List<ClientScript> ALL = List.of(
            new ClientScript("surface_tracking.py", "Experiments, runs and artifacts"),
            new ClientScript("surface_registry.py", "Model registry"),
            new ClientScript("surface_webhooks.py", "MLflow 3 webhooks"));

    /**
     * Endpoints the stock client calls that this server does not know yet, each with the work that
     * brings it. The surface test fails on any other unknown endpoint; the table lists these as not
     * supported. Remove an entry when its work is merged.
     */
    static final Map<String, String> PENDING = Map.of();

    /**
     * One call a script made.
     *
     * @param call the client call, as the table names it
     * @param status supported or partly, as the script declares it
     * @param note what a partly supported call lacks, or empty
     * @param outcome {@code ok}, or what went wrong
     */
    record Call(String call, String status, String note, String outcome) {
        /**
         * The pending endpoint ({@link #PENDING}) this call failed on, as the client reported it.
         *
         * @return e.g. {@code POST /api/2.0/mlflow/logged-models/search}, or null
         */
        String pendingEndpoint() {
            for (String endpoint : PENDING.keySet()) {
                if (outcome.startsWith("ENDPOINT_NOT_FOUND")
                        && outcome.contains("No API endpoint at " + endpoint.substring(endpoint.indexOf(' ') + 1))) {
                    return endpoint;
                }
            }
            return null;
        }

        static List<Call> of(JsonNode surface) {
            List<Call> calls = new java.util.ArrayList<>();
            for (JsonNode record : surface) {
                calls.add(new Call(
                        record.get("call").asText(),
                        record.get("status").asText(),
                        record.get("note").asText(),
                        record.get("outcome").asText()));
            }
            return calls;
        }
    }
}
