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
 *
 * The baseline defaults to the model's 'production' alias. On the model's first run no version has it
 * yet: evaluateModel then skips the gates that compare with the baseline and says so in the log, so the
 * first build can register the version that later becomes production. baseline: '' switches the
 * comparison off (gates that name the baseline then fail the step).
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
    // 'production' unless the caller named a baseline; an empty one ('') means none.
    def baseline = args.containsKey('baseline') ? (args.baseline ?: '') : 'production'
    convertToOnnx(framework: args.framework, model: args.checkpoint, output: onnx,
            sampleInput: args.sampleInput ?: '', python: args.python ?: '')
    def metrics = evaluateModel(model: onnx, data: args.validation, task: args.task,
            gates: args.gates ?: [], baseline: baseline, register: args.model,
            alias: args.deploy ? (args.deploy.alias ?: 'staging') : '',
            onGateFailure: args.onGateFailure ?: 'failure')
    if (args.deploy) {
        deployTo(backend: args.deploy.backend ?: 'onnxruntime', model: "${args.model}@${args.deploy.alias ?: 'staging'}",
                agent: args.deploy.agent ?: '', credentialsId: args.deploy.credentialsId ?: '',
                canary: args.deploy.canary ?: 100, watch: args.deploy.watch ?: 0)
    }
    return metrics
}

