package io.mlops.library

import groovy.json.JsonSlurper
import groovy.yaml.YamlSlurper
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest

/**
 * The recorded-steps harness: runs a Jenkinsfile and the library's vars/ as plain Groovy (NOT Jenkins'
 * CPS interpreter: no serialization of the program, no sandbox, no real agents), records every step
 * call with its arguments, and gives the steps real effects: sh runs bash in the workspace, and the
 * plugin steps (dataSnapshot, trackRun, convertToOnnx, evaluateModel, deployTo) run the real bin/mlops
 * command that shares the plugins' engine (mlops-core), against one MLOPS_HOME. Every named argument of
 * a plugin step is checked against the step class's parameters read from the plugin's Java sources, so
 * a Jenkinsfile that passes a parameter the step does not have fails here as it would in Jenkins.
 *
 * What it cannot show: deployTo records its call and checks that MODEL@ALIAS names a registered version,
 * but ships nothing (no inference agent with TensorRT or OpenVINO runs here); withGpus records its count
 * and runs the body with CUDA_VISIBLE_DEVICES empty; trackRun wraps each sh of its body in its own
 * `mlops track` run (the plugin makes one run for the whole body).
 */
class RecordedSteps {
    /** A failed step: error(), a failing sh, a failed gate. */
    static class PipelineFailure extends RuntimeException {
        PipelineFailure(String message) {
            super(message)
        }
    }

    final Path root
    final Path workspace
    final Path home
    final Map<String, Set<String>> signatures
    final List<Map> calls = []
    final StringBuilder log = new StringBuilder()
    final Map<String, Object> inputAnswers = [:]
    final Map<String, String> env = [:]
    final Map<String, String> lastSnapshotByName = [:]
    Map currentBuild = [:]
    int buildNumber = 0
    String python
    private Path cwd
    private final Deque<Map<String, String>> envStack = new ArrayDeque<>()
    private boolean inTrackRun
    private Map trackRunArgs
    private String lastRunId
    private Binding currentBinding

    RecordedSteps(Path root, Path workspace, Path home, Map<String, Set<String>> signatures, String python) {
        this.root = root
        this.workspace = workspace
        this.home = home
        this.signatures = signatures
        this.python = python
    }

    /** Runs a Jenkinsfile as build number buildNumber + 1; returns the build's result. */
    String run(String jenkinsfile) {
        buildNumber++
        calls.clear()
        currentBuild = [number: buildNumber, result: 'SUCCESS', currentResult: 'SUCCESS']
        env.clear()
        env.putAll([BUILD_NUMBER: "${buildNumber}".toString(), BUILD_TAG: "jenkins-persons-${buildNumber}".toString(),
                    JOB_NAME: 'persons', BRANCH_NAME: 'main', WORKSPACE: workspace.toString()])
        cwd = workspace
        Binding binding = binding()
        currentBinding = binding
        GroovyShell shell = new GroovyShell(getClass().classLoader, binding, compilerConfiguration())
        Files.list(root.resolve('vars')).sorted().filter { it.fileName.toString().endsWith('.groovy') }.each { file ->
            String name = file.fileName.toString() - '.groovy'
            Script var = shell.parse(file.toFile())
            var.binding = binding
            binding.setVariable(name, var)
        }
        try {
            shell.evaluate(jenkinsfile.replaceFirst(/@Library\('mlops'\) _/, ''), 'Jenkinsfile')
        } catch (PipelineFailure failure) {
            say("ERROR: ${failure.message}")
            setResult('FAILURE')
        }
        say("Finished: ${currentBuild.result}")
        return currentBuild.result
    }

    /** As Jenkins compiles Pipeline scripts: @NonCPS needs no import. */
    static CompilerConfiguration compilerConfiguration() {
        CompilerConfiguration configuration = new CompilerConfiguration()
        configuration.addCompilationCustomizers(new ImportCustomizer().addImports('com.cloudbees.groovy.cps.NonCPS'))
        return configuration
    }

    /** Worsens the build's result, never improves it, as Jenkins does. */
    private void setResult(String result) {
        List<String> order = ['SUCCESS', 'UNSTABLE', 'FAILURE']
        if (order.indexOf(result) > order.indexOf(currentBuild.result)) {
            currentBuild.result = result
            currentBuild.currentResult = result
        }
    }

    private void say(Object line) {
        log.append(line as String).append('\n')
    }

    private void record(String step, Object args) {
        calls << [step: step, args: args]
    }

