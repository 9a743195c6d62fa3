# Sourced by docker-up.sh and docker-test.sh: how both pick the base image and call compose.
# shellcheck shell=bash
DOCKER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=$DOCKER_DIR/tools
LOCAL_BASE=energy-workshop/base:bookworm

# ENERGY_BASE_IMAGE: as set, else the public debian:bookworm-slim if it is here or can be pulled, else a
# Debian base built on this machine with mmdebstrap (base-image.sh), for machines without Docker Hub.
choose_base_image() {
  if [ -z "${ENERGY_BASE_IMAGE:-}" ]; then
    if docker image inspect debian:bookworm-slim >/dev/null 2>&1 \
        || timeout 300 docker pull -q debian:bookworm-slim >/dev/null 2>&1; then
      ENERGY_BASE_IMAGE=debian:bookworm-slim
    else
      echo "debian:bookworm-slim cannot be pulled: using a base built here with mmdebstrap ($LOCAL_BASE)"
      ENERGY_BASE_IMAGE=$LOCAL_BASE
    fi
  fi
  export ENERGY_BASE_IMAGE
}

build_local_base_if_chosen() {
  [ "$ENERGY_BASE_IMAGE" != "$LOCAL_BASE" ] || BASE_IMAGE=$LOCAL_BASE "$TOOLS/base-image.sh"
}

# COMPOSE: the compose command line. The containers run as you (ENERGY_UID/GID, so that nothing written
# into your clone is root's); a CA bundle (ENERGY_CA_BUNDLE, else the system's Debian/Ubuntu bundle) goes
# to the build as a secret. Compose builds through bake when buildx is installed; bake refuses a secret
# file outside the build context unless BUILDX_BAKE_ENTITLEMENTS_FS=0 grants it.
compose_command() {
  export ENERGY_UID=${ENERGY_UID:-$(id -u)} ENERGY_GID=${ENERGY_GID:-$(id -g)} BUILDX_BAKE_ENTITLEMENTS_FS=0
  # Published ports bind this loopback address only (another one, e.g. 127.0.6.1, next to a local sandbox).
  export ENERGY_PUBLISH_ADDRESS=${ENERGY_PUBLISH_ADDRESS:-127.0.0.1}
  case $ENERGY_PUBLISH_ADDRESS in
    127.*) ;;
    *) echo "ENERGY_PUBLISH_ADDRESS=$ENERGY_PUBLISH_ADDRESS: publish on a loopback address (127.x.y.z) only" >&2; exit 1 ;;
  esac
  COMPOSE=(docker compose --project-directory "$DOCKER_DIR" -f "$DOCKER_DIR/compose.yaml")
  if [ -z "${ENERGY_CA_BUNDLE:-}" ] && [ -s /etc/ssl/certs/ca-certificates.crt ]; then
    ENERGY_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
  fi
  if [ -n "${ENERGY_CA_BUNDLE:-}" ]; then
    export ENERGY_CA_BUNDLE
    COMPOSE+=(-f "$DOCKER_DIR/compose.ca.yaml")
  fi
}

# The address to open JupyterLab at, with its token, from the container's log.
jupyter_url() {
  "${COMPOSE[@]}" logs jupyter 2>/dev/null | grep -o 'http://127\.0\.0\.1:8888/lab[^ ?]*?token=[0-9a-f]*' | tail -1 \
    | sed "s|//127\.0\.0\.1:8888/|//$ENERGY_PUBLISH_ADDRESS:${ENERGY_JUPYTER_PORT:-8888}/|"
}
