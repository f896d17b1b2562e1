package io.mlops.labels;

/**
 * A class given to a whole image (classification), rather than to an object on it.
 *
 * @param imageId the image
 * @param categoryId the class
 */
public record ImageLabel(long imageId, int categoryId) {}
