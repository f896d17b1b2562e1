package io.mlops.testing;

import io.mlops.objectstore.S3Clients;
import io.mlops.objectstore.S3Credentials;
import io.mlops.objectstore.S3Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: moto's server mode ({@code moto_server}, the server DVC's and
 * MLflow's own test suites use for S3), started from the test venv on a free loopback port.
 *
 * <p>Moto accepts any access key unless told to check them ({@link #startCheckingCredentials}); {@link #settings()} gives the suite the
 * endpoint, path-style addressing and the test key, and {@link #environment()} gives the same to
 * child processes ({@code dvc}, the {@code mlops} CLI).
 */
public final class MotoServer implements AutoCloseable {
    /** The access key id the tests use. */
    public static final String ACCESS_KEY = "testing";
    /** The secret the tests use. */
    public static final String SECRET_KEY = "testing-secret";
    /** The region the tests use. */
    public static final String REGION = "us-east-1";

    /** Unauthenticated actions a credential-checking server allows: the IAM calls that create its key. */
    private static final int SETUP_ACTIONS = 3;

    private final Process process;
    private final URI endpoint;
    private final List<String> log = new ArrayList<>();
    private String accessKey = ACCESS_KEY;
    private String secretKey = SECRET_KEY;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts a server and waits until it listens.
     *
     * @param program the {@code moto_server} program
     * @return the running server
     * @throws IOException when it cannot start
     */
    public static MotoServer start(Path program) throws IOException {
        return start(program, false);
    }

    /**
     * Starts a server that checks credentials as S3 does: a request signed with an unknown key id or a
     * wrong secret is refused ({@code InvalidAccessKeyId}, {@code SignatureDoesNotMatch}). Moto checks
     * once {@code INITIAL_NO_AUTH_ACTION_COUNT} unauthenticated actions are spent; those create an IAM
     * user with an allow-all policy and its access key, which {@link #settings()} and {@link
     * #environment()} then give.
     *
     * @param program the {@code moto_server} program
     * @return the running server
     * @throws IOException when it cannot start
     */
    public static MotoServer startCheckingCredentials(Path program) throws IOException {
        MotoServer server = start(program, true);
        try {
            server.createAccessKey();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static MotoServer start(Path program, boolean checkCredentials) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(program.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true);
        if (checkCredentials) {
            builder.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(SETUP_ACTIONS));
        }
        Process process = builder.start();
        process.getOutputStream().close();
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws IOException {
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            synchronized (log) {
                                log.add(line);
                            }
                            if (line.contains("Running on")) {
                                listening.complete(null);
                            }
                        }
                        listening.completeExceptionally(new IOException("moto_server exited: " + output()));
                    } catch (IOException e) {
                        listening.completeExceptionally(e);
                    }
                },
                "moto-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IOException("moto_server did not listen within 60 s: " + output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while moto_server starts", e);
        }
    }

    private void createAccessKey() throws IOException {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}";
        iam("Action=CreateUser&UserName=tester");
        iam("Action=PutUserPolicy&UserName=tester&PolicyName=all&PolicyDocument="
                + URLEncoder.encode(policy, StandardCharsets.UTF_8));
        String answer = iam("Action=CreateAccessKey&UserName=tester");
        accessKey = element(answer, "AccessKeyId");
        secretKey = element(answer, "SecretAccessKey");
    }

    /** One IAM call, unsigned: moto accepts it while its unauthenticated actions last. */
    private String iam(String form) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                // moto picks the service from the credential scope of the Authorization header
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=setup/20260101/" + REGION
                                + "/iam/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2010-05-08"))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(
                        "moto IAM " + form + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String element(String xml, String name) throws IOException {
        Matcher matcher =
                Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        if (!matcher.find()) {
            throw new IOException("moto IAM answer lacks " + name + ": " + xml);
        }
        return matcher.group(1);
    }

    /**
     * The server's endpoint URL.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Settings that reach this server with the test key.
     *
     * @return the settings
     */
    public S3Settings settings() {
        return new S3Settings(
                Optional.of(endpoint),
                Optional.of(REGION),
                true,
                Optional.of(new S3Credentials(accessKey, secretKey, Optional.empty())));
    }

    /**
     * The environment a child process needs to reach this server with the AWS default chain.
     *
     * @return variables to add to the child's environment
     */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ACCESS_KEY_ID",
                accessKey,
                "AWS_SECRET_ACCESS_KEY",
                secretKey,
                "AWS_REGION",
                REGION,
                "AWS_DEFAULT_REGION",
                REGION,
                S3Settings.ENDPOINT_S3,
                endpoint.toString());
    }

    /**
     * Creates a bucket.
     *
     * @param name the bucket
     */
    public void createBucket(String name) {
        try (S3Client client = S3Clients.open(settings(), 1)) {
            client.createBucket(request -> request.bucket(name));
        }
    }

    /**
     * What the server printed so far.
     *
     * @return its output
     */
    public String output() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
