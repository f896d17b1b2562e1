/**
 * Moves an alias (default production) of a registered model back to the version it pointed to
 * before, with a reason the registry's audit log keeps together with who did it:
 *
 *   mlopsRollback(model: 'persons', reason: 'p95 latency doubled after the release')
 *
 * Returns the version the alias points to afterwards. Runs `mlops registry rollback` on the
 * current node (store: the shared registry's postgresql:// URL; see mlopsCli).
 */
Integer call(Map args) {
    ['model', 'reason'].each { key ->
        if (!args[key]) {
            error "mlopsRollback needs '${key}'"
        }
    }
    String store = args.store ?: ''
    String alias = args.alias ?: 'production'
    mlopsCli([store: store, actor: args.actor ?: ''], ['registry', 'rollback', args.model, alias, '--reason', args.reason])
    Integer version = mlopsRegistry.versionOf(args.model, alias, store)
    echo "[mlops] ${args.model}@${alias} rolled back to v${version}: ${args.reason}"
    return version
}
