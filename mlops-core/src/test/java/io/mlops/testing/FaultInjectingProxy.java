package io.mlops.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 proxy between the S3 client and moto that injects the faults real object stores
 * show: {@code 503 SlowDown} for the first N requests of a kind, response bodies cut mid-stream, and
 * after a number of uploads a dead server (every connection closed), as when the pushing machine loses
 * the network or is killed. It counts the requests it forwarded per kind.
 *
 * <p>A kind is the method plus {@code LIST} for listings, {@code PART} for multipart part uploads, so
 * {@code "PUT"} counts whole-object uploads, {@code "GET"} object downloads.
 */
public final class FaultInjectingProxy implements AutoCloseable {
    private final URI upstream;
    private final ServerSocket listener;
    private final Map<String, AtomicInteger> slowDowns = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();
    private final AtomicInteger cutBodies = new AtomicInteger();
    private final AtomicInteger uploadsBeforeDeath = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger uploadsBeforeHold = new AtomicInteger(Integer.MAX_VALUE);
    private final java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
    private final Thread acceptor;

    private FaultInjectingProxy(URI upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
        this.acceptor = Thread.ofPlatform().daemon().name("fault-proxy").start(this::acceptAll);
    }

    /**
     * Starts a proxy on a free loopback port.
     *
     * @param upstream the real server
     * @return the running proxy
     * @throws IOException when no port can be opened
     */
    public static FaultInjectingProxy start(URI upstream) throws IOException {
        return new FaultInjectingProxy(upstream, new ServerSocket(0, 64, InetAddress.getLoopbackAddress()));
    }

    /**
     * The proxy's endpoint, to give the client instead of the server's.
     *
     * @return e.g. {@code http://127.0.0.1:40124}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /**
     * Answers the next {@code count} requests of a kind with {@code 503 SlowDown}.
     *
     * @param kind e.g. {@code "PUT"}
     * @param count how many
     */
    public void slowDown(String kind, int count) {
        slowDowns.computeIfAbsent(kind, k -> new AtomicInteger()).set(count);
    }

    /**
     * Cuts the next {@code count} object download bodies half-way and closes the connection.
     *
     * @param count how many
     */
    public void cutDownloads(int count) {
        cutBodies.set(count);
    }

    /**
     * Lets {@code count} more uploads through, then closes every connection without an answer.
     *
     * @param count how many uploads still succeed
     */
    public void dieAfterUploads(int count) {
        uploadsBeforeDeath.set(count);
    }

    /**
     * Lets {@code count} more uploads through, then holds every further upload unanswered (the client
     * waits, as on a hung network), so that a test can kill the client mid-push.
     *
     * @param count how many uploads still succeed
     */
    public void holdAfterUploads(int count) {
        uploadsBeforeHold.set(count);
    }

