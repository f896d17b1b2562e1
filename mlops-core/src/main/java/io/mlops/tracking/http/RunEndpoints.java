package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.LoggingRules;
import io.mlops.tracking.Metric;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.Page;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunSearch;
import io.mlops.tracking.RunStatus;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import io.mlops.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runs/create}, {@code get}, {@code update}, {@code delete}, {@code restore},
 * {@code search} and {@code metrics/get-history}.
 */
final class RunEndpoints {
    private static final int DEFAULT_MAX_RESULTS = 1000;
    /** Most experiments one run search names. */
    static final int MAX_SEARCH_EXPERIMENTS = 10_000;

    private final TrackingStore store;

    RunEndpoints(TrackingStore store) {
        this.store = store;
    }

    void addTo(Routes routes) {
        routes.add("POST", "runs/create", this::create)
                .add("GET", "runs/get", this::get)
                .add("POST", "runs/update", this::update)
                .add("POST", "runs/delete", this::delete)
                .add("POST", "runs/restore", this::restore)
                .add("POST", "runs/search", this::search)
                .add("GET", "metrics/get-history", this::history);
    }

    private ObjectNode create(ApiRequest request) {
        List<Tag> tags = new ArrayList<>();
        for (ApiRequest tag : request.messages("tags")) {
            tags.add(new Tag(tag.requiredString("key"), tag.string("value", "")));
        }
        Long startTime = request.int64("start_time");
        LoggingRules.runName(request.string("run_name", null));
        Run run = store.createRun(new NewRun(
                request.string("experiment_id", ""),
                request.string("user_id", ""),
                startTime == null ? 0 : startTime,
                request.string("run_name", null),
                tags));
        return withRun(run);
    }

    private ObjectNode get(ApiRequest request) {
        return withRun(store.run(request.runId()));
    }

    private ObjectNode update(ApiRequest request) {
        String runId = request.runId();
        RunStatus status = request.enumeration("status", RunStatus.class);
        Long endTime = request.int64("end_time");
        String runName = request.string("run_name", null);
        LoggingRules.runName(runName);
        ObjectNode response = Json.empty();
        response.set("run_info", MlflowJson.runInfo(store.updateRun(runId, status, endTime, runName)));
        return response;
    }

    private ObjectNode delete(ApiRequest request) {
        store.deleteRun(request.requiredString("run_id"));
        return Json.empty();
    }

    private ObjectNode restore(ApiRequest request) {
        store.restoreRun(request.requiredString("run_id"));
        return Json.empty();
    }

    private ObjectNode search(ApiRequest request) {
        ViewType view = request.enumeration("run_view_type", ViewType.class);
        Long maxResults = request.int64("max_results");
        if (maxResults != null && maxResults > RunSearch.MAX_RESULTS) {
            throw TrackingError.invalid("Invalid value " + maxResults + " for parameter 'max_results' supplied."
                    + " It must be at most " + RunSearch.MAX_RESULTS + ".");
        }
        List<String> experimentIds = request.strings("experiment_ids");
        if (experimentIds.size() > MAX_SEARCH_EXPERIMENTS) {
            // Past this, the database would refuse the query with its own words (and paths).
            throw TrackingError.invalid("Invalid value for parameter 'experiment_ids': " + experimentIds.size()
                    + " ids given, at most " + MAX_SEARCH_EXPERIMENTS + " are searched at once.");
        }
        Page<Run> page = store.searchRuns(new RunSearch(
                experimentIds,
                request.string("filter", ""),
                view == null ? ViewType.ACTIVE_ONLY : view,
                maxResults == null ? DEFAULT_MAX_RESULTS : maxResults.intValue(),
                request.strings("order_by"),
                request.string("page_token", null)));
        ObjectNode response = Json.empty();
        if (!page.items().isEmpty()) {
            ArrayNode runs = response.putArray("runs");
            page.items().forEach(run -> runs.add(MlflowJson.run(run)));
        }
        if (page.nextPageToken() != null) {
            response.put("next_page_token", page.nextPageToken());
        }
        return response;
    }

    private ObjectNode history(ApiRequest request) {
        String runId = request.runId();
        String key = request.requiredString("metric_key");
        Long maxResults = request.int64("max_results");
        Page<Metric> page = store.metricHistory(
                runId,
                key,
                maxResults == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(maxResults, Integer.MAX_VALUE)),
                request.string("page_token", null));
        ObjectNode response = Json.empty();
        if (!page.items().isEmpty()) {
            ArrayNode metrics = response.putArray("metrics");
            page.items().forEach(metric -> metrics.add(MlflowJson.metric(metric)));
        }
        if (page.nextPageToken() != null) {
            response.put("next_page_token", page.nextPageToken());
        }
        return response;
    }

    private static ObjectNode withRun(Run run) {
        ObjectNode response = Json.empty();
        response.set("run", MlflowJson.run(run));
        return response;
    }
}