    /** A script calls a var (mlopsPipeline(...)) as a method: the binding's Script objects answer through call. */
    private Binding binding() {
        Binding binding = new Binding() {
            @Override
            Object getVariable(String name) {
                Object value = super.getVariable(name)
                if (value instanceof Script) {
                    Script var = value
                    return new VarCall(var)
                }
                return value
            }
        }
        RecordedSteps harness = this
        binding.setVariable('none', 'none')
        binding.setVariable('any', 'any')
        binding.setVariable('scm', [type: 'recorded'])
        binding.setVariable('env', new EnvView(harness))
        binding.setVariable('currentBuild', currentBuild)
        Map<String, Closure> steps = [
            pipeline: { Closure body -> harness.pipeline(body) },
            script: { Closure body -> body() },
            node: { Object... args -> harness.node(args) },
            checkout: { Object scm -> harness.record('checkout', scm) },
            sh: { Object args -> harness.sh(args) },
            echo: { Object text -> harness.record('echo', text); harness.say(text) },
            error: { String message -> harness.record('error', message); throw new PipelineFailure(message) },
            withEnv: { List vars, Closure body -> harness.withEnv(vars, body) },
            withCredentials: { List bindings, Closure body -> harness.record('withCredentials', bindings); body() },
            string: { Map args -> args },
            timeout: { Map args, Closure body -> harness.record('timeout', args); body() },
            waitUntil: { Map args, Closure body -> harness.waitUntil(args, body) },
            input: { Map args -> harness.input(args) },
            fileExists: { String path -> Files.exists(harness.cwd.resolve(path)) },
            readFile: { Object args -> harness.cwd.resolve(args instanceof Map ? args.file : args).text },
            writeFile: { Map args -> harness.cwd.resolve(args.file).text = args.text },
            readYaml: { Map args -> harness.readYaml(args) },
            readJSON: { Map args -> new JsonSlurper().parseText(args.text ?: harness.cwd.resolve(args.file).text) },
            libraryResource: { String path -> harness.libraryResource(path) },
            parallel: { Map branches -> harness.parallel(branches) },
            dataSnapshot: { Map args -> harness.dataSnapshot(args) },
            trackRun: { Map args, Closure body -> harness.trackRun(args, body) },
            withGpus: { Map args, Closure body -> harness.withGpus(args, body) },
            convertToOnnx: { Map args -> harness.convertToOnnx(args) },
            evaluateModel: { Map args -> harness.evaluateModel(args) },
            deployTo: { Map args -> harness.deployTo(args) },
        ]
        steps.each { name, step -> binding.setVariable(name, step) }
        return binding
    }

    /** Calls a var's call(...) when a script uses it as a method, and its other methods as they are. */
    static class VarCall extends Closure<Object> {
        final Script var

        VarCall(Script var) {
            super(var)
            this.var = var
        }

        Object doCall(Object... args) {
            return var.invokeMethod('call', args)
        }

        @Override
        Object invokeMethod(String name, Object args) {
            if (name == 'call' || name == 'doCall') {
                return var.invokeMethod('call', args)
            }
            return var.invokeMethod(name, args)
        }

        @Override
        Object getProperty(String name) {
            return var.getProperty(name)
        }
    }

    /** env.X reads and writes the build's environment, as in Jenkins. */
    static class EnvView extends GroovyObjectSupport {
        final RecordedSteps harness

        EnvView(RecordedSteps harness) {
            this.harness = harness
        }

        @Override
        Object getProperty(String name) {
            return harness.effectiveEnv()[name]
        }

        @Override
        void setProperty(String name, Object value) {
            harness.env[name] = value as String
        }
    }

    Map<String, String> effectiveEnv() {
        Map<String, String> all = new LinkedHashMap<>(env)
        envStack.descendingIterator().each { all.putAll(it) }
        return all
    }

    // ---- Declarative Pipeline: the subset the library and Jenkinsfile.example use ----

    void pipeline(Closure body) {
        record('pipeline', null)
        Section spec = section(body)
        runStages(spec.stagesBody)
    }

    private Section section(Closure body) {
        Section spec = new Section(currentBinding)
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.delegate = spec
        body()
        return spec
    }

    private void runStages(Closure stagesBody) {
        List<List> stages = []
        stagesBody.resolveStrategy = Closure.DELEGATE_FIRST
        stagesBody.delegate = new Object() {
            void stage(String name, Closure body) {
                stages << [name, body]
            }
        }
        stagesBody()
        stages.each { stage ->
            runStage(stage[0] as String, stage[1] as Closure)
        }
    }

