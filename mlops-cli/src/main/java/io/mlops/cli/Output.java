package io.mlops.cli;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.mlops.json.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Prints a command's result either for people or as JSON ({@code --json}). */
public final class Output {
    // the suite's rules (dates as ISO text), indented for people reading --json output
    private static final ObjectWriter JSON = Json.indented();

    private final PrintWriter out;
    private final boolean json;

    /**
     * Creates an output.
     *
     * @param out where to print
     * @param json whether to print JSON
     */
    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /**
     * Prints a result.
     *
     * @param value what {@code --json} prints (records, maps, lists)
     * @param text what people read
     */
    public void result(Object value, String text) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(value));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.println(text);
        }
        out.flush();
    }
}
