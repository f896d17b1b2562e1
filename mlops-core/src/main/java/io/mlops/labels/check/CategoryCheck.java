package io.mlops.labels.check;

import io.mlops.labels.Category;
import io.mlops.labels.Finding;
import io.mlops.labels.Location;
import io.mlops.labels.Severity;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks categories: duplicate ids, duplicate names, names that differ only in case or white
 * space, ids used but never defined, and categories never used.
 *
 * <p>Use of an undefined id is decided at the end, since COCO files usually define their
 * categories after the annotations that use them; until then only a count and the first use of
 * each id are kept.
 */
final class CategoryCheck {
    private final Findings findings;
    private final Map<Integer, Category> byId = new LinkedHashMap<>();
    private final Map<Integer, Location> definedAt = new HashMap<>();
    private final Map<String, Category> byName = new HashMap<>();
    private final Map<String, Category> byNormalizedName = new HashMap<>();
    private final Map<Integer, Usage> usage = new HashMap<>();

    CategoryCheck(Findings findings) {
        this.findings = findings;
    }

    void define(Category category, Location where) {
        String subject = "category " + category.id();
        Category sameId = byId.putIfAbsent(category.id(), category);
        if (sameId != null) {
            findings.add(new Finding(
                    Severity.ERROR,
                    "duplicate-category-id",
                    where,
                    subject,
                    "is defined twice, as '" + sameId.name() + "' and as '" + category.name()
                            + "'; the first is kept"));
            return;
        }
        definedAt.put(category.id(), where);
        Category sameName = byName.putIfAbsent(category.name(), category);
        if (sameName != null) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "duplicate-category-name",
                    where,
                    subject,
                    "is named '" + category.name() + "' like category " + sameName.id()
                            + "; counts and drift merge them by name"));
            return;
        }
        Category variant = byNormalizedName.putIfAbsent(normalized(category.name()), category);
        if (variant != null) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "category-name-variant",
                    where,
                    subject,
                    "'" + category.name() + "' and '" + variant.name() + "' (category " + variant.id()
                            + ") differ only in case or white space: probably one class labeled two ways"));
        }
    }

    void use(int categoryId, Location where, String kind, long id) {
        Usage known = usage.get(categoryId);
        if (known == null) {
            usage.put(categoryId, new Usage(where, kind + id));
        } else {
            known.count++;
        }
    }

    /** Reports the ids used without a definition and the categories never used; call once, at the end. */
    void finish() {
        usage.forEach((id, used) -> {
            if (!byId.containsKey(id)) {
                findings.add(new Finding(
                        Severity.ERROR,
                        "unknown-category",
                        used.first,
                        used.firstSubject,
                        used.count + (used.count == 1 ? " label uses" : " labels use") + " category id " + id
                                + ", which no category defines (this is the first)"));
            }
        });
        byId.values().forEach(category -> {
            if (!usage.containsKey(category.id())) {
                findings.add(new Finding(
                        Severity.INFO,
                        "category-unused",
                        definedAt.get(category.id()),
                        "category " + category.id(),
                        "'" + category.name() + "' is defined but no label uses it"));
            }
        });
    }

    int defined() {
        return byId.size();
    }

    /** Case, and runs of white space, are not what tells two classes apart. */
    static String normalized(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** How often an id was used, and where first. */
    private static final class Usage {
        private final Location first;
        private final String firstSubject;
        private long count = 1;

        Usage(Location first, String firstSubject) {
            this.first = first;
            this.firstSubject = firstSubject;
        }
    }
}
