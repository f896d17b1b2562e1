package io.mlops.gpu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A host in a child JVM, killed with -9 by {@link GpuAllocationsRestartTest}: it takes one GPU for
 * each holder named on its command line, says so, and then waits to be killed.
 */
final class GpuHolderProcess {
    private GpuHolderProcess() {}

    /**
     * Runs the host.
     *
     * @param args the allocations file, then the holders
     * @throws Exception when it cannot take the GPUs
     */
    public static void main(String[] args) throws Exception {
        GpuAllocations allocations = GpuAllocations.restore(Path.of(args[0]), holder -> true);
        for (String holder : List.of(args).subList(1, args.length)) {
            allocations.acquire(GpuAllocationsRestartTest.NODE, holder, 1);
        }
        System.out.println(GpuAllocationsRestartTest.HELD);
        System.out.flush();
        waitForKill();
    }

    private static void waitForKill() throws IOException {
        while (System.in.read() >= 0) {
            // the parent never writes; it kills
        }
    }
}