    private void runStage(String name, Closure body) {
        Section spec = section(body)
        if (spec.whenBody != null && !whenHolds(spec.whenBody)) {
            record('stage', [name: name, skipped: true])
            say("Stage '${name}' skipped due to when conditional")
            return
        }
        record('stage', [name: name, agent: spec.agent])
        say("[Pipeline] stage (${name})" + (spec.agent instanceof Map ? " on a node labelled '${spec.agent.label}'" : ''))
        if (spec.stepsBody != null) {
            spec.stepsBody.call()
        }
        if (spec.stagesBody != null) {
            runStages(spec.stagesBody)
        }
    }

    private boolean whenHolds(Closure when) {
        List<Boolean> holds = []
        when.resolveStrategy = Closure.DELEGATE_FIRST
        when.delegate = new Object() {
            void expression(Closure condition) {
                holds << (condition() as boolean)
            }

            void beforeAgent(boolean before) {
                // recorded only: the harness allocates no agents, so when is always evaluated first
                calls << [step: 'beforeAgent', args: before]
            }

            void branch(String pattern) {
                holds << (env.BRANCH_NAME == pattern)
            }
        }
        when()
        return holds.every()
    }

    // ---- basic steps ----

    Object node(Object[] args) {
        String label = args.length > 1 ? args[0] as String : ''
        Closure body = args[-1] as Closure
        record('node', [label: label])
        return body()
    }

    Object parallel(Map branches) {
        record('parallel', branches.keySet().toList())
        branches.each { name, body ->
            say("[Pipeline] branch ${name}")
            (body as Closure)()
        }
        return null
    }

    Object withEnv(List vars, Closure body) {
        record('withEnv', vars)
        envStack.push(vars.collectEntries { String entry ->
            int at = entry.indexOf('=')
            [(entry.substring(0, at)): entry.substring(at + 1)]
        } as Map<String, String>)
        try {
            return body()
        } finally {
            envStack.pop()
        }
    }

    Object waitUntil(Map args, Closure body) {
        record('waitUntil', args)
        for (int i = 0; i < 100; i++) {
            if (body()) {
                return null
            }
        }
        throw new PipelineFailure('waitUntil: the condition never held in 100 tries')
    }

    Object input(Map args) {
        record('input', args)
        say("[Pipeline] input: ${args.message}")
        String message = args.message as String
        if (!inputAnswers.containsKey(message)) {
            throw new PipelineFailure("input '${message}' was not answered (aborted)")
        }
        return inputAnswers[message]
    }

    Object readYaml(Map args) {
        record('readYaml', args)
        String text = args.text ?: cwd.resolve(args.file as String).text
        return new YamlSlurper().parseText(text)
    }

    String libraryResource(String path) {
        record('libraryResource', path)
        Path file = root.resolve('resources').resolve(path).normalize()
        if (!file.startsWith(root.resolve('resources')) || !Files.isRegularFile(file)) {
            throw new PipelineFailure("No such library resource ${path} could be found.")
        }
        return file.text
    }

    /** sh: bash in the current directory with the build's environment; the plain mlops command is bin/mlops. */
    Object sh(Object args) {
        Map spec = args instanceof Map ? args : [script: args as String]
        String script = spec.script as String
        record('sh', spec)
        if (inTrackRun) {
            // trackRun's body: the command runs as a tracked run, as the plugin's body would
            List words = ['mlops', 'track', '--experiment', trackRunArgs.experiment]
            if (trackRunArgs.name) {
                words += ['--name', trackRunArgs.name]
            }
            (trackRunArgs.snapshots ?: []).each { words += ['--snapshot', it] }
            script = words.collect { quote(it as String) }.join(' ') + ' -- bash -c ' + quote(script)
        }
        return bash(script, spec.returnStdout as boolean, spec.returnStatus as boolean)
    }

