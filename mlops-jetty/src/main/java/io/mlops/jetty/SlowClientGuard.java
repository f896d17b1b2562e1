package io.mlops.jetty;

import io.mlops.net.ConnectionLimits;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Keeps slow clients from holding the server's threads and connections ({@link ConnectionLimits}).
 *
 * <ul>
 *   <li>A small body (declared length up to {@code bufferedBodyBytes}) is read whole before the wrapped
 *       handler runs, without a thread while it trickles in, and refused with 408 when it has not
 *       arrived within {@code bodyTimeout}: a client that sends headers and then one byte every two
 *       seconds holds a connection, not a thread.
 *   <li>A larger body is read as it streams, and fails once it falls behind {@code minBodyRate}
 *       bytes per second after {@code bodyTimeout} of grace.
 *   <li>{@link #protect(Server, ServerConnector, ConnectionLimits)} bounds the connections, the
 *       silence on one, and the time a request header may take.
 * </ul>
 *
 * <p>The same class serves {@code mlops server} and the inference agent.
 */
public final class SlowClientGuard extends Handler.Wrapper {
    private final ConnectionLimits limits;

    /**
     * Wraps a handler.
     *
     * @param handler the handler that reads bodies with blocking streams
     * @param limits the limits
     */
    public SlowClientGuard(Handler handler, ConnectionLimits limits) {
        super(handler);
        this.limits = limits;
    }

    /**
     * Applies the connection-level limits: at most {@code maxConnections} open, {@code idleTimeout}
     * of silence, and {@code headerTimeout} for a request header.
     *
     * @param server the server
     * @param connector its connector
     * @param limits the limits
     */
    public static void protect(Server server, ServerConnector connector, ConnectionLimits limits) {
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        connector.addEventListener(new HeaderDeadline(
                connector.getScheduler(), limits.headerTimeout().toNanos()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > 0 && declared <= limits.bufferedBodyBytes()) {
            bufferThenHandle(request, response, callback, (int) declared);
            return true;
        }
        if (declared == 0 || (declared < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
            return super.handle(request, response, callback);
        }
        return super.handle(new RateGuardedRequest(request), response, callback);
    }

    private void bufferThenHandle(Request request, Response response, Callback callback, int length) {
        CompletableFuture<byte[]> arrival = Content.Source.asByteArrayAsync(request, length);
        if (arrival.isDone()) {
            // The body came with the headers (the usual small request): this is still the thread
            // Jetty called the handler on, which may block, so it is handled here. Handing it to
            // another pool thread would cost a thread wake-up per request, most of a small model's
            // whole serving time at one client.
            handleBuffered(request, response, callback, arrival);
            return;
        }
        AtomicBoolean settled = new AtomicBoolean();
        Scheduler.Task deadline = request.getComponents()
                .getScheduler()
                .schedule(
                        () -> {
                            if (settled.compareAndSet(false, true)) {
                                request.fail(new TimeoutException("body not received in time"));
                                Response.writeError(
                                        request,
                                        response,
                                        callback,
                                        408,
                                        "the request body did not arrive within "
                                                + limits.bodyTimeout().toSeconds() + " s");
                            }
                        },
                        limits.bodyTimeout().toNanos(),
                        TimeUnit.NANOSECONDS);
        arrival.whenComplete((body, failure) -> {
            deadline.cancel();
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            // Handled on a pool thread: the wrapped handler blocks, and this may run on a selector.
            request.getComponents().getThreadPool().execute(() -> handleBuffered(request, response, callback, arrival));
        });
    }

    /** Runs the wrapped handler on a body that has arrived (or a 400 when it could not be read). */
    private void handleBuffered(
            Request request, Response response, Callback callback, CompletableFuture<byte[]> arrival) {
        try {
            byte[] body = arrival.isCompletedExceptionally() ? null : arrival.join();
            if (body == null) {
                Response.writeError(request, response, callback, 400, "the request body could not be read");
            } else if (!super.handle(new BufferedRequest(request, body), response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable e) {
            callback.failed(e);
        }
    }

    /** A request whose body has arrived whole. */
    private static final class BufferedRequest extends Request.Wrapper {
        private final Content.Source body;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.body = Content.Source.from(ByteBuffer.wrap(body));
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }
    }

    /** A request whose body must keep up with the minimum rate, after the grace period. */
    private final class RateGuardedRequest extends Request.Wrapper {
        private final long start = NanoTime.now();
        private long received;
        private volatile Content.Chunk failure;

        RateGuardedRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk failed = failure;
            if (failed != null) {
                return failed;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                received += chunk.getByteBuffer().remaining();
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (failure != null) {
                demandCallback.run();
                return;
            }
            long allowed = limits.bodyTimeout().toNanos() + received * 1_000_000_000L / limits.minBodyRate();
            long left = allowed - NanoTime.since(start);
            if (left <= 0) {
                tooSlow();
                demandCallback.run();
                return;
            }
            AtomicBoolean once = new AtomicBoolean();
            Scheduler.Task task = getComponents()
                    .getScheduler()
                    .schedule(
                            () -> {
                                if (once.compareAndSet(false, true)) {
                                    tooSlow();
                                    demandCallback.run();
                                }
                            },
                            left,
                            TimeUnit.NANOSECONDS);
            super.demand(() -> {
                if (once.compareAndSet(false, true)) {
                    task.cancel();
                    demandCallback.run();
                }
            });
        }

        private void tooSlow() {
            failure = Content.Chunk.from(new HttpException.RuntimeException(
                    408, "the request body arrived slower than " + limits.minBodyRate() + " bytes per second"));
        }
    }

    /**
     * Closes a connection whose request header has been arriving for longer than the timeout: Jetty
     * reads headers without a thread, but a header sent a byte at a time would hold a connection for
     * hours.
     */
    private static final class HeaderDeadline implements Connection.Listener {
        private final Scheduler scheduler;
        private final long timeoutNanos;

        HeaderDeadline(Scheduler scheduler, long timeoutNanos) {
            this.scheduler = scheduler;
            this.timeoutNanos = timeoutNanos;
        }

        @Override
        public void onOpened(Connection connection) {
            if (connection instanceof HttpConnection http) {
                schedule(http, -1);
            }
        }

        // Checks twice per timeout: a header still arriving at two checks in a row, with no request
        // begun in between, has taken at least the timeout.
        private void schedule(HttpConnection http, long headerSeenAtRequest) {
            scheduler.schedule(
                    () -> {
                        if (!http.getEndPoint().isOpen()) {
                            return;
                        }
                        boolean inHeader = http.getParser().inHeaderState()
                                && !http.getParser().isStart();
                        long requests = http.getMessagesIn();
                        if (inHeader && requests == headerSeenAtRequest) {
                            http.getEndPoint().close();
                            return;
                        }
                        schedule(http, inHeader ? requests : -1);
                    },
                    timeoutNanos / 2,
                    TimeUnit.NANOSECONDS);
        }
    }
}
