/**
 * Moves an alias (default production) of a registered model to a version, with a reason the
 * registry's audit log keeps together with who did it (actor, else the build's tag):
 *
 *   mlopsPromote(model: 'persons', from: 'staging', reason: 'canary passed')      // to production
 *   mlopsPromote(model: 'persons', version: 7, to: 'production', reason: 'hotfix', actor: 'alice')
 *
 * Returns the version promoted. Runs `mlops registry alias` on the current node (store: the shared
 * registry's postgresql:// URL; see mlopsCli).
 */
Integer call(Map args) {
    ['model', 'reason'].each { key ->
        if (!args[key]) {
            error "mlopsPromote needs '${key}'"
        }
    }
    String store = args.store ?: ''
    Integer version = args.version != null ? args.version as Integer : null
    if (version == null) {
        if (!args.from) {
            error "mlopsPromote needs 'version' or 'from' (the alias whose version to promote, e.g. 'staging')"
        }
        version = mlopsRegistry.versionOf(args.model, args.from, store)
        if (version == null) {
            error "mlopsPromote: ${args.model} has no alias '${args.from}' to promote"
        }
    }
    String alias = args.to ?: 'production'
    mlopsCli([store: store, actor: args.actor ?: ''],
            ['registry', 'alias', args.model, alias, version as String, '--reason', args.reason])
    echo "[mlops] ${args.model}@${alias} -> v${version}: ${args.reason}"
    return version
}
