/**
 * The whole model lifecycle as one declarative pipeline, from a Jenkinsfile of a few lines:
 *
 *   @Library('mlops') _
 *   mlopsPipeline {
 *       model = 'persons'
 *       data = 'data/'
 *       labels = 'coco:data/annotations.json'
 *       train = 'python train.py --data data/ --out runs/'
 *       framework = 'pytorch'
 *       checkpoint = 'runs/best.pt'
 *       sampleInput = 'sample.npy'
 *       validation = 'coco:data/val/instances.json?images=data/val'
 *       task = 'detection'
 *   }
 *
 * or mlopsPipeline(model: 'persons', ...), or the same settings in mlops.yaml at the repository root
 * (see mlopsConfig; the Jenkinsfile's settings win over the file's).
 *
 * Stages: Data (dataSnapshot with label validation and the label drift gate maxPsi) and Model
 * (trackRun around the training command under withGpus, convertToOnnx, evaluateModel gated against
 * the production alias when it exists: on the model's first run it does not, and the gates that
 * compare with it are skipped with a note in the log; registration as model@alias) on a node
 * labelled trainLabel ('gpu'); Deploy, in parallel to every deploy target's label ('gpu' with
 * TensorRT, 'intel' with OpenVINO by default); Approve (input, when approval is true) and Promote
 * (the alias promoteTo moved to the new version with a reason, when promoteTo is set).
 */
def call(Closure body) {
    call(mlopsConfig.fromClosure(body))
}

def call(Map settings) {
    Map cfg = [:]
    node(settings.configLabel ?: '') {
        checkout scm
        cfg = mlopsConfig(settings)
    }
    Map state = [:]
    pipeline {
        agent none
        stages {
            stage('Model') {
                agent { label cfg.trainLabel }
                stages {
                    stage('Data') {
                        steps {
                            script {
                                state.snapshot = dataSnapshot(path: cfg.data, name: cfg.model, labels: cfg.labels,
                                        maxPsi: cfg.maxPsi as double)
                            }
                        }
                    }
                    stage('Train') {
                        steps {
                            script {
                                state.run = trackRun(experiment: cfg.model, snapshots: [state.snapshot]) {
                                    mlopsTrain(cfg)
                                }
                            }
                        }
                    }
                    stage('Convert') {
                        steps {
                            convertToOnnx(framework: cfg.framework, model: cfg.checkpoint, output: cfg.onnx,
                                    opset: cfg.opset as int, sampleInput: cfg.sampleInput, python: cfg.python)
                        }
                    }
                    stage('Evaluate') {
                        steps {
                            script {
                                state.metrics = evaluateModel(model: cfg.onnx, data: cfg.validation, task: cfg.task,
                                        gates: cfg.gates, baseline: cfg.baseline ?: '', register: cfg.model,
                                        alias: cfg.alias, onGateFailure: cfg.onGateFailure)
                                mlopsCompare(model: cfg.model, candidate: cfg.alias,
                                        production: cfg.promoteTo ?: 'production', store: cfg.store)
                            }
                        }
                    }
                }
            }
            stage('Deploy') {
                // an unstable build (label drift, or a failed gate with onGateFailure: 'unstable') ships nothing
                when { expression { cfg.deploy && currentBuild.currentResult == 'SUCCESS' } }
                steps {
                    script {
                        parallel(mlopsDeployBranches(cfg))
                    }
                }
            }
            stage('Approve') {
                when { expression { cfg.approval && cfg.promoteTo && currentBuild.currentResult == 'SUCCESS' } }
                steps {
                    script {
                        state.approver = input(message: "Promote ${cfg.model}@${cfg.alias} to ${cfg.promoteTo}?",
                                ok: 'Promote', submitterParameter: 'approver')
                    }
                }
            }
            stage('Promote') {
                when {
                    beforeAgent true
                    expression { cfg.promoteTo && currentBuild.currentResult == 'SUCCESS' }
                }
                agent { label cfg.trainLabel }
                steps {
                    mlopsPromote(model: cfg.model, from: cfg.alias, to: cfg.promoteTo, store: cfg.store,
                            actor: state.approver ?: '',
                            reason: "build ${env.BUILD_TAG}: every gate held"
                                    + (state.approver ? ", approved by ${state.approver}" : ''))
                }
            }
        }
    }
}

/** The training command, on gpus GPUs of the node reserved for it when gpus is above 0. */
void mlopsTrain(Map cfg) {
    if ((cfg.gpus as int) > 0) {
        withGpus(count: cfg.gpus as int) {
            sh cfg.train
        }
    } else {
        sh cfg.train
    }
}

/** One parallel branch per deploy target: deployTo of model@alias on a node with the target's label. */
Map mlopsDeployBranches(Map cfg) {
    Map branches = [:]
    cfg.deploy.each { name, target ->
        if (target) {
            branches["${name} (${target.backend})"] = {
                node(target.label ?: name) {
                    deployTo(backend: target.backend, model: "${cfg.model}@${cfg.alias}", agent: target.agent ?: '',
                            device: target.device ?: '', credentialsId: target.credentialsId ?: cfg.credentialsId,
                            canary: (target.canary ?: cfg.canary) as int, watch: (target.watch ?: cfg.watch) as int)
                }
            }
        }
    }
    return branches
}
