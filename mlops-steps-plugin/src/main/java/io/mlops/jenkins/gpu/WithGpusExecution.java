package io.mlops.jenkins.gpu;

import hudson.AbortException;
import hudson.model.Computer;
import hudson.model.Node;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.mlops.error.UserError;
import io.mlops.gpu.Allocation;
import io.mlops.gpu.GpuAllocations;
import io.mlops.gpu.GpuRequest;
import io.mlops.gpu.NodeGpus;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Reserves the GPUs (off the Pipeline thread: asking the agent and waiting in line both take time),
 * then runs the body with them; {@link GpuRelease} gives them back when the body ends, {@link #stop}
 * when the build is aborted while it waits, and {@link #onResume} puts them back after a controller
 * restart (or asks again when the build was still waiting).
 */
final class WithGpusExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    /** How long nvidia-smi may take on the agent, and the call to the agent on top of it. */
    private static final long PROBE_SECONDS = 30;

    private final int count;
    private String holder;
    private String nodeName;
    private volatile ArrayList<String> gpus;
    private volatile boolean stopped;

    WithGpusExecution(StepContext context, int count) {
        super(context);
        this.count = count;
    }

    @Override
    public boolean start() throws Exception {
        if (count < 1) {
            throw new AbortException("withGpus needs a count of at least 1, not " + count);
        }
        Computer computer = getContext().get(Computer.class);
        Node node = computer == null ? null : computer.getNode();
        if (node == null) {
            throw new AbortException("withGpus runs inside node { }, on a node that is still connected");
        }
        nodeName = node.getNodeName().isEmpty() ? "built-in" : node.getNodeName();
        // The build's id and a part of this step's own, so that parallel branches each hold their GPUs.
        byte[] part = new byte[4];
        new SecureRandom().nextBytes(part);
        holder = getContext().get(Run.class).getExternalizableId()
                + ControllerGpus.STEP
                + HexFormat.of().formatHex(part);
        Timer.get().submit(this::reserve);
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        stopped = true;
        release();
        getContext().onFailure(cause);
    }

    @Override
    public void onResume() {
        List<String> had = gpus;
        if (had == null) {
            // It was still waiting: the queue is not kept over a restart, so it asks again.
            Timer.get().submit(this::reserve);
            return;
        }
        try {
            ControllerGpus.get().allocations().reinstate(new Allocation(nodeName, holder, had));
        } catch (UserError e) {
            log("[mlops] could not keep GPUs " + had + " on " + nodeName + " after the restart: " + e.getMessage());
        }
    }

    @Override
    public String getStatus() {
        List<String> had = gpus;
        return had == null ? "waiting for " + count + " GPU(s) on " + nodeName : "holding GPUs " + had;
    }

    private void reserve() {
        try {
            NodeGpus available = nodeGpus();
            GpuAllocations allocations = ControllerGpus.get().allocations();
            GpuRequest request = allocations.request(available, holder, count);
            if (stopped) {
                request.cancel(); // aborted before the request was queued
                return;
            }
            if (!request.isGranted()) {
                log("[mlops] waiting for " + count + " GPU(s) on " + nodeName + ": " + whoHolds(allocations));
            }
            request.granted().whenCompleteAsync(this::granted, Timer.get());
        } catch (UserError e) {
            getContext().onFailure(new AbortException(e.getMessage()));
        } catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    private void granted(List<String> granted, Throwable failure) {
        if (failure != null) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof CancellationException)) { // cancelled: stop() has ended the step
                getContext().onFailure(cause instanceof UserError ? new AbortException(cause.getMessage()) : cause);
            }
            return;
        }
        if (stopped) {
            release(); // aborted while the grant was on its way
            return;
        }
        try {
            gpus = new ArrayList<>(granted);
            log("[mlops] GPU(s) " + String.join(",", granted) + " on " + nodeName + " reserved for this block");
            getContext()
                    .newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(
                            getContext().get(EnvironmentExpander.class), new GpuEnvironment(granted)))
                    .withCallback(new GpuRelease(holder))
                    .start();
        } catch (Exception e) {
            release();
            getContext().onFailure(e);
        }
    }

    /** The node's GPUs: its {@link NodeGpuProperty}, else what nvidia-smi lists there. */
    private NodeGpus nodeGpus() throws Exception {
        Computer computer = getContext().get(Computer.class);
        Node node = computer == null ? null : computer.getNode();
        if (node == null) {
            throw new AbortException("node " + nodeName + " is gone; withGpus cannot reserve its GPUs");
        }
        NodeGpuProperty property = node.getNodeProperties().get(NodeGpuProperty.class);
        if (property != null) {
            return property.of(nodeName);
        }
        VirtualChannel channel = computer.getChannel();
        if (channel == null) {
            throw new AbortException("node " + nodeName + " is offline; withGpus cannot ask it for its GPUs");
        }
        List<String> found = channel.callAsync(new GpusOnAgent(PROBE_SECONDS)).get(2 * PROBE_SECONDS, TimeUnit.SECONDS);
        if (found.isEmpty()) {
            throw new AbortException("node " + nodeName + " has no GPU that nvidia-smi lists (or nvidia-smi is"
                    + " missing there); list its GPUs in the node's 'GPUs for withGpus' property");
        }
        return new NodeGpus(nodeName, found);
    }

    private String whoHolds(GpuAllocations allocations) {
        String held = allocations.holders(nodeName).stream()
                .map(a -> a.holder() + " " + a.gpus())
                .collect(Collectors.joining(", "));
        List<String> ahead = allocations.waiting(nodeName).stream()
                .takeWhile(h -> !h.equals(holder))
                .toList();
        return "held by " + (held.isEmpty() ? "nobody" : held)
                + (ahead.isEmpty() ? "" : "; in line before this build: " + String.join(", ", ahead));
    }

    private void release() {
        try {
            ControllerGpus.get().allocations().release(holder);
        } catch (UserError e) {
            log("[mlops] could not record that GPUs on " + nodeName + " were given back: " + e.getMessage());
        }
    }

    private void log(String line) {
        try {
            getContext().get(TaskListener.class).getLogger().println(line);
        } catch (Exception e) {
            // no log to write to any more (the build is over); nothing else depends on this line
        }
    }
}
