/**
 * The settings of mlopsPipeline: the library's defaults, then the repository's config file (mlops.yaml,
 * read with readYaml of the Pipeline Utility Steps plugin) when it exists, then the map or closure the
 * Jenkinsfile gives, each overriding the one before. Nested maps (deploy targets) merge key by key.
 *
 *   def cfg = mlopsConfig(model: 'persons')          // in a node, after checkout
 *   def cfg = mlopsConfig([model: 'persons'], false) // the defaults and the map only, no file
 */
Map call(Map overrides = [:], boolean readFile = true) {
    Map cfg = defaults()
    String file = overrides.configFile ?: cfg.configFile
    if (readFile && fileExists(file)) {
        def fromFile = readYaml(file: file)
        if (fromFile != null && !(fromFile instanceof Map)) {
            error "mlopsConfig: ${file} must hold a map of settings (model: ..., data: ...), not ${fromFile.getClass().simpleName}"
        }
        cfg = merge(cfg, fromFile ?: [:])
    }
    cfg = merge(cfg, overrides)
    check(cfg)
    if (!cfg.gates) {
        cfg.gates = readYaml(text: libraryResource("io/mlops/gates/${cfg.task}.yaml")).gates
    }
    return cfg
}

/** The settings a closure body sets: mlopsPipeline { model = 'persons' }. */
Map fromClosure(Closure body) {
    Map cfg = [:]
    body.resolveStrategy = Closure.DELEGATE_FIRST
    body.delegate = cfg
    body()
    return cfg
}

/** Every setting and its default; docs/shared-library.md lists them. */
Map defaults() {
    return [
        configFile: 'mlops.yaml',
        model: null, data: null, labels: '', maxPsi: 0.2,
        train: null, trainLabel: 'gpu', gpus: 1,
        framework: null, checkpoint: null, onnx: 'model.onnx', sampleInput: '', python: '', opset: 0,
        validation: null, task: null, gates: [], baseline: 'production', alias: 'staging',
        onGateFailure: 'failure',
        deploy: [
            gpu: [label: 'gpu', backend: 'auto', agent: '', device: ''],
            intel: [label: 'intel', backend: 'auto', agent: '', device: ''],
        ],
        canary: 10, watch: 120, credentialsId: '',
        approval: false, promoteTo: 'production', store: '',
    ]
}

@NonCPS
Map merge(Map base, Map top) {
    Map out = [:]
    out.putAll(base)
    top.each { key, value ->
        out[key] = (value instanceof Map && base[key] instanceof Map) ? merge(base[key], value) : value
    }
    return out
}

void check(Map cfg) {
    ['model', 'data', 'train', 'framework', 'checkpoint', 'validation', 'task'].each { key ->
        if (!cfg[key]) {
            error "mlopsPipeline needs '${key}' (in the Jenkinsfile's map or closure, or in ${cfg.configFile})"
        }
    }
    if (!(cfg.task in ['classification', 'detection', 'regression'])) {
        error "mlopsPipeline: task must be classification, detection or regression, not '${cfg.task}'"
    }
    if (cfg.deploy != false && !(cfg.deploy instanceof Map)) {
        error "mlopsPipeline: deploy must be a map of targets (gpu: [backend: 'tensorrt', ...]) or false"
    }
}
