package io.mlops.onnx.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.onnx.RuntimeSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a converter script of the suite in the user's Python environment, where the framework and
 * its converter are installed, and reads back what it produced.
 */
public final class PythonConverter {
    /** The scripts' exit status for a missing package (see mlops_convert.py). */
    static final int MISSING_PACKAGE = 3;

    private static final String COMMON = "mlops_convert.py";
    private static final int LOG_LINES_SHOWN = 40;

    private final ObjectMapper json = Json.mapper();

    /**
     * Converts the request's model into {@code work/model.onnx}.
     *
     * @param request what to convert
     * @param work an empty directory for the script and its outputs
     * @return the files produced and the converter's report
     * @throws UserError when Python, the framework or the converter is missing, or conversion
     *     fails (with the converter's stderr)
     */
    public ConverterOutput convert(ConversionRequest request, Path work) {
        Converter converter = request.converter();
        Path script = extract(converter.script(), work);
        extract(COMMON, work);
        Path onnx = work.resolve("model.onnx");
        Path inputs = work.resolve("inputs.npz");
        Path reference = work.resolve("reference.npz");
        List<String> command = new ArrayList<>(List.of(
                request.python().toString(),
                script.toString(),
                "--model",
                request.model().toAbsolutePath().toString(),
                "--out",
                onnx.toString(),
                "--max-opset",
                Long.toString(RuntimeSupport.MAX_OPSET),
                "--inputs",
                inputs.toString(),
                "--reference",
                reference.toString()));
        if (request.opset() != 0) {
            command.addAll(List.of("--opset", Integer.toString(request.opset())));
        }
        if (request.sampleInput() != null) {
            command.addAll(List.of(
                    "--sample-input", request.sampleInput().toAbsolutePath().toString()));
        }
        if (request.modelClass() != null) {
            command.addAll(List.of("--model-class", request.modelClass()));
        }
        Finished run = run(command, request);
        String last = lastLine(run.stdout());
        if (run.status() == MISSING_PACKAGE) {
            JsonNode missing = parse(last, run);
            throw new UserError(
                    "converting " + request.model() + " with " + converter.framework() + " needs the Python "
                            + "module '" + missing.path("missing_module").asText() + "', which " + request.python()
                            + " cannot import: install it with `" + request.python() + " -m pip install "
                            + missing.path("pip").asText() + "` (the " + converter.framework() + " converter uses "
                            + String.join(", ", converter.pipPackages()) + ")");
        }
        if (run.status() != 0) {
            throw new UserError("converting " + request.model() + " with " + converter.framework() + " failed (exit "
                    + run.status() + "); the converter said:\n" + tail(run.stderr()));
        }
        JsonNode summary = parse(last, run);
        return new ConverterOutput(
                onnx,
                inputs,
                reference,
                summary.path("converter").asText(),
                summary.path("framework_version").asText(),
                summary.path("opset").asInt(),
                run.stderr());
    }

    private record Finished(int status, String stdout, String stderr) {}

    private static Finished run(List<String> command, ConversionRequest request) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // The scripts' own imports must not pick up a stale bytecode cache or user site noise.
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
            process = builder.start();
        } catch (IOException e) {
            throw new UserError(
                    "cannot run Python '" + request.python() + "' (" + e.getMessage()
                            + "); give the interpreter of the environment with the framework installed: --python PATH",
                    e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            int status = process.waitFor();
            return new Finished(status, stdout, stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while converting " + request.model(), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode parse(String line, Finished run) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UserError(
                    "the converter's report is not JSON: '" + line + "'; it said:\n" + tail(run.stderr()), e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String tail(String text) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - LOG_LINES_SHOWN);
        return (from > 0 ? "...\n" : "") + String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private static Path extract(String resource, Path work) {
        try (InputStream in = PythonConverter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("converter script missing from the build: " + resource);
            }
            Path target = work.resolve(resource);
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the converter script into " + work, e);
        }
    }
}
