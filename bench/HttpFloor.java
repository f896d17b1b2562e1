import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floors under any HTTP model server on this machine, for bench/agent-bench.sh: servers that
 * read a request and answer a fixed V2 binary reply (the size of the MLP's) without running a
 * model. What an inference server measures above them is its own work plus the model's.
 *
 * <pre>
 * java -cp inference-agent.jar bench/HttpFloor.java MODE PORT
 *   MODE  socket: a thread per connection reading HTTP/1.1 from a blocking socket, the least any
 *         Java HTTP server can do; jetty: Jetty 12 (the agent's HTTP server, same thread pool)
 *         with one handler that reads the body and writes the reply
 * </pre>
 */
public class HttpFloor {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        byte[] header = "{\"model_name\":\"mlp\",\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[1,8],\"parameters\":{\"binary_data_size\":32}}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[header.length + 32];
        System.arraycopy(header, 0, body, 0, header.length);
        switch (args[0]) {
            case "socket" -> socket(port, header.length, body);
            case "jetty" -> jetty(port, header.length, body);
            default -> throw new IllegalArgumentException("MODE is socket or jetty, not " + args[0]);
        }
    }

    private static void socket(int port, int headerLength, byte[] body) throws IOException {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nInference-Header-Content-Length: "
                        + headerLength + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] reply = new byte[head.length + body.length];
        System.arraycopy(head, 0, reply, 0, head.length);
        System.arraycopy(body, 0, reply, head.length, body.length);
        try (ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket connection = server.accept();
                connection.setTcpNoDelay(true);
                Thread.ofPlatform().start(() -> serve(connection, reply));
            }
        }
    }

    /** Answers each request on one connection with the same reply until the client closes it. */
    private static void serve(Socket connection, byte[] reply) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream(), 64 * 1024);
            OutputStream out = connection.getOutputStream();
            while (true) {
                int length = 0;
                for (String line = line(in); !line.isEmpty(); line = line(in)) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void jetty(int port, int headerLength, byte[] body) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.consumeAll(request, Callback.from(() -> {
                    response.getHeaders().put("Content-Type", "application/octet-stream");
                    response.getHeaders().put("Inference-Header-Content-Length", headerLength);
                    response.getHeaders().put("Content-Length", body.length);
                    response.write(true, ByteBuffer.wrap(body), callback);
                }, callback::failed));
                return true;
            }
        });
        server.start();
        server.join();
    }
}
