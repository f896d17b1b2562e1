package io.mlops.cli.monitor;

import io.mlops.cli.server.StoreOptions;
import io.mlops.monitor.AlertKind;
import io.mlops.monitor.AlertRule;
import io.mlops.monitor.AlertState;
import io.mlops.suite.SuiteStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops monitor alert list [MODEL]}: the rules, and where their alerts fire. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List alert rules (of one model, or of all) and the endpoints where they fire.")
final class AlertListCommand implements Callable<Integer> {
    private static final String ROW = "%-16s  %-16s  %-22s  %-10s  %-5s  %s";

    @ParentCommand
    private AlertCommand alert;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "Only this model's rules.")
    private String model;

    @Override
    public Integer call() {
        try (SuiteStores store = alert.open(storeOptions)) {
            if (model != null) {
                store.registry().model(model);
            }
            List<AlertRule> rules = store.alertRules().list(model);
            List<AlertState> states = store.alertStates().list(model);
            List<Map<String, Object>> json = new ArrayList<>();
            StringBuilder text = new StringBuilder(
                    String.format(Locale.ROOT, ROW, "MODEL", "RULE", "WATCHES", "LIMIT", "FOR", "FIRING ON"));
            for (AlertRule rule : rules) {
                List<AlertState> firing = states.stream()
                        .filter(s -> s.firing()
                                && s.change().model().equals(rule.model())
                                && s.change().rule().equals(rule.name()))
                        .toList();
                Map<String, Object> item = json(rule);
                item.put(
                        "firing",
                        firing.stream()
                                .map(s -> Map.of(
                                        "endpoint", s.change().endpoint(),
                                        "value", s.change().value(),
                                        "since", Instant.ofEpochMilli(s.since()).toString()))
                                .toList());
                json.add(item);
                text.append(String.format(
                        Locale.ROOT,
                        "%n" + ROW,
                        rule.model(),
                        rule.name(),
                        watched(rule),
                        rule.limit(),
                        rule.minutes() + "m",
                        firing.isEmpty()
                                ? "-"
                                : String.join(
                                        ",",
                                        firing.stream()
                                                .map(s -> s.change().endpoint())
                                                .toList())));
            }
            alert.output().result(json, rules.isEmpty() ? "no alert rules" : text.toString());
        }
        return 0;
    }

    static Map<String, Object> json(AlertRule rule) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("model", rule.model());
        item.put("name", rule.name());
        item.put("kind", rule.kind().wireName());
        item.put("limit", rule.limit());
        item.put("minutes", rule.minutes());
        item.put("input", rule.input());
        return item;
    }

    static String watched(AlertRule rule) {
        if (rule.kind() == AlertKind.DRIFT) {
            return rule.input() == null ? "drift (any input)" : "drift of " + rule.input();
        }
        return rule.kind() == AlertKind.LATENCY ? "p95 latency ms" : "error rate";
    }
}
