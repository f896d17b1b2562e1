package io.mlops.labels.card;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A dataset card as recorded with a snapshot.
 *
 * @param snapshotId the snapshot it describes
 * @param cardObject the MD5 of the card's JSON, its object name in the snapshot's cache
 * @param labelFormat the format the labels were read in, e.g. {@code coco}
 * @param labelPath the label file or directory, absolute
 * @param recordedAt when it was recorded
 * @param card the card
 */
public record RecordedCard(
        String snapshotId,
        String cardObject,
        String labelFormat,
        String labelPath,
        Instant recordedAt,
        DatasetCard card)
        implements Serializable {
    /** Validates the record. */
    public RecordedCard {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(labelFormat, "labelFormat");
        Objects.requireNonNull(labelPath, "labelPath");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(card, "card");
        if (cardObject == null || !cardObject.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("card objects are named by an MD5: " + cardObject);
        }
    }
}
