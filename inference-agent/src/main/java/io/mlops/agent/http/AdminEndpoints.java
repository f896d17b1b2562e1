package io.mlops.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.serve.Deployments;
import io.mlops.agent.serve.ModelRepository;
import io.mlops.agent.serve.NodeReport;
import io.mlops.protocol.admin.SwitchRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * The agent's admin API under {@code /v2/admin}: deploy a bundle as a version, switch traffic to
 * it (at once or as a canary), roll back, unload, and report each model's status. Every call needs
 * the admin token; without it nothing is read or changed.
 */
final class AdminEndpoints {
    private static final long MAX_JSON_BYTES = 64 * 1024;

    private final Deployments deployments;
    private final BearerToken token;
    private final long maxBundleBytes;
    private final NodeReport report;

    AdminEndpoints(Deployments deployments, BearerToken token, long maxBundleBytes, NodeReport report) {
        this.report = report;
        this.deployments = deployments;
        this.token = token;
        this.maxBundleBytes = maxBundleBytes;
    }

    /**
     * Answers a request under {@code /v2/admin}.
     *
     * @param request the request
     * @param response the response
     * @param path the path's segments after {@code admin}
     * @return false when no endpoint matches
     * @throws IOException when reading or writing fails
     */
    boolean handle(Request request, Response response, List<String> path) throws IOException {
        token.check(request);
        if (path.isEmpty() || !path.get(0).equals("models")) {
            return false;
        }
        String method = request.getMethod();
        if (path.size() == 1 && method.equals("GET")) {
            Map<String, Object> status = new java.util.LinkedHashMap<>();
            status.put("models", deployments.statuses());
            status.put("backends", report.backends());
            status.put("hardware", report.hardware());
            Replies.json(response, 200, status);
            return true;
        }
        String model = ModelRepository.checkModelName(path.get(1));
        List<String> rest = path.subList(2, path.size());
        switch (method + " "
                + String.join(
                        "/", rest.size() >= 2 && rest.get(0).equals("versions") ? List.of("versions", "*") : rest)) {
            case "GET " -> Replies.json(response, 200, deployments.status(model));
            case "DELETE " -> {
                deployments.undeploy(model);
                Replies.json(response, 200, Map.of("name", model, "undeployed", true));
            }
            case "PUT versions/*" -> {
                Fields query = Request.extractQueryParameters(request);
                try (InputStream bundle = RequestBodies.stream(request, maxBundleBytes)) {
                    Replies.json(
                            response,
                            200,
                            deployments.deploy(
                                    model, rest.get(1), query.getValue("backend"), query.getValue("device"), bundle));
                }
            }
            case "DELETE versions/*" -> Replies.json(response, 200, deployments.unload(model, rest.get(1)));
            case "POST switch" -> {
                JsonNode body = jsonBody(request);
                SwitchRequest switchRequest = new SwitchRequest(
                        body.path("version").asText(null),
                        body.path("canaryPercent").asInt(100),
                        body.path("watchSeconds").asInt(0),
                        body.path("maxErrorRate").asDouble(0.05));
                Replies.json(response, 200, deployments.switchTo(model, switchRequest));
            }
            case "POST rollback" -> {
                JsonNode body = jsonBody(request);
                Replies.json(
                        response,
                        200,
                        deployments.rollback(model, body.path("reason").asText(null)));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static JsonNode jsonBody(Request request) throws IOException {
        byte[] body = RequestBodies.read(request, MAX_JSON_BYTES);
        if (body.length == 0) {
            return Replies.JSON.createObjectNode();
        }
        try {
            // The suite's JSON rules: trailing content after the object is refused.
            JsonNode node = io.mlops.json.Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpFailure(400, "the body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpFailure(400, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
