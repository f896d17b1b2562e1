package io.mlops.agent.http;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies within a size limit: a declared Content-Length over the limit is refused
 * before a byte is read, and a chunked body is counted as it arrives and refused when it passes the
 * limit, so a client cannot make the agent buffer a gigabyte. A compressed body ({@code
 * Content-Encoding: gzip} or {@code deflate}) is inflated as it is read and the limit holds for the
 * inflated bytes too, so a zip bomb is refused with 413 at the limit, never inflated whole.
 */
final class RequestBodies {
    private RequestBodies() {}

    /**
     * Reads a whole body.
     *
     * @param request the request
     * @param limit the most bytes accepted
     * @return the body
     * @throws HttpFailure 413 when the body is larger than the limit
     * @throws IOException when reading fails
     */
    static byte[] read(Request request, long limit) throws IOException {
        try (InputStream in = stream(request, limit)) {
            return in.readAllBytes();
        }
    }

    /**
     * The body as a stream, decoded from its {@code Content-Encoding}, that fails once the bytes
     * received or the bytes they inflate to pass the limit.
     *
     * @param request the request
     * @param limit the most bytes accepted
     * @return the stream
     * @throws HttpFailure 413 at once when the declared length is over the limit; 415 for a content
     *     coding other than gzip or deflate
     */
    static InputStream stream(Request request, long limit) {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > limit) {
            throw tooLarge(declared + " bytes", limit);
        }
        long capped = Math.min(limit, Integer.MAX_VALUE - 8);
        InputStream received = new LimitedStream(Content.Source.asInputStream(request), capped, "");
        InputStream decoded = ContentEncodings.decode(request, received);
        return decoded == received ? received : new LimitedStream(decoded, capped, " once inflated");
    }

    private static HttpFailure tooLarge(String size, long limit) {
        return new HttpFailure(
                413,
                "the request body of " + size + " is larger than the limit of " + limit
                        + " bytes (--max-body-bytes / --max-bundle-bytes)");
    }

    /** Counts what is read and fails past the limit. */
    private static final class LimitedStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private final String stage;
        private long count;

        LimitedStream(InputStream in, long limit, String stage) {
            this.in = in;
            this.limit = limit;
            this.stage = stage;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge("more than " + limit + " bytes" + stage, limit);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
