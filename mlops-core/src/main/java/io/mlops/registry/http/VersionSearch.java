package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegisteredModel;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code model-versions/search} as MLflow's SQL store answers it: a filter of clauses joined by
 * {@code AND} over {@code name}, {@code run_id}, {@code source_path}, {@code version_number} and
 * {@code tags.<key>}; {@code order_by} over {@code name}, {@code version_number},
 * {@code creation_timestamp}, {@code last_updated_timestamp} and {@code run_id} (default
 * {@code last_updated_timestamp DESC, name ASC, version_number DESC}); {@code max_results} up to
 * 200000 (default 10000) and page tokens.
 */
final class VersionSearch {
    private static final int DEFAULT_MAX = 10_000;
    private static final int MAX = 200_000;
    private static final Pattern AND = Pattern.compile("\\s+AND\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT = Pattern.compile(
            "\\s*(name|run_id|source_path|tags?\\.(?:`([^`]+)`|\"([^\"]+)\"|([\\w.]+)))\\s*(=|!=|LIKE|ILIKE)\\s*'([^']*)'\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IN =
            Pattern.compile("\\s*(name|run_id)\\s+(IN|NOT IN)\\s*\\(([^)]*)\\)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER =
            Pattern.compile("\\s*version_number\\s*(=|!=|<=|>=|<|>)\\s*'?(\\d+)'?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final ModelRegistry registry;
    private final VersionView view;

    VersionSearch(ModelRegistry registry) {
        this.registry = registry;
        this.view = new VersionView(registry);
    }

    JsonNode search(ApiRequest request) {
        Long requested = request.int64("max_results");
        int max = requested == null ? DEFAULT_MAX : (int) Math.min(requested, Integer.MAX_VALUE);
        if (requested != null && requested < 1) {
            throw TrackingError.invalid(
                    "Invalid value for max_results. It must be a positive integer, but got " + requested);
        }
        if (max > MAX) {
            throw TrackingError.invalid("Invalid value for request parameter max_results. It must be at most " + MAX
                    + ", but got value " + requested);
        }
        Predicate<Candidate> filter = filter(request.string("filter", ""));
        List<Candidate> found = new ArrayList<>();
        for (RegisteredModel model : registry.models("")) {
            for (ModelVersion version : registry.versions(model.name())) {
                Candidate candidate = new Candidate(version, registry.versionTags(model.name(), version.version()));
                if (filter.test(candidate)) {
                    found.add(candidate);
                }
            }
        }
        List<String> orderBy = request.strings("order_by");
        found.sort(order(
                orderBy.isEmpty()
                        ? List.of("last_updated_timestamp DESC", "name ASC", "version_number DESC")
                        : orderBy));
        int offset = Offsets.parse(request.string("page_token", null));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode versions = body.putArray("model_versions");
        for (Candidate candidate :
                found.subList(Math.min(offset, found.size()), (int) Math.min((long) offset + max, found.size()))) {
            versions.add(view.json(candidate.version()));
        }
        if ((long) offset + max < found.size()) {
            body.put("next_page_token", String.valueOf(offset + max));
        }
        return body;
    }

    /** A version with its tags, as the filter sees it. */
    private record Candidate(ModelVersion version, Map<String, String> tags) {}

    private static Predicate<Candidate> filter(String filter) {
        Predicate<Candidate> all = candidate -> true;
        if (filter == null || filter.isBlank()) {
            return all;
        }
        for (String clause : AND.split(filter.strip())) {
            all = all.and(clause(clause, filter));
        }
        return all;
    }

    private static Predicate<Candidate> clause(String clause, String filter) {
        Matcher text = TEXT.matcher(clause);
        if (text.matches()) {
            String field = text.group(1).toLowerCase(Locale.ROOT);
            String tag = text.group(2) != null ? text.group(2) : text.group(3) != null ? text.group(3) : text.group(4);
            Predicate<String> test = Comparisons.text(text.group(5), text.group(6));
            return switch (field) {
                case "name" -> candidate -> test.test(candidate.version().model());
                case "run_id" -> candidate -> test.test(candidate.version().runId());
                case "source_path" ->
                    candidate -> test.test(candidate.version().source().uri());
                // As in MLflow, a version without the tag is "!=" any value (the client's prompt filter).
                default ->
                    text.group(5).equals("!=")
                            ? candidate ->
                                    !text.group(6).equals(candidate.tags().get(tag))
                            : candidate -> candidate.tags().containsKey(tag)
                                    && test.test(candidate.tags().get(tag));
            };
        }
        Matcher in = IN.matcher(clause);
        if (in.matches()) {
            List<String> values = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(in.group(3));
            while (quoted.find()) {
                values.add(quoted.group(1));
            }
            boolean negated = in.group(2).toUpperCase(Locale.ROOT).startsWith("NOT");
            boolean byName = in.group(1).equalsIgnoreCase("name");
            return candidate -> values.contains(
                            byName
                                    ? candidate.version().model()
                                    : candidate.version().runId())
                    != negated;
        }
        Matcher number = NUMBER.matcher(clause);
        if (number.matches()) {
            long value = Long.parseLong(number.group(2));
            String operator = number.group(1);
            return candidate -> Comparisons.number(operator, candidate.version().version(), value);
        }
        throw TrackingError.invalid("Invalid filter '" + filter + "': model versions are searched by name, run_id,"
                + " source_path (=, !=, LIKE, ILIKE, IN), version_number and tags.<key>, joined by AND.");
    }

    private static Comparator<Candidate> order(List<String> clauses) {
        Comparator<Candidate> order = null;
        for (String clause : clauses) {
            String[] parts = clause.strip().split("\\s+");
            boolean descending = parts.length > 1 && parts[1].equalsIgnoreCase("DESC");
            if (parts.length > 2 || (parts.length == 2 && !descending && !parts[1].equalsIgnoreCase("ASC"))) {
                throw TrackingError.invalid("Invalid order_by clause '" + clause + "'.");
            }
            Comparator<Candidate> one = switch (parts[0]) {
                case "name" ->
                    Comparator.comparing(candidate -> candidate.version().model());
                case "version_number" ->
                    Comparator.comparingInt(candidate -> candidate.version().version());
                case "creation_timestamp", "last_updated_timestamp", "timestamp" ->
                    Comparator.comparingLong(candidate -> candidate.version().createdAt());
                case "run_id" ->
                    Comparator.comparing(
                            candidate -> candidate.version().runId(), Comparator.nullsFirst(Comparator.naturalOrder()));
                default ->
                    throw TrackingError.invalid("Invalid order by key '" + parts[0] + "' specified. Valid keys are"
                            + " name, version_number, creation_timestamp, last_updated_timestamp, run_id.");
            };
            one = descending ? one.reversed() : one;
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }
}
