package io.mlops.monitor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.monitor.AlertRule;
import io.mlops.monitor.AlertRules;
import io.mlops.monitor.AlertState;
import io.mlops.monitor.AlertStates;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.store.StoreFailure;
import io.mlops.store.StoreUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model's alert rules beside the registry API: {@code GET api/registry/v1/models/{name}/alerts}
 * (the rules and the alerts' state, open like the registry's other reads),
 * {@code POST .../alerts} (add a rule) and {@code DELETE .../alerts/{rule}} (remove one), which need
 * the bearer token when one is configured. A filter placed before the registry API's (which answers
 * 404 for paths it does not know), passing every other request on; documented in
 * {@code registry-openapi.yaml}, with the registry API's errors ({@code {"error": {"code",
 * "message"}}}).
 */
public final class AlertApiFilter extends HttpFilter {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "/api/registry/v1/models/";
    private static final String ALERTS = "alerts";
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = Json.mapper();

    private final transient ModelRegistry registry;
    private final transient AlertRules rules;
    private final transient AlertStates states;
    private final byte[] expected;

    /**
     * Creates the endpoints.
     *
     * @param registry the registry whose models the rules watch
     * @param rules the alert rules
     * @param states the alerts' state
     * @param token the token writes need, or null when the host authenticates requests itself
     */
    public AlertApiFilter(ModelRegistry registry, AlertRules rules, AlertStates states, String token) {
        this.registry = registry;
        this.rules = rules;
        this.states = states;
        this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        List<String> parts = path.startsWith(PREFIX)
                ? List.of(path.substring(PREFIX.length()).split("/", -1))
                : List.of();
        if (parts.size() < 2
                || parts.size() > 3
                || !parts.get(1).equals(ALERTS)
                || parts.getFirst().isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            List<String> names = new ArrayList<>();
            for (String part : parts) {
                names.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            JsonNode body = answer(request, names);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setHeader("Cache-Control", "no-store");
            write(response, body);
        } catch (Refused e) {
            send(response, e.status, e.code, e.getMessage());
        } catch (UnknownRegistryEntry e) {
            send(response, 404, "NOT_FOUND", e.getMessage());
        } catch (StoreUnavailable e) {
            request.getServletContext().log("alert API request failed: " + request.getMethod() + " " + path, e);
            response.setHeader("Retry-After", "1");
            send(response, 503, "INTERNAL", e.publicMessage());
        } catch (StoreFailure e) {
            request.getServletContext().log("alert API request failed: " + request.getMethod() + " " + path, e);
            send(response, 500, "INTERNAL", e.publicMessage());
        } catch (UserError e) {
            send(response, 400, "INVALID_ARGUMENT", e.getMessage());
        } catch (IllegalArgumentException e) {
            send(response, 400, "INVALID_ARGUMENT", "the path has a broken percent-escape");
        }
    }

    private JsonNode answer(HttpServletRequest request, List<String> path) throws IOException {
        String method = request.getMethod();
        String model = registry.model(path.getFirst()).name();
        if (path.size() == 3) {
            if (path.get(2).isEmpty()) {
                throw new Refused(404, "NOT_FOUND", "no alert rule named in the path");
            }
            if (!method.equals("DELETE")) {
                throw notAllowed(method);
            }
            requireWrite(request);
            String rule = path.get(2);
            if (rules.list(model).stream().noneMatch(existing -> existing.name().equals(rule))) {
                throw new Refused(404, "NOT_FOUND", "model '" + model + "' has no alert rule named '" + rule + "'");
            }
            rules.remove(model, rule);
            return JSON.createObjectNode();
        }
        return switch (method) {
            case "GET" -> list(model);
            case "POST" -> {
                requireWrite(request);
                yield json(rules.add(AlertRuleBody.read(model, body(request))));
            }
            default -> throw notAllowed(method);
        };
    }

    private JsonNode list(String model) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("rules");
        rules.list(model).forEach(rule -> list.add(json(rule)));
        ArrayNode alerts = body.putArray("alerts");
        for (AlertState state : states.list(model)) {
            alerts.addObject()
                    .put("rule", state.change().rule())
                    .put("endpoint", state.change().endpoint())
                    .put("version", state.change().version())
                    .put("kind", state.change().kind().wireName())
                    .put("firing", state.firing())
                    .put("value", state.change().value())
                    .put("limit", state.change().limit())
                    .put("detail", state.change().detail())
                    .put("since", state.since());
        }
        return body;
    }

    private static ObjectNode json(AlertRule rule) {
        return JSON.createObjectNode()
                .put("name", rule.name())
                .put("kind", rule.kind().wireName())
                .put("limit", rule.limit())
                .put("minutes", rule.minutes())
                .put("input", rule.input());
    }

    private void requireWrite(HttpServletRequest request) {
        if (expected == null) {
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null) {
            throw new Refused(
                    401,
                    "UNAUTHENTICATED",
                    "this registry needs a token to change it: send Authorization: Bearer <token>");
        }
        if (!MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused(401, "UNAUTHENTICATED", "the token is not valid for this registry");
        }
    }

    private static JsonNode body(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.split(";")[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw new UserError("the request body must be JSON, sent with Content-Type: application/json");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new UserError("the request body is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode parsed = JSON.readTree(bytes);
            if (parsed == null || !parsed.isObject()) {
                throw new UserError("the request body must be a JSON object");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new UserError("malformed JSON in the request body: " + e.getOriginalMessage());
        }
    }

    private static Refused notAllowed(String method) {
        return new Refused(405, "INVALID_ARGUMENT", "method " + method + " is not allowed here");
    }

    private static void write(HttpServletResponse response, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void send(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        write(response, body);
    }

    /** A request refused with a status and code other than a plain bad argument. */
    private static final class Refused extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
