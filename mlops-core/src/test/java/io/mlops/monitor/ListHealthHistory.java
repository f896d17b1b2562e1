package io.mlops.monitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A health history in memory, for tests of what reads one: the store's own implementation (the
 * server's poller writes it) is tested on its own. Unbounded; samples come back oldest first.
 */
final class ListHealthHistory implements HealthHistory {
    private final List<HealthSample> samples = new ArrayList<>();

    @Override
    public synchronized void record(HealthSample sample) {
        samples.add(sample);
    }

    @Override
    public synchronized List<HealthSample> samples(String model, long fromMillis, long toMillis) {
        return samples.stream()
                .filter(s -> s.model().equals(model) && s.at() >= fromMillis && s.at() <= toMillis)
                .sorted(Comparator.comparingLong(HealthSample::at))
                .toList();
    }
}
