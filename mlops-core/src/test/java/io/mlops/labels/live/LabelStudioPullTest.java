package io.mlops.labels.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import io.mlops.error.UserError;
import io.mlops.labels.Annotation;
import io.mlops.labels.Category;
import io.mlops.labels.LabelSet;
import io.mlops.labels.LabeledImage;
import io.mlops.labels.format.LabelFormat;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.LabelStudioProjects;
import io.mlops.testing.LabelStudioServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real Label Studio 1.23 server (one for the class: it takes a minute to start): tasks made
 * by uploading files and by importing the URL of an image host the test runs on loopback, annotated
 * through the API; then reads the pulled directory with the suite's Label Studio reader.
 */
class LabelStudioPullTest {
    @TempDir
    static Path shared;

    private static LabelStudioServer server;
    private static LabelStudioProjects api;
    private static HttpServer imageHost;
    private static final ConcurrentLinkedQueue<String> hostAuthorizations = new ConcurrentLinkedQueue<>();
    private static long pets;
    private static Map<String, byte[]> sent;
    private static String personal;

    @BeforeAll
    static void startServers() throws Exception {
        server = LabelStudioServer.start(shared.resolve("label-studio"));
        api = new LabelStudioProjects(server);
        Path cat = png(shared.resolve("cat.png"), 40, 30);
        Path dog = png(shared.resolve("dog.png"), 64, 48);
        Path bird = png(shared.resolve("bird.png"), 20, 10);
        imageHost = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        imageHost.createContext("/pictures/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            hostAuthorizations.add(auth == null ? "(none)" : auth);
            byte[] body = Files.readAllBytes(bird);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        imageHost.start();

        pets = api.createProject("pets");
        long catTask = api.upload(pets, cat);
        long dogTask = api.upload(pets, dog);
        long birdTask = api.importTask(
                pets, "http://127.0.0.1:" + imageHost.getAddress().getPort() + "/pictures/bird.png");
        api.importTask(pets, "http://127.0.0.1:" + imageHost.getAddress().getPort() + "/pictures/unlabeled.png");
        api.annotate(catTask, "cat", 40, 30, 25, 10, 50, 60);
        api.annotate(dogTask, "dog", 64, 48, 0, 0, 100, 50);
        api.annotate(birdTask, "cat", 20, 10, 10, 20, 30, 40);
        personal = api.personalAccessToken(); // one per user: Label Studio refuses a second
        sent = Map.of("cat", Files.readAllBytes(cat), "dog", Files.readAllBytes(dog), "bird", Files.readAllBytes(bird));
    }

    @AfterAll
    static void stopServers() {
        if (imageHost != null) {
            imageHost.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldPullAnnotationsAndImagesThatTheLabelStudioReaderReads(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("pulled");
        hostAuthorizations.clear();

        PullResult result = pull(LabelStudioServer.TOKEN, pets, List.of(), out);

        assertThat(result.title()).isEqualTo("pets");
        assertThat(result.tasks()).as("annotated tasks only").isEqualTo(3);
        assertThat(result.images()).isEqualTo(3);
        LabelSet labels = read(out);
        Map<String, LabeledImage> images = labels.images().stream()
                .collect(Collectors.toMap(image -> stem(image.fileName()), Function.identity()));
        assertThat(images.keySet()).containsExactlyInAnyOrder("cat", "dog", "bird");
        for (LabeledImage image : labels.images()) {
            assertThat(out.resolve(image.fileName()))
                    .as(image.fileName())
                    .hasBinaryContent(sent.get(stem(image.fileName())));
        }
        Map<Integer, String> names =
                labels.categories().stream().collect(Collectors.toMap(Category::id, Category::name));
        Map<Long, List<Annotation>> boxes = labels.annotationsByImage();
        assertBox(boxes.get(images.get("cat").id()), names, "cat", 10, 3, 20, 18);
        assertBox(boxes.get(images.get("dog").id()), names, "dog", 0, 0, 64, 24);
        assertBox(boxes.get(images.get("bird").id()), names, "cat", 2, 2, 6, 4);
        assertThat(hostAuthorizations)
                .as("the token goes to the server's origin only")
                .containsExactly("(none)");
        assertThat(dir)
                .isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("."));
    }

    @Test
    void shouldPullWithAPersonalAccessToken(@TempDir Path dir) throws Exception {
        assertThat(LabelStudioToken.of(personal, "test").personal()).isTrue();

        PullResult result = pull(personal, pets, List.of(), dir.resolve("pulled"));

        assertThat(result.images()).isEqualTo(3);
        assertThat(read(dir.resolve("pulled")).annotations()).hasSize(3);
    }

    @Test
    void shouldRefuseAWrongTokenNamingTheServerAndWriteNothing(@TempDir Path dir) throws IOException {
        String wrong = "ffffffffffffffffffffffffffffffffffffffff";
        Path out = dir.resolve("pulled");

        assertThatThrownBy(() -> pull(wrong, pets, List.of(), out))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(server.url().toString())
                .hasMessageContaining("token")
                .hasMessageNotContaining(wrong);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldRefuseAPersonalAccessTokenTheServerDidNotIssue(@TempDir Path dir) throws Exception {
        String forged = personal.substring(0, personal.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThatThrownBy(() -> pull(forged, pets, List.of(), dir.resolve("pulled")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(server.url().toString())
                .hasMessageContaining("token")
                .hasMessageNotContaining(forged);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldRefuseAProjectThatDoesNotExist(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> pull(LabelStudioServer.TOKEN, 987654, List.of(), dir.resolve("pulled")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no project 987654");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldRefuseAnImagePathThatEscapesNamingTheTask(@TempDir Path dir) throws Exception {
        long project = api.createProject("escape");
        api.annotate(api.upload(project, png(dir.resolve("ok.png"), 8, 8)), "cat", 8, 8, 0, 0, 50, 50);
        long escaping = api.importTask(project, "/data/local-files/?d=../../etc/passwd");
        api.annotate(escaping, "dog", 8, 8, 0, 0, 50, 50);
        Path out = dir.resolve("pulled");

        assertThatThrownBy(() -> pull(LabelStudioServer.TOKEN, project, List.of(), out))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("task " + escaping)
                .hasMessageContaining("../../etc/passwd");
        assertThat(out).doesNotExist();
        assertThat(dir)
                .isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("."));
    }

    @Test
    void shouldRefuseARelativeImagePathThatEscapes(@TempDir Path dir) throws Exception {
        long project = api.createProject("escape relative");
        long escaping = api.importTask(project, "../../etc/passwd.png");
        api.annotate(escaping, "dog", 8, 8, 0, 0, 50, 50);

        assertThatThrownBy(() -> pull(LabelStudioServer.TOKEN, project, List.of(), dir.resolve("pulled")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("task " + escaping)
                .hasMessageContaining("leaves");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldRefuseAnImageOnAnotherHostUnlessItIsAllowed(@TempDir Path dir) throws Exception {
        long project = api.createProject("off host");
        String elsewhere = "localhost:" + imageHost.getAddress().getPort();
        long offHost = api.importTask(project, "http://" + elsewhere + "/pictures/bird.png");
        api.annotate(offHost, "cat", 20, 10, 10, 20, 30, 40);

        assertThatThrownBy(() -> pull(LabelStudioServer.TOKEN, project, List.of(), dir.resolve("refused")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("task " + offHost)
                .hasMessageContaining("host localhost");
        assertThat(dir).isEmptyDirectory();

        PullResult allowed = pull(LabelStudioServer.TOKEN, project, List.of(elsewhere), dir.resolve("allowed"));

        assertThat(allowed.images()).isEqualTo(1);
        assertThat(dir.resolve("allowed/bird.png")).hasBinaryContent(sent.get("bird"));
    }

    @Test
    void shouldNameTheTaskWhoseImageCannotBeDownloaded(@TempDir Path dir) throws Exception {
        long project = api.createProject("unreachable");
        long missing = api.importTask(
                project, "http://127.0.0.1:" + imageHost.getAddress().getPort() + "/gone/x.png");
        api.annotate(missing, "cat", 20, 10, 10, 20, 30, 40);
        long closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long unreachable = api.importTask(project, "http://127.0.0.1:" + closed + "/pictures/y.png");
        api.annotate(unreachable, "dog", 20, 10, 10, 20, 30, 40);

        assertThatThrownBy(() -> pull(LabelStudioServer.TOKEN, project, List.of(), dir.resolve("pulled")))
                .isInstanceOf(UserError.class)
                .hasMessageMatching("(?s)task (" + missing + ": .*HTTP 404|" + unreachable + ": .*cannot reach).*");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldReplaceAPreviousPullOnlyWhenAskedTo(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("pulled");
        pull(LabelStudioServer.TOKEN, pets, List.of(), out);
        byte[] export = Files.readAllBytes(out.resolve(PullResult.EXPORT_FILE));

        assertThatThrownBy(() -> pull(LabelStudioServer.TOKEN, pets, List.of(), out))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("already exists");
        PullResult again = new LabelStudioPull(
                        new LabelStudioSource(server.url().toString(), pets, List.of()),
                        LabelStudioToken.of(LabelStudioServer.TOKEN, "test"))
                .pull(out, true, ProgressListener.NONE);

        assertThat(again.images()).isEqualTo(3);
        assertThat(out.resolve(PullResult.EXPORT_FILE))
                .as("an unchanged project pulls the same bytes, so its snapshot keeps its id")
                .hasBinaryContent(export);
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(out);
        }
    }

    private static PullResult pull(String token, long project, List<String> allowed, Path out) {
        return new LabelStudioPull(
                        new LabelStudioSource(server.url().toString(), project, allowed),
                        LabelStudioToken.of(token, "the test"))
                .pull(out, false, ProgressListener.NONE);
    }

    private static LabelSet read(Path out) {
        LabelSet.Collector sink = LabelSet.collector();
        Path export = out.resolve(PullResult.EXPORT_FILE);
        LabelFormat.LABEL_STUDIO
                .reader()
                .read(export, LabelFormat.LABEL_STUDIO.reader().defaultImages(export), sink, ProgressListener.NONE);
        return sink.labels();
    }

    private static void assertBox(
            List<Annotation> annotations, Map<Integer, String> names, String label, double... box) {
        assertThat(annotations).hasSize(1);
        Annotation annotation = annotations.getFirst();
        assertThat(names.get(annotation.categoryId())).isEqualTo(label);
        assertThat(annotation.box().x()).isCloseTo(box[0], within(1e-6));
        assertThat(annotation.box().y()).isCloseTo(box[1], within(1e-6));
        assertThat(annotation.box().width()).isCloseTo(box[2], within(1e-6));
        assertThat(annotation.box().height()).isCloseTo(box[3], within(1e-6));
    }

    /** The picture a pulled file holds: uploads get a random prefix ({@code 5f1e2a-cat.png}). */
    private static String stem(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('-') + 1);
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static Path png(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x336699 + width);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
