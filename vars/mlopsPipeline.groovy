/**
 * The whole model lifecycle as one call, composed of the MLOps steps:
 *
 *   mlopsPipeline(
 *       model: 'persons', data: 'data/', labels: 'coco:data/ann.json',
 *       train: 'python train.py', framework: 'pytorch', checkpoint: 'runs/best.pt', sampleInput: 'sample.npy',
 *       validation: 'coco:data/val/instances.json?images=data/val', task: 'detection',
 *       gates: ['mAP50 >= 0.6', 'mAP50 >= baseline - 0.01'],
 *       deploy: [backend: 'onnxruntime', agent: 'gpu-1', canary: 10, watch: 120])
 *
 * Runs inside the caller's node (it needs a workspace). Returns the registered version's metrics.
 */
def call(Map args) {
    ['model', 'data', 'train', 'framework', 'checkpoint', 'validation', 'task'].each { key ->
        if (!args[key]) {
            error "mlopsPipeline needs '${key}'"
        }
    }
    def snapshot = dataSnapshot(path: args.data, name: args.model, labels: args.labels ?: '')
    trackRun(experiment: args.model, snapshots: [snapshot]) {
        sh args.train
    }
    def onnx = args.onnx ?: 'model.onnx'
    convertToOnnx(framework: args.framework, model: args.checkpoint, output: onnx,
            sampleInput: args.sampleInput ?: '', python: args.python ?: '')
    def metrics = evaluateModel(model: onnx, data: args.validation, task: args.task,
            gates: args.gates ?: [], baseline: args.baseline ?: 'production', register: args.model,
            alias: args.deploy ? (args.deploy.alias ?: 'staging') : '',
            onGateFailure: args.onGateFailure ?: 'failure')
    if (args.deploy) {
        deployTo(backend: args.deploy.backend ?: 'onnxruntime', model: "${args.model}@${args.deploy.alias ?: 'staging'}",
                agent: args.deploy.agent ?: '', credentialsId: args.deploy.credentialsId ?: '',
                canary: args.deploy.canary ?: 100, watch: args.deploy.watch ?: 0)
    }
    return metrics
}
