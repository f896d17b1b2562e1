/**
 * Reads the model registry through the mlops command: what a model's aliases point to, and each
 * version's metrics. Used by mlopsPromote and mlopsCompare; usable on its own:
 *
 *   Map model = mlopsRegistry.show('persons')     // [model: [aliases: [...]], versions: [...]], or null
 *   Integer v = mlopsRegistry.versionOf('persons', 'production')   // null when the alias does not exist
 */
Map show(String model, String store = '') {
    List args = ['--json', 'registry', 'list']
    def listed = readJSON(text: mlopsCli([store: store], args))
    if (!registered(listed, model)) {
        return null
    }
    return readJSON(text: mlopsCli([store: store], ['--json', 'registry', 'show', model]))
}

@NonCPS
boolean registered(def listed, String model) {
    return listed.any { it.model.name == model }
}

/** The version an alias of the model points to, or null when the model or the alias does not exist yet. */
Integer versionOf(String model, String alias, String store = '') {
    Map shown = show(model, store)
    def version = shown?.model?.aliases?.get(alias)
    return version == null ? null : version as Integer
}

/** The metrics of a version, by name. */
@NonCPS
Map metricsOf(Map shown, Integer version) {
    def found = shown.versions.find { (it.version as Integer) == version }
    return found?.metrics ?: [:]
}
