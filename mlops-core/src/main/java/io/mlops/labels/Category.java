package io.mlops.labels;

import java.io.Serializable;
import java.util.Objects;

/**
 * A class objects are labeled with.
 *
 * @param id the id annotations refer to (the format's own id, or assigned in order of appearance)
 * @param name the class name as written in the labels
 * @param supercategory COCO's parent class name, or empty
 */
public record Category(int id, String name, String supercategory) implements Serializable {
    /** Validates the category; a missing supercategory (null, as a file without one reads) is empty. */
    public Category {
        Objects.requireNonNull(name, "name");
        supercategory = supercategory == null ? "" : supercategory;
    }

    /**
     * A category without a parent class.
     *
     * @param id the id
     * @param name the name
     * @return the category
     */
    public static Category of(int id, String name) {
        return new Category(id, name, "");
    }
}
