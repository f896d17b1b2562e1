package io.mlops.tracking;

import java.io.Serializable;
import java.util.List;

/**
 * One page of search results.
 *
 * @param items the results
 * @param nextPageToken where the next page starts, or null on the last page
 * @param <T> what was searched
 */
public record Page<T extends Serializable>(List<T> items, String nextPageToken) implements Serializable {
    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }
}
