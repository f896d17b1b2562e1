/**
 * Waits until the canary of a model on an inference agent has ended (the agent's watch promoted it
 * to take all traffic, or rolled it back), polling the agent's admin API
 * (GET /v2/admin/models/MODEL with the admin token), and fails the build when it was rolled back:
 *
 *   mlopsWaitForCanary(agent: 'http://gpu-1:8000', model: 'persons', version: '7',
 *                      credentialsId: 'gpu-1-admin-token', timeoutMinutes: 30)
 *
 * Returns the agent's last status of the model. Use it after deployTo(..., canary: 10, watch: 0)
 * when the watch is left to the agent rather than to the deploying step.
 */
Map call(Map args) {
    ['agent', 'model', 'version', 'credentialsId'].each { key ->
        if (!args[key]) {
            error "mlopsWaitForCanary needs '${key}'"
        }
    }
    String version = args.version as String
    Map status = [:]
    timeout(time: (args.timeoutMinutes ?: 30) as int, unit: 'MINUTES') {
        waitUntil(initialRecurrencePeriod: ((args.pollSeconds ?: 10) as int) * 1000L, quiet: true) {
            status = fetch(args)
            return status.serving?.canary != version
        }
    }
    if (status.serving?.primary == version) {
        echo "[mlops] canary ${args.model} v${version} passed its watch and takes all traffic on ${args.agent}"
        return status
    }
    String why = status.lastRollback?.from == version ? status.lastRollback.reason : 'it no longer serves'
    error "mlopsWaitForCanary: ${args.model} v${version} was rolled back on ${args.agent}: ${why}"
}

Map fetch(Map args) {
    withCredentials([string(credentialsId: args.credentialsId, variable: 'MLOPS_AGENT_TOKEN')]) {
        withEnv(["MLOPS_AGENT_URL=${args.agent}", "MLOPS_MODEL=${args.model}"]) {
            // single quotes: the shell, not Groovy, expands the token, so it never reaches the log
            String text = sh(returnStdout: true, script:
                    'curl -sSf -H "Authorization: Bearer $MLOPS_AGENT_TOKEN" "$MLOPS_AGENT_URL/v2/admin/models/$MLOPS_MODEL"')
            return readJSON(text: text) as Map
        }
    }
}
