package io.mlops.labels.card;

import java.util.Optional;

/** Where the dataset cards of snapshots are kept: the suite's metadata store. */
public interface CardCatalog {
    /**
     * Records a card; recording the same card for the same snapshot again updates its time.
     *
     * @param card the card and what it describes
     */
    void record(RecordedCard card);

    /**
     * The card recorded last for a snapshot.
     *
     * @param snapshotId the snapshot id
     * @return the card, or empty when none was recorded
     */
    Optional<RecordedCard> latest(String snapshotId);
}
