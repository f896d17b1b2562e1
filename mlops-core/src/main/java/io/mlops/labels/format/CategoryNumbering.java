package io.mlops.labels.format;

import io.mlops.labels.Category;
import io.mlops.labels.LabelSink;
import io.mlops.labels.Location;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers categories by name, 1, 2, 3... in order of first appearance, for the formats that name
 * classes without numbering them (Pascal VOC, Label Studio, CVAT).
 *
 * <p>Names are kept exactly as written: {@code Car} and {@code car } become two categories, which
 * validation then reports as names that differ only in case or white space.
 */
final class CategoryNumbering {
    private final Map<String, Integer> ids = new HashMap<>();
    private final LabelSink sink;

    CategoryNumbering(LabelSink sink) {
        this.sink = sink;
    }

    /**
     * Declares a category (e.g. from a label list), emitting it when new.
     *
     * @param name the class name
     * @param where where it was declared
     * @return its id
     */
    int idOf(String name, Location where) {
        Integer known = ids.get(name);
        if (known != null) {
            return known;
        }
        int id = ids.size() + 1;
        ids.put(name, id);
        sink.category(Category.of(id, name), where);
        return id;
    }

    /**
     * Whether a name was declared.
     *
     * @param name the class name
     * @return true when it has an id
     */
    boolean known(String name) {
        return ids.containsKey(name);
    }
}
