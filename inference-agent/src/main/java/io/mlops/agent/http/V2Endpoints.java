package io.mlops.agent.http;

import io.mlops.agent.serve.InferResponse;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelMetadata;
import io.mlops.agent.v2.V2InferRequestReader;
import io.mlops.agent.v2.V2InferResponseWriter;
import io.mlops.protocol.v2.TensorSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * The KServe V2 HTTP endpoints: health, server and model metadata, model readiness and inference
 * with JSON or binary tensor data.
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

    V2Endpoints(InferenceService service, long maxBodyBytes) {
        this.service = service;
        this.maxBodyBytes = maxBodyBytes;
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
            Replies.json(response, 200, server);
            return true;
        }
        if (path.size() == 2 && path.get(0).equals("health") && method.equals("GET")) {
            boolean ok = switch (path.get(1)) {
                case "live" -> service.live();
                case "ready" -> service.ready();
                default -> throw new HttpFailure(404, "no endpoint /v2/health/" + path.get(1));
            };
            health(response, ok, path.get(1));
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
            health(response, service.modelReady(model, version), "model ready");
            return true;
        }
        if (rest.equals(List.of("infer")) && method.equals("POST")) {
            infer(request, response, model, version);
            return true;
        }
        return false;
    }

    private static void health(Response response, boolean ok, String what) throws IOException {
        if (ok) {
            Replies.bytes(response, 200, "application/json", new byte[0]);
        } else {
            Replies.json(response, 503, Map.of("error", what + ": not yet"));
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
        InferResponse reply = service.infer(parsed.request());
        V2InferResponseWriter.Encoded encoded = V2InferResponseWriter.write(reply, parsed.format());
        response.setStatus(200);
        if (encoded.hasBinary()) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
            response.getHeaders().put(HEADER_LENGTH, Integer.toString(encoded.header().length));
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
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
