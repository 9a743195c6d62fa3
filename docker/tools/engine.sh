#!/usr/bin/env bash
# Ensure a Docker engine is installed and running, then wait until `docker info` answers.
#   - installs Debian's docker.io (engine, containerd, runc) if dockerd is missing
#     (never the docker-compose v1 Python package; compose v2 comes from compose.sh)
#   - starts dockerd if it is not answering: through systemd when systemd runs, otherwise in the
#     background with its output in $DOCKERD_LOG
# Idempotent: does nothing when the engine already answers.
# Environment (all optional):
#   DOCKERD_LOG      dockerd's log when started here   (default /var/log/dockerd.log)
#   DOCKER_WAIT      seconds to wait for the engine    (default 60)
set -euo pipefail

log() { printf '[engine] %s\n' "$*"; }
die() { printf '[engine] ERROR: %s\n' "$*" >&2; exit 1; }

DOCKERD_LOG=${DOCKERD_LOG:-/var/log/dockerd.log}
DOCKER_WAIT=${DOCKER_WAIT:-60}

if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
  die "not root and no sudo: cannot install or start the engine"
fi

engine_up() { docker info >/dev/null 2>&1; }

# 1. Install the engine if missing.
if ! command -v dockerd >/dev/null 2>&1; then
  log "dockerd not found: installing Debian's docker.io with apt-get"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script installs the engine on Debian/Ubuntu only"
  "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends docker.io \
    || die "apt-get install docker.io failed"
  command -v dockerd >/dev/null 2>&1 || die "docker.io installed but dockerd is still not on PATH"
else
  log "dockerd present: $(dockerd --version)"
fi
command -v docker >/dev/null 2>&1 || die "the docker client is not on PATH (docker.io ships /usr/bin/docker)"

# 2. Start it if it is not answering.
if engine_up; then
  log "engine already running"
else
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    log "starting docker through systemd"
    "${SUDO[@]}" systemctl start docker || die "systemctl start docker failed (see: journalctl -u docker)"
  elif pgrep -x dockerd >/dev/null 2>&1; then
    log "a dockerd process exists but does not answer yet; waiting for it"
  else
    # A pid file left by a dockerd that died makes the next one refuse to start.
    if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
      log "removing stale /var/run/docker.pid"
      "${SUDO[@]}" rm -f /var/run/docker.pid
    fi
    log "starting dockerd in the background, log: $DOCKERD_LOG"
    "${SUDO[@]}" mkdir -p "$(dirname "$DOCKERD_LOG")"
    # setsid + nohup: dockerd outlives this shell; its own containerd is started by it.
    "${SUDO[@]}" sh -c 'setsid nohup dockerd >>"$1" 2>&1 </dev/null &' sh "$DOCKERD_LOG"
  fi
fi

# 3. Wait until `docker info` works.
for _ in $(seq $((DOCKER_WAIT * 2))); do
  engine_up && break
  sleep 0.5
done
engine_up || die "engine did not answer within ${DOCKER_WAIT}s; last lines of $DOCKERD_LOG:
$(tail -n 20 "$DOCKERD_LOG" 2>/dev/null)"

log "engine ready (dockerd pid $(cat /var/run/docker.pid 2>/dev/null || echo '?')): server $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})'), \
storage $(docker info --format '{{.Driver}}'), cgroup v$(docker info --format '{{.CgroupVersion}}'), \
client $(docker version --format '{{.Client.Version}}')"
