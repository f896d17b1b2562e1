package io.mlops.labels.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.labels.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Opens JSON label files with Jackson's streaming parser and turns its errors into positions. */
final class JsonInput {
    /**
     * For the formats whose records are small enough to read as trees one at a time. The suite's
     * rules ({@link Json}) hold as they are: the fast double parser (a COCO file is mostly box
     * coordinates, and the JDK's parser was a sixth of the time to read one), and bare NaN read as a
     * number, which the readers then report as a bad value where it stands instead of failing the
     * whole file as malformed.
     */
    static final ObjectMapper MAPPER = Json.mapper();

    /** The streaming factory of {@link #MAPPER}: thread-safe, one for all readers and writers. */
    static final JsonFactory FACTORY = MAPPER.getFactory();

    /**
     * Reads one element of a streamed array as a tree. The one rule added to the suite's: the rest
     * of the stream is not trailing content here (the next element follows), so the trailing-token
     * check is off; a reader checks the end of the document itself.
     */
    static final ObjectReader ELEMENT = MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern SOURCE_POSITION =
            Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    private JsonInput() {}

    /**
     * Opens a streaming parser on a file.
     *
     * @param file the label file
     * @return the parser, which closes the file when closed
     * @throws UserError when the file is missing or unreadable
     */
    static JsonParser open(Path file) {
        try {
            return FACTORY.createParser(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new UserError("no such label file: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read label file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The error for a file Jackson could not parse, naming the file, line and column.
     *
     * @param file the file as the user named it
     * @param e Jackson's exception
     * @return the error to throw
     */
    static UserError malformed(String file, JsonProcessingException e) {
        Location where = at(file, e.getLocation());
        return new UserError(where + ": malformed JSON: " + reason(e), e);
    }

    /**
     * What Jackson found wrong, without the position it repeats inside its message as
     * "[Source: REDACTED ...; line: 3, column: 7]" (the caller names the position).
     *
     * @param e Jackson's exception
     * @return the reason, e.g. "Unexpected character (',' ...)"
     */
    static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null
                ? "unknown parse error"
                : SOURCE_POSITION.matcher(message).replaceAll("line $1, column $2");
    }

    /**
     * The error for a read that failed below the parser.
     *
     * @param file the file
     * @param e the failure
     * @return the error to throw
     */
    static UserError unreadable(String file, IOException e) {
        if (e instanceof JsonProcessingException json) {
            return malformed(file, json);
        }
        return new UserError("cannot read label file " + file + ": " + e.getMessage(), e);
    }

    /**
     * A Jackson position as a label location.
     *
     * @param file the file
     * @param location Jackson's location, or null
     * @return the location
     */
    static Location at(String file, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Location.of(file);
        }
        return new Location(file, location.getLineNr(), Math.max(0, location.getColumnNr()));
    }

    /**
     * The position of the token the parser is on.
     *
     * @param file the file
     * @param parser the parser
     * @return the location
     */
    static Location at(String file, JsonParser parser) {
        return at(file, parser.currentTokenLocation());
    }
}
