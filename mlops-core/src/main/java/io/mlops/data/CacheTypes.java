package io.mlops.data;

import io.mlops.error.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * DVC's {@code cache.type}: the link types to try, in order of preference, when a workspace file is
 * tied to the cache (on checkout, and after a snapshot stores a file).
 *
 * @param types at least one type, no repeats
 */
public record CacheTypes(List<LinkType> types) {
    /** DVC's default, {@code reflink,copy}: a clone where the file system can, else a copy. */
    public static final CacheTypes DEFAULT = new CacheTypes(List.of(LinkType.REFLINK, LinkType.COPY));

    /** Validates and copies the list. */
    public CacheTypes {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no cache types");
        }
        if (types.stream().distinct().count() != types.size()) {
            throw new IllegalArgumentException("a cache type is repeated: " + types);
        }
        types = List.copyOf(types);
    }

    /**
     * Parses DVC's comma list, e.g. {@code hardlink,symlink} (quotes allowed, as DVC writes them).
     *
     * @param value the setting
     * @param source where it was read, for the error message
     * @return the types
     * @throws UserError on an empty list or an unknown type
     */
    public static CacheTypes parse(String value, String source) {
        String list = value.strip();
        if (list.length() >= 2
                && (list.startsWith("\"") && list.endsWith("\"") || list.startsWith("'") && list.endsWith("'"))) {
            list = list.substring(1, list.length() - 1);
        }
        List<LinkType> types = new ArrayList<>();
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            LinkType type = LinkType.parse(name, source);
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        if (types.isEmpty()) {
            throw new UserError(source + ": cache.type is empty; give reflink, hardlink, symlink or copy");
        }
        return new CacheTypes(types);
    }

    /**
     * The first type to try.
     *
     * @return the preferred type
     */
    public LinkType first() {
        return types.getFirst();
    }

    @Override
    public String toString() {
        return String.join(",", types.stream().map(LinkType::dvcName).toList());
    }
}
