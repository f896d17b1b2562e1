package io.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops data gc} after a real {@code mlops data snapshot} process is killed mid-copy. */
class DataGcTest {
    private static final int SIZE = 256 * 1024 * 1024;

    @TempDir
    Path directory;

    @Test
    void shouldRemoveWhatAKilledSnapshotLeftAndNothingElse() throws Exception {
        Path home = directory.resolve("home");
        Path data = Files.createDirectories(directory.resolve("data"));
        writeRandom(data.resolve("big.bin"));
        Path cache = home.resolve("cache");

        Process snapshot = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--home",
                        home.toString(),
                        "data",
                        "snapshot",
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("snapshot.log").toFile())
                .start();
        Optional<Path> partial = Optional.empty();
        try {
            // Wait (bounded) for the copy into the cache to begin, then kill -9 the process mid-copy.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (partial.isEmpty() && snapshot.isAlive() && System.nanoTime() < deadline) {
                partial = temporaries(cache).stream().findFirst();
                Thread.onSpinWait();
            }
        } finally {
            snapshot.destroyForcibly().waitFor();
        }
        assertThat(partial).as("the snapshot began copying into the cache").isPresent();
        assertThat(temporaries(cache))
                .as("the killed copy left its partial file")
                .isNotEmpty();
        long left = Files.size(temporaries(cache).get(0));

        StringWriter young = new StringWriter();
        assertThat(mlops(home, young, "data", "gc")).isZero();
        assertThat(young.toString()).contains("removed 0 abandoned temporary files");
        assertThat(temporaries(cache))
                .as("the default grace spares a fresh file")
                .isNotEmpty();

        StringWriter out = new StringWriter();
        assertThat(mlops(home, out, "data", "gc", "--grace", "0s", "--json")).isZero();
        assertThat(out.toString()).contains("\"files\" : 1").contains("\"bytes\" : " + left);
        assertThat(temporaries(cache)).isEmpty();

        // The snapshot then completes, and gc leaves its objects alone.
        assertThat(mlops(home, new StringWriter(), "data", "snapshot", data.toString()))
                .isZero();
        List<Path> objects = files(cache);
        assertThat(mlops(home, new StringWriter(), "data", "gc", "--grace", "0s"))
                .isZero();
        assertThat(files(cache)).containsExactlyInAnyOrderElementsOf(objects).isNotEmpty();
    }

    private static int mlops(Path home, StringWriter out, String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return Main.run(all, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of());
    }

    private static void writeRandom(Path file) throws IOException {
        Random random = new Random(15);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < SIZE / chunk.length; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    private static List<Path> temporaries(Path cache) throws IOException {
        return files(cache).stream()
                .filter(file -> file.getFileName().toString().endsWith(".tmp"))
                .toList();
    }

    private static List<Path> files(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(cache)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a file vanished during the walk: look again
        }
    }
}
