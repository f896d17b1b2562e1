#!/usr/bin/env bash
# Registry web UI benchmark: time until the model page is usable in Chromium (first frame painted
# with the versions table filled), median of N loads, cold and warm, next to the model's JSON
# fetched alone. Target: usable under 1 s.
#
# usage: bench/registry-ui-usable.sh URL MODEL [LOADS]     measure a running server
#        bench/registry-ui-usable.sh [LOADS]               seed 200 models x 50 versions (10,000) into a
#                                                          fresh SQLite store, serve it, measure model-100
# needs: the jar (./mvnw -q -DskipTests package), Chromium ($CHROMIUM, else /usr/bin/chromium) and
#        Playwright for Java in ~/.m2 (the test build fetches it); no browser download.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
# shellcheck source=../bin/java-home.sh
. "$root/bin/java-home.sh"
java="$JAVA_HOME/bin/java"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "registry-ui-usable: Chromium not found at $chromium (set CHROMIUM)" >&2; exit 1; }
jar="$root/mlops-cli/target/mlops.jar"
[ -f "$jar" ] || { echo "registry-ui-usable: build first: ./mvnw -q -DskipTests package" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# Playwright's classpath, resolved by Maven from a one-dependency project (offline when ~/.m2 has it).
version="$(sed -n 's:.*<playwright.version>\(.*\)</playwright.version>.*:\1:p' "$root/pom.xml")"
cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>bench</groupId><artifactId>registry-ui-usable</artifactId><version>1</version>
<dependencies><dependency><groupId>com.microsoft.playwright</groupId><artifactId>playwright</artifactId>
<version>$version</version></dependency></dependencies></project>
POM
"$root/mvnw" -q -B -ntp -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >"$work/mvn.log" 2>&1 \
    || { cat "$work/mvn.log" >&2; exit 1; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "$("$chromium" --version 2>/dev/null), Playwright for Java $version, $("$java" -version 2>&1 | head -1)"

if [ $# -ge 2 ]; then
    url="$1"; model="$2"; loads="${3:-15}"
else
    loads="${1:-15}"
    echo "seeding 200 models x 50 versions ..."
    "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" "$here/RegistryUiSeed.java" "$work/mlops.db" 200 50
    port="$("$java" -cp "$jar" "$here/FreePort.java")"
    "$root/bin/mlops" --home "$work/home" server --port "$port" --store "sqlite:$work/mlops.db" >"$work/server.log" 2>&1 &
    server_pid=$!
    url="http://127.0.0.1:$port"; model="model-100"
    for _ in $(seq 1 240); do
        curl -sf -o /dev/null "$url/api/registry/v1/models?limit=1" && break
        kill -0 "$server_pid" 2>/dev/null || { echo "registry-ui-usable: mlops server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
        sleep 0.5
    done
    echo "store: $(curl -sf "$url/api/registry/v1/models?limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p') models"
fi
echo
"$java" -cp "$(cat "$work/cp.txt")" "$here/RegistryUiUsable.java" "$url" "$model" "$loads" "$chromium"
