package io.mlops.registry.http;

import io.mlops.registry.RegisteredModel;
import io.mlops.tracking.TrackingError;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of MLflow's registered-model search filter this server understands: clauses joined by
 * {@code AND}, each {@code name = | LIKE | ILIKE '...'} or {@code tag.`key` = | != '...'}. MLflow's
 * client adds {@code tag.`mlflow.prompt.is_prompt` != 'true'} to every search, to leave prompts out.
 */
final class ModelFilter {
    private static final Pattern AND = Pattern.compile("\\s+AND\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME =
            Pattern.compile("\\s*name\\s*(=|LIKE|ILIKE)\\s*'([^']*)'\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG =
            Pattern.compile("\\s*tags?\\.(?:`([^`]+)`|([\\w.]+))\\s*(=|!=)\\s*'([^']*)'\\s*", Pattern.CASE_INSENSITIVE);

    private ModelFilter() {}

    static Predicate<RegisteredModel> parse(String filter) {
        Predicate<RegisteredModel> all = model -> true;
        if (filter == null || filter.isBlank()) {
            return all;
        }
        for (String clause : AND.split(filter.strip())) {
            all = all.and(clause(clause, filter));
        }
        return all;
    }

    private static Predicate<RegisteredModel> clause(String clause, String filter) {
        Matcher name = NAME.matcher(clause);
        if (name.matches()) {
            String value = name.group(2);
            if (name.group(1).equals("=")) {
                return model -> model.name().equals(value);
            }
            LikePattern like = LikePattern.of(value, name.group(1).equalsIgnoreCase("ILIKE"));
            return model -> like.matches(model.name());
        }
        Matcher tag = TAG.matcher(clause);
        if (tag.matches()) {
            String key = tag.group(1) != null ? tag.group(1) : tag.group(2);
            String value = tag.group(4);
            boolean equal = tag.group(3).equals("=");
            return model -> value.equals(model.tags().get(key)) == equal;
        }
        throw TrackingError.invalid("Unsupported filter '" + filter + "': this server searches registered models by"
                + " name = | LIKE | ILIKE '...' and tag.`key` = | != '...', joined by AND.");
    }
}
