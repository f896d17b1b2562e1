package io.mlops.registry.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The registry API's OpenAPI description, shipped in the jar and served next to the API. */
final class OpenApiDocument {
    static final String RESOURCE = "io/mlops/registry/http/registry-openapi.yaml";

    private final byte[] yaml;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the registry API description is missing from the classpath: " + RESOURCE);
            }
            yaml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/yaml");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(yaml.length);
        response.getOutputStream().write(yaml);
    }
}
