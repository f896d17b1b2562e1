package io.mlops.agent.http;

import io.mlops.agent.metrics.PrometheusText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Dispatches the agent's HTTP requests: {@code /v2/admin/...} to the admin API, a model's
 * {@code /demo} page, {@code /metrics} (Prometheus text, open), pre-annotation for Label Studio and
 * CVAT under {@code /label-studio/{model}} and {@code /cvat/{model}}, and the rest of {@code /v2} to the V2
 * endpoints (behind the inference token when one is set; health stays open for probes). Every failure becomes a JSON error reply.
 */
final class AgentHandler extends Handler.Abstract {
    private final V2Endpoints v2;
    private final AdminEndpoints admin;
    private final DemoPage demo;
    private final LabelingEndpoints labeling;
    private final BearerToken inferenceToken;
    private final Supplier<String> metrics;

    AgentHandler(
            V2Endpoints v2,
            AdminEndpoints admin,
            DemoPage demo,
            LabelingEndpoints labeling,
            BearerToken inferenceToken,
            Supplier<String> metrics) {
        this.v2 = v2;
        this.admin = admin;
        this.demo = demo;
        this.labeling = labeling;
        this.inferenceToken = inferenceToken;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            if (!dispatch(request, response, segments(Request.getPathInContext(request)))) {
                throw new HttpFailure(
                        404, "no endpoint " + request.getMethod() + " " + Request.getPathInContext(request));
            }
            callback.succeeded();
        } catch (Throwable failure) {
            if (Replies.status(failure) == 500) {
                // Not the client's doing: keep the trace for whoever runs the agent (requests carry
                // no secrets in their path; tokens are never part of a message).
                System.err.println("inference-agent: internal error on " + request.getMethod() + " "
                        + Request.getPathInContext(request));
                failure.printStackTrace(System.err);
            }
            try {
                if (!response.isCommitted()) {
                    Replies.error(response, failure);
                    callback.succeeded();
                } else {
                    callback.failed(failure);
                }
            } catch (Throwable writing) {
                callback.failed(writing);
            }
        }
        return true;
    }

    private boolean dispatch(Request request, Response response, List<String> path) throws Exception {
        if (path.equals(List.of("metrics"))) {
            // Open like health: Prometheus scrapes without the inference token (as the contract says).
            if (!HttpMethod.GET.is(request.getMethod())) {
                throw new HttpFailure(405, "/metrics answers GET only");
            }
            Replies.bytes(
                    response, 200, PrometheusText.CONTENT_TYPE, metrics.get().getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (LabelingEndpoints.matches(path)) {
            // Label Studio can send only basic authentication: the inference token is its password.
            if (inferenceToken != null && !LabelingEndpoints.isHealth(path)) {
                inferenceToken.checkBearerOrBasic(request);
            }
            return labeling.handle(request, response, path);
        }
        if (path.isEmpty() || !path.get(0).equals("v2")) {
            return false;
        }
        List<String> rest = path.subList(1, path.size());
        if (!rest.isEmpty() && rest.get(0).equals("admin")) {
            return admin.handle(request, response, rest.subList(1, rest.size()));
        }
        if (demo.matches(rest)) {
            // The page itself holds no data; the calls it makes carry the token the user types in.
            if (rest.size() == 3) {
                return demo.page(response, rest.get(1));
            }
            checkInferenceToken(request);
            return demo.sample(response, rest.get(1));
        }
        if (!(rest.size() == 2 && rest.get(0).equals("health"))) {
            checkInferenceToken(request);
        }
        return v2.handle(request, response, rest);
    }

    private void checkInferenceToken(Request request) {
        if (inferenceToken != null) {
            inferenceToken.check(request);
        }
    }

    private static List<String> segments(String path) {
        if (path == null) {
            return List.of();
        }
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
