package io.mlops.labels.card;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of a dataset card, stored with snapshots: compact and byte-for-byte the same for
 * the same card, so that its MD5 names it in the object cache.
 */
public final class CardJson {
    // the suite's rules ignore unknown properties: a card written by a newer version still reads
    private static final ObjectMapper JSON = Json.mapper();

    private CardJson() {}

    /**
     * Writes a card.
     *
     * @param card the card
     * @return UTF-8 JSON bytes
     */
    public static byte[] write(DatasetCard card) {
        try {
            return JSON.writeValueAsString(card).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dataset card always serializes", e);
        }
    }

    /**
     * Reads a card.
     *
     * @param json the JSON text
     * @param source where it came from, for the error message
     * @return the card
     * @throws UserError when the text is not a card this version reads
     */
    public static DatasetCard read(String json, String source) {
        try {
            return JSON.readValue(json, DatasetCard.class);
        } catch (JsonProcessingException e) {
            throw new UserError("dataset card " + source + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
