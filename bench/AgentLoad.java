import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.mlops.agent.grpc.v2.GRPCInferenceServiceGrpc;
import io.mlops.agent.grpc.v2.ModelInferRequest;
import io.mlops.agent.grpc.v2.ModelInferResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load generator of bench/agent-bench.sh: N clients each send one request, wait for its
 * answer, and send the next, for a fixed time after a warm-up; prints throughput and latency
 * percentiles as one JSON line. The same program drives every server (one body per protocol, the
 * same tensor values for all) and, in mode {@code inproc}, calls ONNX Runtime in this process with
 * the same session settings as the agent, which is the ceiling any server can reach.
 *
 * <pre>
 * java -cp inference-agent.jar bench/AgentLoad.java MODE TARGET INPUT SHAPE CLIENTS SECONDS [INTRA_OP_THREADS [WARMUP_SECONDS]]
 *   MODE    v2 (KServe V2 JSON: our agent, KServe), v2-binary (the V2 binary tensor data extension:
 *           a JSON header of Inference-Header-Content-Length bytes, then the input's raw
 *           little-endian bytes; outputs asked for in binary too), mlflow (/invocations
 *           {"inputs":{...}}), grpc (V2 gRPC ModelInfer with the input in raw_input_contents, as
 *           tritonclient.grpc sends it: the agent and Triton), inproc
 *   TARGET  the infer URL; for grpc HOST:PORT/MODEL; for inproc the .onnx file
 *   SHAPE   e.g. 1,16 (the first dimension is the rows per request)
 *   WARMUP_SECONDS  load before measuring (default 2): a JVM server is still compiling its
 *           request path for several seconds after it starts
 * </pre>
 *
 * <p>Besides wall-clock figures it reports CPU time per measured request, which shared, loaded
 * cores distort far less than latency: {@code client_cpu_us} is this process's (the load
 * generator; for inproc, the model run itself), {@code server_cpu_us} that of the processes whose
 * ids the environment variable {@code AGENTLOAD_SERVER_PIDS} lists (the server and every process
 * it started, e.g. tritonserver, its Python backend stubs and PyTriton's proxy), read from
 * /proc/PID/stat at the start and end of the measured window.
 */
public class AgentLoad {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String target = args[1];
        String input = args[2];
        long[] shape = Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray();
        int clients = Integer.parseInt(args[4]);
        double seconds = Double.parseDouble(args[5]);
        int intraOp = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        double warmup = args.length > 7 ? Double.parseDouble(args[7]) : 2;
        int elements = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] values = new float[elements];
        Random random = new Random(42);
        for (int i = 0; i < elements; i++) {
            values[i] = random.nextFloat();
        }
        Call call = switch (mode) {
            case "v2" -> http(target, v2Body(input, shape, values));
            case "v2-binary" -> binary(target, input, shape, values);
            case "mlflow" -> http(target, mlflowBody(input, shape, values));
            case "grpc" -> grpc(target, input, shape, values);
            case "inproc" -> inProcess(target, input, shape, values, intraOp);
            default -> throw new IllegalArgumentException("mode is v2, v2-binary, mlflow, grpc or inproc, not " + mode);
        };
        for (int i = 0; i < 20; i++) {
            call.run(); // fail fast on a bad setup, and warm the server's first paths
        }
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<long[][]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            long[][] mine = {new long[4096]}; // grows: a client's latencies, in nanoseconds
            latencies.add(mine);
            int[] count = {0};
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        call.run();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                        continue;
                    }
                    if (measuring.get()) {
                        if (count[0] == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], 2 * count[0]);
                        }
                        mine[0][count[0]++] = System.nanoTime() - start;
                    }
                }
                mine[0] = Arrays.copyOf(mine[0], count[0]);
                finished.countDown();
            });
            threads.add(thread);
            thread.start();
        }
        Thread.sleep((long) (warmup * 1000)); // warm-up: every client running, JIT and batches settled
        List<Long> serverPids = serverPids();
        List<Long> self = List.of(ProcessHandle.current().pid());
        long serverCpuBefore = cpuNanos(serverPids);
        Map<String, Long> serverJitBefore = compilerNanos(serverPids);
        long clientCpuBefore = cpuNanos(self);
        Map<String, Long> clientJitBefore = compilerNanos(self);
        long begin = System.nanoTime();
        measuring.set(true);
        Thread.sleep((long) (seconds * 1000));
        measuring.set(false);
        long end = System.nanoTime();
        long clientCpu = cpuNanos(self) - clientCpuBefore;
        long clientJit = since(clientJitBefore, compilerNanos(self));
        long serverCpu = cpuNanos(serverPids) - serverCpuBefore;
        long serverJit = since(serverJitBefore, compilerNanos(serverPids));
        stop.set(true);
        finished.await();
        int total = 0;
        for (long[][] mine : latencies) {
            total += mine[0].length;
        }
        long[] all = new long[total];
        int at = 0;
        for (long[][] mine : latencies) {
            System.arraycopy(mine[0], 0, all, at, mine[0].length);
            at += mine[0].length;
        }
        Arrays.sort(all);
        double elapsed = (end - begin) / 1e9;
        System.out.printf(
                "{\"mode\":\"%s\",\"clients\":%d,\"requests\":%d,\"seconds\":%.3f,\"throughput\":%.1f,"
                        + "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"errors\":%d,\"client_cpu_us\":%.2f,\"client_jit_us\":%.2f%s}%n",
                mode, clients, total, elapsed, total / elapsed, percentile(all, 0.50), percentile(all, 0.99),
                errors.get(), total == 0 ? Double.NaN : clientCpu / 1e3 / total, total == 0 ? Double.NaN : clientJit / 1e3 / total,
                serverPids.isEmpty() || total == 0 ? "" : String.format(",\"server_cpu_us\":%.2f,\"server_jit_us\":%.2f",
                        serverCpu / 1e3 / total, serverJit / 1e3 / total));
        if (firstError.get() != null) {
            System.err.println("AgentLoad: " + errors.get() + " failed requests, the first: " + firstError.get());
        }
        System.exit(0);
    }

    /** The server's process ids from AGENTLOAD_SERVER_PIDS (blank-separated), or none. */
    private static List<Long> serverPids() {
        String value = System.getenv("AGENTLOAD_SERVER_PIDS");
        List<Long> pids = new ArrayList<>();
        if (value != null) {
            for (String pid : value.trim().split("\\s+")) {
                if (!pid.isEmpty()) {
                    pids.add(Long.parseLong(pid));
                }
            }
        }
        return pids;
    }

    /** User plus system CPU time of these processes (all their threads) in nanoseconds, from /proc. */
    private static long cpuNanos(List<Long> pids) throws java.io.IOException {
        long ticks = 0;
        for (long pid : pids) {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (in parentheses, which may hold blanks): state is field 3,
            // utime 14 and stime 15, in clock ticks.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        long hertz = Long.parseLong(System.getenv().getOrDefault("AGENTLOAD_CLK_TCK", "100"));
        return ticks * 1_000_000_000L / hertz;
    }

    /**
     * CPU time of the JIT compiler threads of these processes (a JVM's "C1/C2 CompilerThread"), by
     * process and thread id, in nanoseconds: compilation is a JVM's start-up cost, not a request's,
     * and on starved cores it goes on long after the warm-up, so the report gives it apart.
     */
    private static Map<String, Long> compilerNanos(List<Long> pids) throws java.io.IOException {
        Map<String, Long> found = new HashMap<>();
        long hertz = Long.parseLong(System.getenv().getOrDefault("AGENTLOAD_CLK_TCK", "100"));
        for (long pid : pids) {
            java.nio.file.Path tasks = java.nio.file.Path.of("/proc/" + pid + "/task");
            try (var list = java.nio.file.Files.list(tasks)) {
                for (java.nio.file.Path task : list.toList()) {
                    String stat;
                    try {
                        stat = java.nio.file.Files.readString(task.resolve("stat"));
                    } catch (java.io.IOException gone) {
                        continue; // the thread ended meanwhile
                    }
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("Compiler")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        found.put(pid + "/" + task.getFileName(), ticks * 1_000_000_000L / hertz);
                    }
                }
            }
        }
        return found;
    }

    /** Compiler CPU time spent between two readings (threads that ended meanwhile are not counted). */
    private static long since(Map<String, Long> before, Map<String, Long> after) {
        long sum = 0;
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            sum += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return sum;
    }

    interface Call {
        void run() throws Exception;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String nested(long[] shape, float[] values) {
        StringBuilder out = new StringBuilder();
        nest(out, shape, 0, values, new int[] {0});
        return out.toString();
    }

    private static void nest(StringBuilder out, long[] shape, int dim, float[] values, int[] next) {
        out.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (dim == shape.length - 1) {
                out.append(values[next[0]++]);
            } else {
                nest(out, shape, dim + 1, values, next);
            }
        }
        out.append(']');
    }

    private static String v2Body(String input, long[] shape, float[] values) {
        StringBuilder flat = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            flat.append(i == 0 ? "" : ",").append(values[i]);
        }
        return "{\"inputs\":[{\"name\":\"" + input + "\",\"shape\":" + Arrays.toString(shape).replace(" ", "")
                + ",\"datatype\":\"FP32\",\"data\":[" + flat + "]}]}";
    }

    private static String mlflowBody(String input, long[] shape, float[] values) {
        return "{\"inputs\":{\"" + input + "\":" + nested(shape, values) + "}}";
    }

    private static Call http(String url, String body) {
        return send(url, "application/json", Map.of(), body.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * A request in the V2 binary tensor data extension: the JSON header names the input with
     * {@code parameters.binary_data_size} instead of {@code data}, the raw FP32 values follow it
     * little-endian, and {@code binary_data_output} asks for the outputs the same way.
     */
    private static Call binary(String url, String input, long[] shape, float[] values) {
        byte[] header = ("{\"inputs\":[{\"name\":\"" + input + "\",\"shape\":"
                        + Arrays.toString(shape).replace(" ", "") + ",\"datatype\":\"FP32\",\"parameters\":"
                        + "{\"binary_data_size\":" + 4L * values.length + "}}],"
                        + "\"parameters\":{\"binary_data_output\":true}}")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header);
        for (float value : values) {
            body.putFloat(value);
        }
        return send(url, "application/octet-stream",
                Map.of("Inference-Header-Content-Length", Integer.toString(header.length)), body.array(), true);
    }

    /**
     * Sends the same request each call on the client thread's own keep-alive HTTP/1.1 connection;
     * fails on anything but a 200 of the protocol asked for. The client is a plain socket that
     * writes the request's bytes and reads the reply, as wrk or Triton's perf_analyzer do: the JDK's
     * {@code HttpClient} spent about 500 us of CPU and two thread hand-offs per request here, more
     * than the servers it measured, and that cost was counted as theirs.
     */
    private static Call send(String url, String contentType, Map<String, String> headers, byte[] body,
            boolean binaryReply) {
        URI uri = URI.create(url);
        StringBuilder head = new StringBuilder()
                .append("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        ThreadLocal<RawHttpConnection> connections = new ThreadLocal<>();
        return () -> {
            RawHttpConnection connection = connections.get();
            if (connection == null) {
                connection = new RawHttpConnection(uri.getHost(), uri.getPort());
                connections.set(connection);
            }
            RawHttpConnection.Reply reply;
            try {
                reply = connection.exchange(request);
            } catch (java.io.IOException e) {
                connection.close();
                connections.remove();
                throw e;
            }
            if (reply.status() != 200) {
                throw new IllegalStateException("HTTP " + reply.status() + ": "
                        + new String(reply.body(), 0, Math.min(300, reply.body().length), StandardCharsets.UTF_8));
            }
            // A server that ignored the extension would answer JSON alone: that is not this protocol.
            if (binaryReply && !reply.headers().containsKey("inference-header-content-length")) {
                throw new IllegalStateException("the reply has no Inference-Header-Content-Length: not binary");
            }
            if (reply.closes()) {
                connection.close();
                connections.remove();
            }
        };
    }

    /**
     * One keep-alive HTTP/1.1 connection with TCP_NODELAY: writes a request's bytes, reads the
     * status line, the headers and a body of Content-Length bytes or in chunks.
     */
    static final class RawHttpConnection implements AutoCloseable {
        record Reply(int status, Map<String, String> headers, byte[] body, boolean closes) {}

        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;

        RawHttpConnection(String host, int port) throws java.io.IOException {
            socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }

        Reply exchange(byte[] request) throws java.io.IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new java.io.IOException("not an HTTP/1.x reply: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            Map<String, String> headers = new HashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
                for (int size = chunkSize(); size > 0; size = chunkSize()) {
                    chunks.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
                body = chunks.toByteArray();
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                throw new java.io.IOException("a reply with neither Content-Length nor chunks");
            }
            boolean closes = "close".equalsIgnoreCase(headers.get("connection"));
            return new Reply(code, headers, body, closes);
        }

        private int chunkSize() throws java.io.IOException {
            String size = line();
            int semicolon = size.indexOf(';');
            return Integer.parseInt(semicolon < 0 ? size.trim() : size.substring(0, semicolon).trim(), 16);
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new java.io.EOFException("the server closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    /**
     * A V2 gRPC ModelInfer call (blocking stub, one HTTP/2 channel shared by all clients, as one
     * tritonclient.grpc client per process would): the input's raw little-endian FP32 bytes in
     * {@code raw_input_contents}; the answer must carry outputs.
     */
    private static Call grpc(String target, String input, long[] shape, float[] values) {
        int slash = target.indexOf('/');
        String address = target.substring(0, slash);
        String model = target.substring(slash + 1);
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        ModelInferRequest.Builder builder = ModelInferRequest.newBuilder().setModelName(model);
        ModelInferRequest.InferInputTensor.Builder tensor =
                builder.addInputsBuilder().setName(input).setDatatype("FP32");
        for (long dim : shape) {
            tensor.addShape(dim);
        }
        ModelInferRequest request = builder.addRawInputContents(ByteString.copyFrom(raw.array())).build();
        ManagedChannel channel = Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 << 20)
                .build();
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        return () -> {
            ModelInferResponse response = stub.modelInfer(request);
            if (response.getOutputsCount() == 0) {
                throw new IllegalStateException("no output");
            }
        };
    }

    private static Call inProcess(String file, String input, long[] shape, float[] values, int intraOp)
            throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setIntraOpNumThreads(intraOp);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        OrtSession session = environment.createSession(file, options);
        return () -> {
            // A new input tensor per call, as a server must make one from each request.
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values), shape);
                    OrtSession.Result result = session.run(Map.of(input, tensor))) {
                if (result.size() == 0) {
                    throw new IllegalStateException("no output");
                }
            }
        };
    }
}
