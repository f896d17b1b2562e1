package io.mlops.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one place that decides how the suite reads and writes JSON: numbers, NaN and infinities, dates,
 * trailing content and the size limits of a document. Every mapper of the suite starts here, so a rule
 * changes once for all of them; a protocol that spells something its own way (V2 tensors, MLflow) adds
 * that one rule to {@link #builder()}.
 *
 * <ul>
 *   <li>Numbers: {@code NaN}, {@code Infinity} and {@code -Infinity} are read as the literals Python's
 *       {@code json} module writes (the spelling the V2 protocol and Triton accept); they are written as
 *       quoted strings, the only form strict JSON parsers take. Doubles are parsed with the fast parser.
 *   <li>Dates: {@code java.time} values are written as ISO-8601 text, never as numbers.
 *   <li>Trailing content after the document is an error, so {@code {"a":1} garbage} is refused.
 *   <li>Unknown properties are ignored, so a newer writer's file still reads.
 *   <li>Limits: a number has at most 1,000 characters and a document at most 200 levels of nesting.
 * </ul>
 */
public final class Json {
    /** The size limits of a document, shared with {@link Yaml}. */
    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNumberLength(1_000)
            .maxNestingDepth(200)
            .build();

    private static final ObjectMapper SHARED = builder().build();

    private static final ObjectWriter INDENTED = SHARED.writerWithDefaultPrettyPrinter();

    private Json() {}

    /**
     * The suite's rules as a builder, for a mapper that needs one more rule of its own.
     *
     * @return a new builder holding the suite's JSON rules
     */
    public static JsonMapper.Builder builder() {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .streamReadConstraints(LIMITS)
                .build();
        return withRules(JsonMapper.builder(factory));
    }

    /**
     * The suite's mapper rules (trailing content, unknown properties, dates) on a builder of another
     * format, for {@link Yaml}; the stream rules (numbers, limits) belong to that format's factory.
     *
     * @param builder the format's builder
     * @param <M> the mapper type
     * @param <B> the builder type
     * @return the same builder, with the rules
     */
    static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B withRules(B builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(new JavaTimeModule());
    }

    /**
     * The shared mapper with the suite's rules. It is thread-safe; never reconfigure it (use
     * {@link #builder()} for a variant).
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }

    /**
     * A writer with the suite's rules that indents, for files and output people read.
     *
     * @return the shared indenting writer (immutable, thread-safe)
     */
    public static ObjectWriter indented() {
        return INDENTED;
    }
}
