package io.mlops.registry.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): it keeps every request and answers with
 * the statuses it is given in turn, repeating the last; it can be made to hold each request until
 * released, like a slow receiver.
 */
final class Receiver implements AutoCloseable {
    /** A request as received. */
    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final CountDownLatch release;
    private final Semaphore arrived = new Semaphore(0);

    private Receiver(int[] statuses, CountDownLatch release) throws IOException {
        this.release = release;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes()));
            }
            arrived.release();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int n = answered.getAndIncrement();
            exchange.sendResponseHeaders(statuses[Math.min(n, statuses.length - 1)], -1);
            exchange.close();
        });
        server.start();
    }

    static Receiver answering(int... statuses) throws IOException {
        return new Receiver(statuses, new CountDownLatch(0));
    }

    static Receiver holding(CountDownLatch release, int... statuses) throws IOException {
        return new Receiver(statuses, release);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /**
     * Waits until the n-th request arrived (counting every request since the receiver started).
     *
     * @param n how many requests
     * @throws AssertionError when they did not come within a minute
     */
    void awaitRequests(int n) throws InterruptedException {
        if (!arrived.tryAcquire(n, 60, TimeUnit.SECONDS)) {
            throw new AssertionError("expected " + n + " requests, got " + received.size());
        }
        arrived.release(n);
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
