# Sourced by the launchers and .ci/run: sets JAVA_HOME to a JDK of 21 or newer, or fails.
# Order: $JAVA_HOME, the `java` on PATH, then the JDKs installed under /usr/lib/jvm and /opt.

mlops_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

mlops_find_java_home() {
    local candidate major
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
        [ -x "$candidate/bin/java" ] && candidates+=("$candidate")
    done
    for candidate in "${candidates[@]}"; do
        [ -x "$candidate/bin/javac" ] || [ -x "$candidate/bin/java" ] || continue
        major=$(mlops_java_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if ! MLOPS_JAVA_HOME=$(mlops_find_java_home); then
    echo "mlops: no JDK of version 21 or newer found (looked at \$JAVA_HOME, PATH, /usr/lib/jvm, /opt)." >&2
    echo "mlops: install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$MLOPS_JAVA_HOME"
