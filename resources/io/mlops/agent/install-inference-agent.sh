#!/usr/bin/env bash
# Installs the inference agent as a systemd service on a serving node, as root:
#   install-inference-agent.sh /path/to/mlops-suite    (a checkout or release holding bin/inference-agent
#                                                       and inference-agent/target/inference-agent.jar)
# Creates the mlops-agent user, /var/lib/mlops-agent, an admin token in /etc/mlops-agent/admin-token
# (mode 0600, never printed: copy it into a Jenkins secret-text credential by hand), the unit, and
# starts it. Running it again keeps the token and the models.
set -euo pipefail
suite="${1:?usage: install-inference-agent.sh SUITE_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
unit="${MLOPS_AGENT_UNIT:-$here/inference-agent.service}"
[ -x "$suite/bin/inference-agent" ] || { echo "no $suite/bin/inference-agent" >&2; exit 1; }
[ -f "$suite/inference-agent/target/inference-agent.jar" ] || { echo "no inference-agent.jar under $suite; build it first" >&2; exit 1; }
[ -f "$unit" ] || { echo "no unit file $unit" >&2; exit 1; }

id mlops-agent >/dev/null 2>&1 || useradd --system --home-dir /var/lib/mlops-agent --shell /usr/sbin/nologin mlops-agent
install -d -o mlops-agent -g mlops-agent -m 0750 /var/lib/mlops-agent /var/lib/mlops-agent/models
install -d -o root -g mlops-agent -m 0750 /etc/mlops-agent
if [ ! -s /etc/mlops-agent/admin-token ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n=' >/etc/mlops-agent/admin-token)
fi
chown root:mlops-agent /etc/mlops-agent/admin-token
chmod 0640 /etc/mlops-agent/admin-token
install -d /opt/mlops/bin /opt/mlops/inference-agent/target
install -m 0755 "$suite/bin/inference-agent" "$suite/bin/java-home.sh" /opt/mlops/bin/
install -m 0644 "$suite/inference-agent/target/inference-agent.jar" /opt/mlops/inference-agent/target/
install -m 0644 "$unit" /etc/systemd/system/inference-agent.service
systemctl daemon-reload
systemctl enable --now inference-agent.service
echo "inference-agent installed; admin token in /etc/mlops-agent/admin-token"
