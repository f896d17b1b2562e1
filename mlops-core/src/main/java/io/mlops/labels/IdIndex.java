package io.mlops.labels;

import java.util.Arrays;

/**
 * Gives each distinct id (an image id, say) a dense index 0, 1, 2... in order of first sight.
 *
 * <p>An open-addressing table of primitive longs: a million image ids take 24 MB as boxed map
 * entries but 12 MB here, and lookups, which happen once per annotation, allocate nothing.
 */
public final class IdIndex {
    private static final int EMPTY = -1;

    private long[] keys = new long[16];
    private int[] values = filled(16);
    private int size;

    /** Creates an empty index. */
    public IdIndex() {
        // the table grows as ids are added
    }

    /**
     * The index of an id, assigning the next one when the id is new.
     *
     * @param id the id
     * @return its index
     */
    public int add(long id) {
        int slot = find(id);
        if (values[slot] != EMPTY) {
            return values[slot];
        }
        keys[slot] = id;
        values[slot] = size;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
        return size - 1;
    }

    /**
     * The index of an id.
     *
     * @param id the id
     * @return its index, or -1 when the id was never added
     */
    public int indexOf(long id) {
        return values[find(id)];
    }

    /**
     * How many distinct ids were added.
     *
     * @return the next index to be assigned
     */
    public int size() {
        return size;
    }

    private int find(long id) {
        int mask = keys.length - 1;
        int slot = mix(id) & mask;
        while (values[slot] != EMPTY && keys[slot] != id) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = filled(keys.length);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int mix(long id) {
        // ids are often consecutive: spread them over the table (the murmur3 finalizer)
        long h = id;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    private static int[] filled(int length) {
        int[] array = new int[length];
        Arrays.fill(array, EMPTY);
        return array;
    }
}