    private Object bash(String script, boolean returnStdout, boolean returnStatus) {
        say("+ ${script}")
        Path bin = Files.createDirectories(home.resolveSibling('harness-bin'))
        Path mlops = bin.resolve('mlops')
        if (!Files.exists(mlops)) {
            Files.createSymbolicLink(mlops, root.resolve('bin/mlops'))
        }
        ProcessBuilder builder = new ProcessBuilder('bash', '-c', script).directory(cwd.toFile())
        Map<String, String> environment = builder.environment()
        environment.putAll(effectiveEnv())
        environment.MLOPS_HOME = home.toString()
        environment.MLOPS_PYTHON = python
        environment.PATH = "${bin}:${new File(python).parent}:${System.getenv('PATH')}".toString()
        File out = Files.createTempFile(home.parent, 'sh', '.out').toFile()
        builder.redirectOutput(out)
        builder.redirectErrorStream(!returnStdout)
        if (returnStdout) {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(home.resolveSibling('stderr.log').toFile()))
        }
        int status = builder.start().waitFor()
        String text = out.text
        out.delete()
        if (!returnStdout) {
            say(text)
        }
        if (returnStatus) {
            return status
        }
        if (status != 0) {
            if (returnStdout) {
                say(home.resolveSibling('stderr.log').toFile().text)
            }
            throw new PipelineFailure("script returned exit code ${status}")
        }
        return returnStdout ? text : null
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'"
    }

    private String mlops(List args, boolean returnStdout = false) {
        return bash((['mlops'] + args).collect { quote(it as String) }.join(' '), returnStdout, false) as String
    }

    // ---- the plugins' steps, through the real mlops command ----

    private void checkParameters(String step, Map args) {
        Set<String> known = signatures[step]
        if (known == null) {
            throw new PipelineFailure("No such DSL method '${step}' found among the plugins' step classes")
        }
        Set<String> unknown = args.keySet().findAll { !known.contains(it) } as Set<String>
        if (unknown) {
            throw new PipelineFailure("${step}: unknown parameters ${unknown}; the step takes ${known}")
        }
    }

    String dataSnapshot(Map args) {
        checkParameters('dataSnapshot', args)
        record('dataSnapshot', args)
        List words = ['--json', 'data', 'snapshot', args.path]
        if (args.name) {
            words += ['--name', args.name]
        }
        if (args.message) {
            words += ['--message', args.message]
        }
        if (args.labels) {
            words += ['--labels', args.labels]
        }
        if (args.images) {
            words += ['--images', args.images]
        }
        if (args.strict) {
            words << '--strict'
        }
        def result = new JsonSlurper().parseText(mlops(words, true))
        String id = result.snapshot.snapshot.id
        String previous = lastSnapshotByName[args.name ?: args.path]
        double maxPsi = (args.maxPsi ?: 0) as double
        if (maxPsi > 0 && args.labels && previous != null && previous != id) {
            int status = bash((['mlops', 'data', 'labels', 'drift', previous, id, '--max-psi', maxPsi as String])
                    .collect { quote(it as String) }.join(' '), false, true) as int
            if (status != 0) {
                say("[mlops] label drift above maxPsi ${maxPsi}: build marked unstable")
                setResult('UNSTABLE')
            }
        }
        lastSnapshotByName[args.name ?: args.path] = id
        return id
    }

    String trackRun(Map args, Closure body) {
        checkParameters('trackRun', args)
        record('trackRun', args)
        inTrackRun = true
        trackRunArgs = args
        try {
            body()
        } finally {
            inTrackRun = false
        }
        def runs = new JsonSlurper().parseText(mlops(['--json', 'runs', 'list', '--experiment', args.experiment], true))
        lastRunId = runs[0].info.runId
        return lastRunId
    }

    Object withGpus(Map args, Closure body) {
        checkParameters('withGpus', args)
        record('withGpus', args)
        return withEnv(['CUDA_VISIBLE_DEVICES=', 'NVIDIA_VISIBLE_DEVICES='], body)
    }

    void convertToOnnx(Map args) {
        checkParameters('convertToOnnx', args)
        record('convertToOnnx', args)
        List words = ['convert', '--framework', args.framework, '--model', args.model, '--out', args.output]
        if ((args.opset ?: 0) as int > 0) {
            words += ['--opset', args.opset as String]
        }
        if (args.sampleInput) {
            words += ['--sample-input', args.sampleInput]
        }
        if (args.python) {
            words += ['--python', args.python]
        }
        mlops(words)
    }

    Map evaluateModel(Map args) {
        checkParameters('evaluateModel', args)
        record('evaluateModel', args)
        List<String> gates = (args.gates ?: []) as List<String>
        String baselineFile = null
        String reference = args.baseline ?: null
        if (reference == null) {
            String onBaseline = gates.find { it =~ /\bbaseline\b/ }
            if (onBaseline) {
                throw new PipelineFailure("evaluateModel gate '${onBaseline}' compares with the baseline, but no baseline is given")
            }
        } else if (Files.isRegularFile(cwd.resolve(reference))) {
            baselineFile = reference
        } else {
            baselineFile = registeredFile(args.register as String, reference)
            if (baselineFile == null) {
                List skipped = gates.findAll { it =~ /\bbaseline\b/ }
                gates = gates - skipped
                say("[mlops] the registry alias '${reference}' does not exist yet: skipped ${skipped}")
            } else {
                say("[mlops] baseline ${reference} is ${baselineFile}")
            }
        }
        Path report = Files.createDirectories(workspace.resolve('.mlops')).resolve("report-${buildNumber}")
        List words = ['--json', 'evaluate', '--model', args.model, '--data', args.data, '--task', args.task,
                      '--report', report.toString()]
        gates.each { words += ['--gate', it] }
        if (baselineFile) {
            words += ['--baseline', baselineFile]
        }
        String line = words.collect { quote(it as String) }.join(' ')
        int status = bash("mlops ${line} > ${quote(report.toString() + '.json')}", false, true) as int
        if (status == 3) {
            String onFailure = args.onGateFailure ?: 'failure'
            if (onFailure == 'failure') {
                throw new PipelineFailure('evaluateModel: a gate failed')
            }
            setResult('UNSTABLE')
            return new JsonSlurper().parse(report.resolve('report.json').toFile()).metrics as Map
        }
        if (status != 0) {
            throw new PipelineFailure("evaluateModel: mlops evaluate ended with ${status}")
        }
        Map metrics = new JsonSlurper().parse(report.resolve('report.json').toFile()).metrics as Map
        if (args.register) {
            register(args, report)
        }
        return metrics
    }

    /** The version's file kept where the controller would keep it (here: by its SHA-256 beside the home). */
    private void register(Map args, Path report) {
        Path model = cwd.resolve(args.model as String)
        String sha = MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(model)).encodeHex().toString()
        Path kept = Files.createDirectories(home.resolveSibling('versions')).resolve("${sha}.onnx")
        Files.copy(model, kept, StandardCopyOption.REPLACE_EXISTING)
        List words = ['registry', 'register', args.register, '--file', kept.toString(), '--metrics', report.toString(),
                      '--description', "build ${buildNumber}".toString()]
        if (lastRunId) {
            words += ['--run', lastRunId]
        }
        String version = mlops(words, true).trim()
        say("[mlops] registered ${args.register} v${version}")
        if (args.alias) {
            mlops(['registry', 'alias', args.register, args.alias, version, '--reason', "build ${buildNumber}: every gate held".toString()])
        }
    }

    private String registeredFile(String model, String reference) {
        int at = reference.lastIndexOf('@')
        String name = at < 0 ? model : reference.substring(0, at)
        String alias = reference.substring(at + 1)
        def listed = new JsonSlurper().parseText(mlops(['--json', 'registry', 'list'], true))
        if (!listed.any { it.model.name == name }) {
            return null
        }
        def shown = new JsonSlurper().parseText(mlops(['--json', 'registry', 'show', name], true))
        def version = shown.model.aliases[alias]
        return version == null ? null : shown.versions.find { it.version == version }.source.uri
    }

    void deployTo(Map args) {
        checkParameters('deployTo', args)
        record('deployTo', args)
        String model = args.model
        int at = model.lastIndexOf('@')
        if (at > 0) {
            def shown = new JsonSlurper().parseText(mlops(['--json', 'registry', 'show', model.substring(0, at)], true))
            if (shown.model.aliases[model.substring(at + 1)] == null) {
                throw new PipelineFailure("deployTo: ${model} names no registered version")
            }
        }
        say("[harness] deployTo ${args} recorded: no inference agent runs here, nothing was shipped")
    }
}

/** A declarative section (pipeline, stage): its agent, when, steps and nested stages. */
class Section {
    final Binding binding
    Object agent
    Closure whenBody
    Closure stepsBody
    Closure stagesBody
    Map triggers = [:]

    Section(Binding binding) {
        this.binding = binding
    }

    /** Steps called in a stage's closures are the build's steps (Groovy does not find them through the owner). */
    Object methodMissing(String name, Object args) {
        Object step = binding.hasVariable(name) ? binding.getVariable(name) : null
        if (step instanceof Closure) {
            return (step as Closure).call(*(args as List))
        }
        throw new MissingMethodException(name, Section, args as Object[])
    }

    void agent(Object kind) {
        agent = kind
    }

    void agent(Closure body) {
        Map spec = [:]
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body.delegate = new Object() {
            void label(String label) {
                spec.label = label
            }
        }
        body()
        agent = spec
    }

    void when(Closure body) {
        whenBody = body
    }

    void steps(Closure body) {
        stepsBody = body
    }

    void stages(Closure body) {
        stagesBody = body
    }

    void options(Closure body) {
        triggers.options = body
    }

    void triggers(Closure body) {
        triggers.triggers = body
    }
}
