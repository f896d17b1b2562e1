package io.mlops.agent.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The HTTP content codings the V2 endpoints speak, as Triton's HTTP server does: a request body
 * sent with {@code Content-Encoding: gzip} or {@code deflate} (zlib, as tritonclient's
 * {@code request_compression_algorithm} sends it) is inflated as it is read, and an inference reply
 * is compressed when the client's {@code Accept-Encoding} asks for gzip or deflate
 * ({@code response_compression_algorithm}).
 */
final class ContentEncodings {
    /** The codings the agent reads and writes. */
    static final List<String> SUPPORTED = List.of("gzip", "deflate");

    private ContentEncodings() {}

    /**
     * The request body as the client meant it, inflated when it came compressed.
     *
     * @param request the request, whose {@code Content-Encoding} names the coding
     * @param body the body as it came over the wire
     * @return the decoded body
     * @throws HttpFailure 415 for a coding other than gzip, deflate or identity; 400 when the
     *     compressed data is not valid
     */
    static InputStream decode(Request request, InputStream body) {
        String coding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (coding == null) {
            return body;
        }
        return switch (coding.strip().toLowerCase(Locale.ROOT)) {
            case "", "identity" -> body;
            case "gzip", "x-gzip" -> new Checked(body, "gzip", true);
            case "deflate" -> new Checked(body, "deflate", false);
            default ->
                throw new HttpFailure(
                        415,
                        "Content-Encoding '" + coding + "' is not supported; send the body as is, gzip or deflate");
        };
    }

    /**
     * The coding to compress a reply with: the first of gzip and deflate the client accepts.
     *
     * @param request the request, whose {@code Accept-Encoding} lists the codings
     * @return {@code gzip}, {@code deflate} or null for none
     */
    static String negotiate(Request request) {
        String accepted = request.getHeaders().get(HttpHeader.ACCEPT_ENCODING);
        if (accepted == null) {
            return null;
        }
        List<String> wanted = new ArrayList<>();
        for (String part : accepted.split(",")) {
            String[] fields = part.split(";");
            String coding = fields[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < fields.length; i++) {
                String parameter = fields[i].strip().replace(" ", "");
                refused |= parameter.equals("q=0") || parameter.matches("q=0\\.0*");
            }
            if (!refused) {
                wanted.add(coding.equals("x-gzip") ? "gzip" : coding);
            }
        }
        return SUPPORTED.stream().filter(wanted::contains).findFirst().orElse(null);
    }

    /**
     * Compresses a reply's pieces into one body.
     *
     * @param coding {@code gzip} or {@code deflate}
     * @param pieces the reply's bytes, in order
     * @return the compressed body
     */
    static byte[] encode(String coding, List<ByteBuffer> pieces) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out =
                coding.equals("gzip") ? new GZIPOutputStream(bytes, 1 << 16) : new DeflaterOutputStream(bytes)) {
            WritableByteChannel channel = Channels.newChannel(out);
            for (ByteBuffer piece : pieces) {
                ByteBuffer data = piece.duplicate();
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Inflates lazily (so a size limit around it stops a zip bomb early) and turns corrupt data into
     * a 400 that names the coding.
     */
    private static final class Checked extends InputStream {
        private final InputStream raw;
        private final String coding;
        private final boolean gzip;
        private InputStream inflating;

        Checked(InputStream raw, String coding, boolean gzip) {
            this.raw = raw;
            this.coding = coding;
            this.gzip = gzip;
        }

        private InputStream inflating() throws IOException {
            if (inflating == null) {
                try {
                    inflating = gzip ? new GZIPInputStream(raw, 1 << 16) : new InflaterInputStream(raw);
                } catch (ZipException | EOFException e) {
                    throw corrupt(e);
                }
            }
            return inflating;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return inflating().read(buffer, offset, length);
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        private HttpFailure corrupt(IOException e) {
            return new HttpFailure(
                    400,
                    "the request body is not valid " + coding + " data (Content-Encoding: " + coding + "): "
                            + (e.getMessage() == null ? "it ends early" : e.getMessage()));
        }

        @Override
        public void close() throws IOException {
            if (inflating != null) {
                inflating.close();
            } else {
                raw.close();
            }
        }
    }
}
