/**
 * Labeled data: one annotation model that every supported export format is read into.
 *
 * <p>Readers stream the labels into a {@link io.mlops.labels.LabelSink} (an image always before
 * the annotations on it, categories at any time), so validation and dataset cards work on label
 * files larger than memory. Sub-packages: {@code format} (readers and writers, one class per
 * format), {@code image} (image sizes from file headers), {@code check} (validation), {@code
 * card} (dataset cards and their HTML page), {@code drift} (class-distribution drift between two
 * cards), {@code scan} (running them together, and recording cards with snapshots).
 */
package io.mlops.labels;
