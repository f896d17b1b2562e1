package io.mlops.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The YAML side of {@link Json}: the same mapper rules (trailing content refused, unknown properties
 * ignored, dates as ISO text, nesting and number limits) for the YAML files the suite reads and writes
 * (DVC pointers, YOLO {@code data.yaml}, preprocessing files).
 *
 * <p>It needs {@code jackson-dataformat-yaml}, an optional dependency of this module: a module that
 * reads YAML (core) declares it, the inference agent does not and never loads this class.
 */
public final class Yaml {
    private static final ObjectMapper SHARED = builder().build();

    private Yaml() {}

    /**
     * The suite's rules as a YAML builder, for a mapper that needs one more rule of its own. It writes
     * without the {@code ---} document marker and with quotes only where YAML needs them, as people
     * write these files.
     *
     * @return a new builder holding the suite's rules
     */
    public static YAMLMapper.Builder builder() {
        YAMLFactory factory = YAMLFactory.builder()
                .streamReadConstraints(Json.LIMITS)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        return Json.withRules(YAMLMapper.builder(factory));
    }

    /**
     * The shared YAML mapper. It is thread-safe; never reconfigure it (use {@link #builder()}).
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }
}
