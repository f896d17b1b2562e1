package io.mlops.agent.http;

import io.mlops.agent.serve.Classification;
import io.mlops.agent.serve.InferResponse;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelMetadata;
import io.mlops.agent.serve.NodeReport;
import io.mlops.agent.v2.V2InferRequestReader;
import io.mlops.agent.v2.V2InferResponseWriter;
import io.mlops.protocol.v2.TensorSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * The KServe V2 HTTP endpoints: health, server and model metadata, model readiness, Triton's model
 * configuration, and inference with JSON or binary tensor data, compressed request and reply bodies
 * and Triton's classification extension ({@code class_count}).
 */
final class V2Endpoints {
    /** The header that gives the JSON part's length in the binary tensor data extension. */
    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    /**
     * Replies up to this size are copied into one buffer and written at once; larger ones are
     * streamed piece by piece rather than copied.
     */
    private static final long SINGLE_WRITE_BYTES = 1 << 20;

    private final InferenceService service;
    private final long maxBodyBytes;
    private final NodeReport report;

    V2Endpoints(InferenceService service, long maxBodyBytes, NodeReport report) {
        this.service = service;
        this.maxBodyBytes = maxBodyBytes;
        this.report = report;
    }

    /**
     * Answers a request under {@code /v2}.
     *
     * @param request the request
     * @param response the response
     * @param path the path's segments after {@code v2}
     * @return false when no endpoint matches
     * @throws IOException when writing fails
     */
    boolean handle(Request request, Response response, List<String> path) throws IOException {
        String method = request.getMethod();
        if (path.isEmpty() && method.equals("GET")) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("name", service.serverName());
            server.put("version", service.serverVersion());
            server.put("extensions", service.extensions());
            // extensions stay strings (the KServe spec); the node's facts ride beside them
            server.put("mlops", Map.of("backends", report.backends(), "hardware", report.hardware()));
            Replies.json(response, 200, server);
            return true;
        }
        if (path.size() == 2 && path.get(0).equals("health") && method.equals("GET")) {
            boolean ok = switch (path.get(1)) {
                case "live" -> service.live();
                case "ready" -> service.ready();
                default -> throw new HttpFailure(404, "no endpoint /v2/health/" + path.get(1));
            };
            health(response, Map.of(path.get(1), ok), ok, "server " + path.get(1));
            return true;
        }
        if (path.size() < 2 || !path.get(0).equals("models")) {
            return false;
        }
        String model = path.get(1);
        List<String> rest = path.subList(2, path.size());
        String version = null;
        if (rest.size() >= 2 && rest.get(0).equals("versions")) {
            version = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() && method.equals("GET")) {
            Replies.json(response, 200, metadata(service.metadata(model, version)));
            return true;
        }
        if (rest.equals(List.of("ready")) && method.equals("GET")) {
            boolean ready = service.modelReady(model, version);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", model);
            if (version != null) {
                body.put("version", version);
            }
            body.put("ready", ready);
            health(response, body, ready, "model '" + model + "'" + (version == null ? "" : " version " + version));
            return true;
        }
        if (rest.equals(List.of("config")) && method.equals("GET")) {
            Replies.json(response, 200, ModelConfigJson.of(service.config(model, version)));
            return true;
        }
        if (rest.equals(List.of("infer")) && method.equals("POST")) {
            infer(request, response, model, version);
            return true;
        }
        return false;
    }

    /**
     * Answers a health or readiness probe with the body KServe's server answers ({@code {"live":
     * true}}, {@code {"ready": true}}, {@code {"name": "m", "ready": true}}), which the kserve SDK's
     * REST client reads; Triton's clients look at the status alone (200, or 503 when not ready).
     */
    private static void health(Response response, Map<String, Object> body, boolean ok, String what)
            throws IOException {
        if (ok) {
            Replies.json(response, 200, body);
        } else {
            Map<String, Object> refusal = new LinkedHashMap<>(body);
            refusal.put("error", what + " is not ready yet");
            Replies.json(response, 503, refusal);
        }
    }

    private static Map<String, Object> metadata(ModelMetadata metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", metadata.name());
        body.put("versions", metadata.versions());
        body.put("platform", metadata.platform());
        body.put("inputs", metadata.inputs().stream().map(V2Endpoints::spec).toList());
        body.put("outputs", metadata.outputs().stream().map(V2Endpoints::spec).toList());
        return body;
    }

    private static Map<String, Object> spec(TensorSpec spec) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.name());
        body.put("datatype", spec.datatype().name());
        body.put("shape", spec.shape());
        return body;
    }

    private void infer(Request request, Response response, String model, String version) throws IOException {
        long headerLength = headerLength(request);
        byte[] body = RequestBodies.read(request, maxBodyBytes);
        V2InferRequestReader.Parsed parsed = V2InferRequestReader.read(model, version, body, headerLength);
        Map<String, Integer> classCounts = ClassCounts.read(body, headerLength);
        InferResponse reply = Classification.apply(service, service.infer(parsed.request()), classCounts);
        V2InferResponseWriter.Encoded encoded = V2InferResponseWriter.write(reply, parsed.format());
        response.setStatus(200);
        if (encoded.hasBinary()) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.getHeaders().put(HEADER_LENGTH, Integer.toString(encoded.header().length));
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        }
        response.getHeaders().put(HttpHeader.VARY, HttpHeader.ACCEPT_ENCODING.asString());
        String coding = ContentEncodings.negotiate(request);
        if (coding != null) {
            // As Triton does: the whole reply compressed, Inference-Header-Content-Length still the
            // JSON part's length before compression (the client inflates first, then splits).
            List<ByteBuffer> pieces = new ArrayList<>();
            pieces.add(ByteBuffer.wrap(encoded.header()));
            pieces.addAll(encoded.binary());
            byte[] compressed = ContentEncodings.encode(coding, pieces);
            response.getHeaders().put(HttpHeader.CONTENT_ENCODING, coding);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, compressed.length);
            try (Blocker.Callback written = Blocker.callback()) {
                response.write(true, ByteBuffer.wrap(compressed), written);
                written.block();
            }
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, encoded.length());
        if (encoded.length() <= SINGLE_WRITE_BYTES) {
            // One last write: Jetty sends the status line, headers and the whole body in one
            // gathering write. Written piece by piece (JSON header, then each output's data), a
            // binary reply cost a socket write per piece.
            ByteBuffer whole = ByteBuffer.allocate((int) encoded.length()).put(encoded.header());
            encoded.binary().forEach(data -> whole.put(data.duplicate()));
            try (Blocker.Callback written = Blocker.callback()) {
                response.write(true, whole.flip(), written);
                written.block();
            }
            return;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            out.write(encoded.header());
            WritableByteChannel channel = Channels.newChannel(out);
            for (ByteBuffer data : encoded.binary()) {
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            }
        }
    }

    private static long headerLength(Request request) {
        String value = request.getHeaders().get(HEADER_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.strip());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new HttpFailure(400, HEADER_LENGTH + " must be a whole number of 0 or more, not '" + value + "'");
        }
    }
}
