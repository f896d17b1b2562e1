/**
 * Prints to the build log a table of a candidate's metrics against production's, with the
 * difference, and returns the rows:
 *
 *   mlopsCompare(model: 'persons')                                   // staging against production
 *   mlopsCompare(model: 'persons', candidate: 'staging', production: 'production', metrics: ['mAP50'])
 *
 * candidate and production are aliases or version numbers. Before the first promotion there is no
 * production: the table shows the candidate alone and says so (no error).
 */
List call(Map args) {
    if (!args.model) {
        error "mlopsCompare needs 'model'"
    }
    String store = args.store ?: ''
    Map shown = mlopsRegistry.show(args.model, store)
    if (shown == null) {
        echo "[mlops] ${args.model} is not registered yet: nothing to compare"
        return []
    }
    Integer candidate = versionIn(shown, args.candidate ?: 'staging')
    Integer production = versionIn(shown, args.production ?: 'production')
    if (candidate == null) {
        echo "[mlops] ${args.model} has no version '${args.candidate ?: 'staging'}': nothing to compare"
        return []
    }
    Map ours = mlopsRegistry.metricsOf(shown, candidate)
    Map theirs = production == null ? [:] : mlopsRegistry.metricsOf(shown, production)
    List names = (args.metrics ?: (ours.keySet() + theirs.keySet()).toList().sort()) as List
    List rows = names.collect { name ->
        Double a = ours[name] == null ? null : ours[name] as Double
        Double b = theirs[name] == null ? null : theirs[name] as Double
        [metric: name, candidate: a, production: b, delta: (a != null && b != null) ? a - b : null]
    }
    String title = "${args.model} v${candidate} against " +
            (production == null ? 'no production yet (first version)' : "production v${production}")
    echo "[mlops] ${title}\n" + table(rows)
    return rows
}

@NonCPS
Integer versionIn(Map shown, def reference) {
    String text = reference as String
    if (text ==~ /\d+/) {
        return text as Integer
    }
    def version = shown.model.aliases[text]
    return version == null ? null : version as Integer
}

@NonCPS
String table(List rows) {
    List lines = [['metric', 'candidate', 'production', 'delta']]
    rows.each { row ->
        lines << [row.metric, number(row.candidate), number(row.production), number(row.delta, true)]
    }
    List widths = (0..3).collect { column -> lines.collect { it[column].length() }.max() }
    return lines.collect { line ->
        (0..3).collect { column -> column == 0 ? line[column].padRight(widths[column]) : line[column].padLeft(widths[column]) }
                .join('  ')
    }.join('\n')
}

@NonCPS
String number(Double value, boolean signed = false) {
    if (value == null) {
        return '-'
    }
    String text = String.format(Locale.ROOT, '%.4f', value)
    return signed && value >= 0 ? "+${text}" : text
}