    /**
     * Waits until an upload is being held.
     *
     * @param timeout the longest wait
     * @return true when one is held
     * @throws InterruptedException when interrupted
     */
    public boolean awaitHeld(java.time.Duration timeout) throws InterruptedException {
        return holding.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Forwards everything again. */
    public void heal() {
        uploadsBeforeHold.set(Integer.MAX_VALUE);
        uploadsBeforeDeath.set(Integer.MAX_VALUE);
        slowDowns.clear();
        cutBodies.set(0);
    }

    /**
     * How many requests of a kind reached the server.
     *
     * @param kind e.g. {@code "PUT"}
     * @return the count
     */
    public int forwarded(String kind) {
        AtomicInteger count = forwarded.get(kind);
        return count == null ? 0 : count.get();
    }

    /** Forgets the counts. */
    public void resetCounts() {
        forwarded.clear();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                InputStream in = new BufferedInputStream(client.getInputStream());
                OutputStream out = client.getOutputStream()) {
            while (true) {
                Head request = Head.read(in);
                if (request == null) {
                    return;
                }
                String expect = request.header("expect");
                if (expect != null && expect.equalsIgnoreCase("100-continue")) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    request.headers().remove(request.name("expect"));
                }
                byte[] body = readBody(in, request);
                String kind = kindOf(request);
                if (kind.equals("PUT") || kind.equals("PART")) {
                    if (uploadsBeforeDeath.getAndDecrement() <= 0) {
                        return; // the server is gone: no answer, the connection just closes
                    }
                    if (uploadsBeforeHold.getAndDecrement() <= 0) {
                        holding.countDown();
                        in.read(); // until the client goes away: it is killed
                        return;
                    }
                }
                AtomicInteger slow = slowDowns.get(kind);
                if (slow != null && slow.getAndDecrement() > 0) {
                    byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                                    + "<Message>Please reduce your request rate.</Message></Error>")
                            .getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                                    + error.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(error);
                    out.flush();
                    continue;
                }
                forwarded.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                Response response = forward(request, body);
                if (kind.equals("GET") && response.body.length > 1 && cutBodies.getAndDecrement() > 0) {
                    out.write(response.head(response.body.length));
                    out.write(response.body, 0, response.body.length / 2);
                    out.flush();
                    return; // cut mid-body
                }
                out.write(response.head(request.method().equals("HEAD") ? -1 : response.body.length));
                out.write(response.body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String kindOf(Head request) {
        String target = request.target();
        if (request.method().equals("GET") && target.contains("list-type=")) {
            return "LIST";
        }
        if (request.method().equals("PUT") && target.contains("partNumber=")) {
            return "PART";
        }
        return request.method();
    }

    private Response forward(Head request, byte[] body) throws IOException {
        try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
            OutputStream out = server.getOutputStream();
            StringBuilder head = new StringBuilder(request.startLine()).append("\r\n");
            request.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("connection")) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(server.getInputStream());
            Head response = Head.read(in);
            if (response == null) {
                throw new IOException("upstream closed without an answer");
            }
            byte[] responseBody = request.method().equals("HEAD") ? new byte[0] : readBody(in, response);
            return new Response(response, responseBody);
        }
    }

    private static byte[] readBody(InputStream in, Head head) throws IOException {
        String length = head.header("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.trim()));
        }
        String encoding = head.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    head.headers().remove(head.name("transfer-encoding"));
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        if (head.startLine().startsWith("HTTP/")) {
            return in.readAllBytes(); // until the server closes, as asked
        }
        return new byte[0];
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c < 0 && line.isEmpty()) {
            return null;
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        acceptor.interrupt();
    }

    /** A request or response head. */
    private record Head(String startLine, Map<String, String> headers) {
        static Head read(InputStream in) throws IOException {
            String start = line(in);
            while (start != null && start.isEmpty()) {
                start = line(in);
            }
            if (start == null) {
                return null;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).trim(),
                        header.substring(colon + 1).trim());
            }
            return new Head(start, headers);
        }

        String method() {
            return startLine.split(" ")[0];
        }

        String target() {
            return startLine.split(" ")[1];
        }

        String name(String lowerCase) {
            return headers.keySet().stream()
                    .filter(n -> n.equalsIgnoreCase(lowerCase))
                    .findFirst()
                    .orElse(lowerCase);
        }

        String header(String lowerCase) {
            return headers.get(name(lowerCase));
        }
    }

    /** A buffered response, sent back with a fresh length. */
    private record Response(Head head, byte[] body) {
        /** The head with a length of {@code length}, or the server's own when -1 (a HEAD answer). */
        byte[] head(int length) {
            StringBuilder text = new StringBuilder(head.startLine()).append("\r\n");
            if (length < 0) {
                head.headers().forEach((name, value) -> {
                    if (!name.equalsIgnoreCase("connection")) {
                        text.append(name).append(": ").append(value).append("\r\n");
                    }
                });
                return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            List<String> skip = new ArrayList<>(List.of("content-length", "connection", "transfer-encoding"));
            head.headers().forEach((name, value) -> {
                if (!skip.contains(name.toLowerCase(Locale.ROOT))) {
                    text.append(name).append(": ").append(value).append("\r\n");
                }
            });
            text.append("Content-Length: ").append(length).append("\r\n\r\n");
            return text.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
