package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A client of the registry API that checks every real exchange against the OpenAPI file the
 * server serves, with Atlassian's OpenAPI validator: the response must always fit the file, and
 * the request must fit it exactly when the test says it should (a bad request must be one the
 * file rejects too). It records which operations of the file were exercised.
 */
final class RegistryContract {
    static final String API = "/api/registry/v1";

    private final Http http;
    private final URI base;
    private final OpenApiInteractionValidator validator;
    private final Map<String, Pattern> operations = new LinkedHashMap<>();
    private final Set<String> exercised;

    RegistryContract(URI base, Set<String> exercised) {
        this.base = base;
        this.http = new Http(base);
        this.exercised = exercised;
        Http.Answer spec = http.get(API + "/openapi.yaml");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec.text())
                .build();
        readOperations(spec.text());
    }

    /** Every operation the file describes, as {@code METHOD /path/{param}}. */
    Set<String> operations() {
        return new TreeSet<>(operations.keySet());
    }

    Http.Answer get(String pathAndQuery) {
        return exchange("GET", pathAndQuery, null, null, null, true);
    }

    Http.Answer get(String pathAndQuery, String token) {
        return exchange("GET", pathAndQuery, null, token, null, true);
    }

    Http.Answer getInvalid(String pathAndQuery) {
        return exchange("GET", pathAndQuery, null, null, null, false);
    }

    Http.Answer post(String path, String body, String token, String actor, boolean requestValid) {
        return exchange("POST", path, body, token, actor, requestValid);
    }

    Http.Answer delete(String path, String token, boolean requestValid) {
        return exchange("DELETE", path, null, token, null, requestValid);
    }

    private Http.Answer exchange(
            String method, String pathAndQuery, String body, String token, String actor, boolean requestValid) {
        URI uri = URI.create(base + API + pathAndQuery);
        HttpRequest.Builder real = HttpRequest.newBuilder(uri);
        SimpleRequest.Builder described = new SimpleRequest.Builder(method, uri.getRawPath());
        if (body != null) {
            real.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
            described.withBody(body).withContentType("application/json");
        } else {
            real.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (token != null) {
            real.header("Authorization", "Bearer " + token);
            described.withAuthorization("Bearer " + token);
        }
        if (actor != null) {
            real.header("X-Mlops-Actor", actor);
            described.withHeader("X-Mlops-Actor", actor);
        }
        query(uri).forEach(described::withQueryParam);
        Http.Answer answer = http.send(real);

        Request request = described.build();
        ValidationReport requestReport = validator.validateRequest(request);
        if (requestValid) {
            assertThat(messages(requestReport))
                    .as("request %s %s against the OpenAPI file", method, pathAndQuery)
                    .isEmpty();
        } else {
            assertThat(requestReport.hasErrors())
                    .as("the OpenAPI file should refuse %s %s too", method, pathAndQuery)
                    .isTrue();
        }
        SimpleResponse.Builder response =
                SimpleResponse.Builder.status(answer.status()).withBody(answer.text());
        answer.response().headers().map().forEach(response::withHeader);
        ValidationReport responseReport =
                validator.validateResponse(uri.getRawPath(), Request.Method.valueOf(method), response.build());
        assertThat(messages(responseReport))
                .as(
                        "response %d to %s %s against the OpenAPI file: %s",
                        answer.status(), method, pathAndQuery, answer.text())
                .isEmpty();
        exercised.add(operationOf(method, uri.getRawPath()));
        return answer;
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    private String operationOf(String method, String rawPath) {
        String path = rawPath.substring(API.length());
        return operations.entrySet().stream()
                .filter(e -> e.getKey().startsWith(method + " ")
                        && e.getValue().matcher(path).matches())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(method + " " + path + " (not in the file)");
    }

    private void readOperations(String yaml) {
        try {
            JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(yaml).get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
                for (String method : List.of("get", "post", "delete", "put")) {
                    if (path.getValue().has(method)) {
                        operations.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), pattern);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters
                    .computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    static String missing(Set<String> all, Set<String> exercised) {
        return all.stream().filter(o -> !exercised.contains(o)).collect(Collectors.joining(", "));
    }
}
