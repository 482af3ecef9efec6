#!/usr/bin/env bash
# A running Docker engine with the compose and buildx CLI plugins, for the compose tier
# (e2e/compose) and every other test that needs `docker info`. Run by .ci/run before `pnpm test`;
# safe to run again (each step does nothing when its work is already done).
#   install   Debian's docker.io (the engine, containerd, runc) when dockerd is missing
#   start     dockerd in the background (no systemd here), then wait for `docker info`
#   plugins   .tools/bin/docker-compose and .tools/bin/docker-buildx (`pnpm tools:build`) linked
#             into Docker's CLI plugin directory, then `docker compose version` / `docker buildx version`
# Each step prints its time; a step that fails prints one line `docker-engine: FAILED <step>: <why>`
# and the script exits 1.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DOCKERD_LOG=${DOCKERD_LOG:-/var/log/tracelab-dockerd.log}
PLUGIN_DIR=${DOCKER_PLUGIN_DIR:-/usr/local/lib/docker/cli-plugins}

sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

step() {
  local name=$1
  shift
  local started=$SECONDS
  local why
  if why=$("$@" 2>&1); then
    echo "docker-engine: ${name}: ${why:-ok} ($((SECONDS - started)) s)"
  else
    echo "docker-engine: FAILED ${name}: $(printf '%s' "$why" | tail -3 | tr '\n' ' ')($((SECONDS - started)) s)" >&2
    exit 1
  fi
}

install_engine() {
  if command -v dockerd >/dev/null 2>&1; then
    echo "dockerd present ($(dockerd --version))"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
    echo "dockerd is missing and installing docker.io needs root (or password-less sudo)"
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  sudo_ apt-get -o DPkg::Lock::Timeout=900 update -qq >/dev/null || { echo "apt-get update failed"; return 1; }
  sudo_ apt-get -o DPkg::Lock::Timeout=900 install -y -qq docker.io >/dev/null || { echo "apt-get install docker.io failed"; return 1; }
  echo "installed $(dockerd --version)"
}

start_engine() {
  if docker info >/dev/null 2>&1; then
    echo "engine already running (server $(docker version --format '{{.Server.Version}}'))"
    return 0
  fi
  # A socket or pid file left by an engine that died would stop a new one from starting.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    sudo_ rm -f /var/run/docker.pid
  fi
  sudo_ sh -c "setsid nohup dockerd >>'$DOCKERD_LOG' 2>&1 &" || { echo "could not launch dockerd"; return 1; }
  for _ in $(seq 1 120); do
    if docker info >/dev/null 2>&1; then
      echo "engine started (server $(docker version --format '{{.Server.Version}}'), log $DOCKERD_LOG)"
      return 0
    fi
    sleep 0.5
  done
  echo "dockerd did not answer within 60 s; its log ($DOCKERD_LOG) ends with: $(tail -3 "$DOCKERD_LOG" 2>/dev/null)"
  return 1
}

link_plugins() {
  sudo_ mkdir -p "$PLUGIN_DIR" || { echo "cannot create $PLUGIN_DIR"; return 1; }
  local plugin
  for plugin in docker-compose docker-buildx; do
    if [ ! -x "$root/.tools/bin/$plugin" ]; then
      echo ".tools/bin/$plugin is missing: run \`pnpm tools:build $plugin\`"
      return 1
    fi
    # A copy, not a link: the CLI must not see a half-written file while tools:build replaces it.
    if ! cmp -s "$root/.tools/bin/$plugin" "$PLUGIN_DIR/$plugin"; then
      sudo_ install -m 0755 "$root/.tools/bin/$plugin" "$PLUGIN_DIR/$plugin" || { echo "cannot install $plugin into $PLUGIN_DIR"; return 1; }
    fi
  done
  local compose buildx
  compose=$(docker compose version --short 2>&1) || { echo "docker compose does not run: $compose"; return 1; }
  buildx=$(docker buildx version 2>&1) || { echo "docker buildx does not run: $buildx"; return 1; }
  echo "compose $compose, $(printf '%s' "$buildx" | cut -d' ' -f1-2)"
}

step install install_engine
step start start_engine
if [ "${1:-}" != "--engine-only" ]; then
  step plugins link_plugins
fi
