/**
 * Runs the mlops command on the current node and returns what it printed: the one place where the
 * library's helpers build a command line. Every argument is quoted for the shell.
 *
 *   String json = mlopsCli(['--json', 'registry', 'show', 'persons'])
 *   mlopsCli(['registry', 'alias', 'persons', 'production', '3', '--reason', 'why'], actor: 'alice')
 *
 * The command is env.MLOPS_CLI, else 'mlops' on the PATH. store (else env.MLOPS_STORE; neither: the node's home) names the
 * registry's metadata store (postgresql://...) shared with the Jenkins controller; actor is who the
 * audit log records ($USER of the command); default: the build's tag.
 */
String call(Map options = [:], List args) {
    String line = commandLine([env.MLOPS_CLI ?: 'mlops'] + args, options.store ?: (env.MLOPS_STORE ?: ''))
    String actor = options.actor ?: "jenkins:${env.BUILD_TAG ?: 'build'}"
    withEnv(["USER=${actor}"]) {
        return sh(script: line, returnStdout: true)
    }
}

/** The quoted command line; --store belongs to the subcommand: it goes before the first option. */
@NonCPS
String commandLine(List command, String store) {
    List words = new ArrayList(command)
    if (store) {
        int at = words.findIndexOf(1) { it.startsWith('-') && it != '--json' }
        words.addAll(at < 0 ? words.size() : at, ['--store', store])
    }
    return words.collect { quote(it as String) }.join(' ')
}

/** The word as the shell reads it back unchanged. */
@NonCPS
String quote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'"
}
