package io.mlops.agent.drift;

import io.mlops.agent.batch.BatchObserver;
import io.mlops.protocol.reference.InputReference;
import io.mlops.protocol.reference.ReferenceStats;
import io.mlops.protocol.reference.RowValues;
import io.mlops.protocol.v2.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches one model version's inputs against their reference statistics: the batcher hands it each
 * executed batch's inputs (on its own threads, off the client's path), it keeps the last rows of
 * each input in a {@link SlidingWindow}, and computes the PSI when asked (a scrape, a status call).
 */
public final class DriftMonitor implements BatchObserver {
    /** The rows kept per input unless told otherwise. */
    public static final int DEFAULT_WINDOW = 1000;

    private final ReferenceStats reference;
    private final Map<String, SlidingWindow> windows = new LinkedHashMap<>();

    /**
     * Creates the monitor.
     *
     * @param reference the inputs' reference statistics
     * @param window the recent rows kept per input
     */
    public DriftMonitor(ReferenceStats reference, int window) {
        this.reference = reference;
        reference
                .inputs()
                .forEach((name, ref) -> windows.put(
                        name,
                        new SlidingWindow(ref.perFeature() ? ref.features().size() : 1, window)));
    }

    @Override
    public void inputs(List<Tensor> inputs) {
        for (Tensor input : inputs) {
            InputReference ref = reference.inputs().get(input.name());
            SlidingWindow window = windows.get(input.name());
            if (ref == null || !RowValues.numeric(input.datatype())) {
                continue;
            }
            if (ref.perFeature()) {
                long[] shape = input.shape();
                if (shape.length == 2 && shape[1] == window.width()) {
                    window.add(RowValues.columns(input));
                }
            } else {
                window.add(new double[][] {RowValues.rowMeans(input)});
            }
        }
    }

    /**
     * Each watched input's drift now.
     *
     * @return by input name, in the reference's order
     */
    public Map<String, DriftReading> readings() {
        Map<String, DriftReading> readings = new LinkedHashMap<>();
        reference.inputs().forEach((name, ref) -> {
            SlidingWindow window = windows.get(name);
            double[][] recent = window.snapshot();
            int rows = recent[0].length;
            if (!ref.perFeature()) {
                readings.put(name, new DriftReading(ref.rowMean().psi(recent[0]), rows, List.of()));
                return;
            }
            List<Double> features = new java.util.ArrayList<>();
            double max = Double.NaN;
            for (int f = 0; f < recent.length; f++) {
                double psi = ref.features().get(f).psi(recent[f]);
                features.add(psi);
                max = Double.isNaN(max) || psi > max ? psi : max;
            }
            readings.put(name, new DriftReading(max, rows, features));
        });
        return readings;
    }
}
