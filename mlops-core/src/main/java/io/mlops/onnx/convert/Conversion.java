package io.mlops.onnx.convert;

import io.mlops.error.UserError;
import io.mlops.onnx.GraphOptimizer;
import io.mlops.onnx.ModelCard;
import io.mlops.onnx.ModelSession;
import io.mlops.onnx.NdArray;
import io.mlops.onnx.Npy;
import io.mlops.onnx.Optimization;
import io.mlops.onnx.SessionSettings;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Converts a trained model to ONNX and proves the result answers as the source did: the converter
 * runs in Python, the proof in ONNX Runtime Java on the same inputs. Nothing is written to
 * {@code out} unless the proof holds.
 */
public final class Conversion {
    private final PythonConverter python = new PythonConverter();

    /**
     * Converts, proves, optionally optimizes and proves again, then saves.
     *
     * @param request what to convert
     * @param progress told about each phase
     * @return the card and the proofs
     * @throws UserError when conversion fails or the outputs differ (naming the worst element)
     */
    public ConversionResult convert(ConversionRequest request, ProgressListener progress) {
        request.converter().validate(request);
        Path work = workDirectory(request.out());
        try {
            progress.begin(
                    "converting " + request.model() + " (" + request.converter().framework() + ")", -1, -1);
            ConverterOutput output;
            try {
                output = python.convert(request, work);
            } finally {
                progress.end();
            }
            Map<String, NdArray> inputs = Npy.readArchive(output.inputs());
            Map<String, NdArray> reference = Npy.readArchive(output.reference());
            EqualityProof proof = prove(output.onnx(), inputs, reference, request);
            proof.require("the converted model");
            Path saved = output.onnx();
            EqualityProof optimizedProof = null;
            if (request.optimization() != Optimization.NONE) {
                Path optimized = work.resolve("optimized.onnx");
                GraphOptimizer.optimize(output.onnx(), request.optimization(), optimized);
                optimizedProof = prove(optimized, inputs, reference, request);
                optimizedProof.require("the model optimized at level " + request.optimization());
                saved = optimized;
            }
            Path out = request.out().toAbsolutePath();
            Files.createDirectories(out.getParent());
            Path staged = work.resolve("staged.onnx");
            Files.copy(saved, staged);
            moveInto(staged, out);
            ModelCard card = ModelCard.read(request.out());
            return new ConversionResult(
                    request.converter().framework(),
                    output.converter(),
                    output.frameworkVersion(),
                    card,
                    proof,
                    request.optimization(),
                    optimizedProof);
        } catch (IOException e) {
            throw new UserError("cannot write " + request.out() + ": " + e.getMessage(), e);
        } finally {
            delete(work);
        }
    }

    private static EqualityProof prove(
            Path model, Map<String, NdArray> inputs, Map<String, NdArray> reference, ConversionRequest request) {
        // Plain settings: the proof is about the graph as saved, not about a device's kernels.
        try (ModelSession session =
                ModelSession.open(model, new SessionSettings(io.mlops.onnx.Device.CPU, 0, Optimization.NONE))) {
            Map<String, NdArray> actual = session.run(inputs);
            return EqualityProof.compare(reference, actual, request.outputTolerances(), request.tolerance());
        }
    }

    // The work directory sits next to the output so that the final move stays on one file system.
    private static Path workDirectory(Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, ".mlops-convert-");
        } catch (IOException e) {
            throw new UserError("cannot create a work directory next to " + out + ": " + e.getMessage(), e);
        }
    }

    private static void moveInto(Path staged, Path out) throws IOException {
        try {
            Files.move(staged, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the work directory " + directory, e);
        }
    }
}
