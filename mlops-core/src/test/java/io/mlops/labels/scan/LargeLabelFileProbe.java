package io.mlops.labels.scan;

import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelFormat;
import io.mlops.labels.format.LabelSource;
import io.mlops.progress.ProgressListener;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Scans one COCO file and prints what it found and the peak heap used; {@link LargeLabelFileTest}
 * runs it in a JVM with a small heap, so that a reader that held the file in memory would fail.
 */
public final class LargeLabelFileProbe {
    private LargeLabelFileProbe() {}

    /**
     * Scans the COCO file named by the first argument.
     *
     * @param args the file
     */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        LabelScanResult result = LabelScan.run(
                new LabelSource(LabelFormat.COCO, file, file.getParent()),
                CheckOptions.defaults().withOpenImages(false),
                ProgressListener.NONE);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        var report = result.report();
        System.out.println("images=" + report.images() + " annotations=" + report.annotations() + " errors="
                + report.errors() + " objects=" + result.card().objects() + " maxHeapMiB="
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " peakHeapMiB=" + peak / (1024 * 1024));
        report.findings().stream()
                .filter(f -> f.code().equals("box-outside-image"))
                .forEach(f -> System.out.println("finding " + f));
    }
}
