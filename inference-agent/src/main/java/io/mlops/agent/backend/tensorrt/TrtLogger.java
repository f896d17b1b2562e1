package io.mlops.agent.backend.tensorrt;

import java.util.ArrayDeque;
import java.util.Deque;
import org.bytedeco.tensorrt.nvinfer.ILogger;

/**
 * TensorRT's logger: keeps the latest errors and warnings so a failed build or run can say why, and
 * drops the informational chatter TensorRT prints by default.
 */
final class TrtLogger extends ILogger {
    private static final int KEPT = 8;
    private final Deque<String> recent = new ArrayDeque<>();

    @Override
    public void log(Severity severity, String message) {
        if (severity == Severity.kINTERNAL_ERROR || severity == Severity.kERROR || severity == Severity.kWARNING) {
            synchronized (recent) {
                if (recent.size() == KEPT) {
                    recent.removeFirst();
                }
                recent.addLast(severity.name().substring(1) + ": " + message);
            }
        }
    }

    /**
     * The messages logged since the last call, oldest first.
     *
     * @return them joined by {@code "; "}, or {@code "no message from TensorRT"}
     */
    String drain() {
        synchronized (recent) {
            String text = recent.isEmpty() ? "no message from TensorRT" : String.join("; ", recent);
            recent.clear();
            return text;
        }
    }
}
