package io.mlops.eval.coco;

import java.io.Serializable;

/**
 * A category of a COCO set.
 *
 * @param id the category id the annotations use
 * @param name its name, e.g. {@code person}
 */
public record CocoCategory(int id, String name) implements Serializable {}
