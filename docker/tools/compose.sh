#!/usr/bin/env bash
# Ensure the Docker Compose v2 CLI plugin (`docker compose`) is installed at a pinned version,
# building it from its Go module (Go module proxy) into a cache when no cached binary exists.
#
# `go install github.com/docker/compose/v2/cmd@VERSION` is refused by the go command for current
# versions (compose's go.mod has exclude/replace directives), so the module's source is fetched
# with `go mod download` and built inside its own module, as compose's Makefile does.
# The build takes roughly 6-10 minutes on 2 cores; later runs reuse the cached binary.
#
# Environment (all optional):
#   COMPOSE_VERSION        version to install                      (default v2.40.3)
#   DOCKER_PREP_CACHE      cache folder for built binaries         (default ${XDG_CACHE_HOME:-~/.cache}/docker-prep)
#   DOCKER_CLI_PLUGIN_DIR  where the plugin goes                   (default /usr/local/lib/docker/cli-plugins
#                                                                   as root, else ~/.docker/cli-plugins)
#   WITH_BUILDX=1          also install the buildx plugin (BUILDX_VERSION, default v0.38.2) the same way;
#                          needed for BuildKit builds (RUN --mount=type=secret) with docker CLI >= 23
set -euo pipefail

log() { printf '[compose] %s\n' "$*"; }
die() { printf '[compose] ERROR: %s\n' "$*" >&2; exit 1; }

COMPOSE_VERSION=${COMPOSE_VERSION:-v2.40.3}
BUILDX_VERSION=${BUILDX_VERSION:-v0.38.2}
CACHE=${DOCKER_PREP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/docker-prep}
if [ -z "${DOCKER_CLI_PLUGIN_DIR:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then DOCKER_CLI_PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
  else DOCKER_CLI_PLUGIN_DIR=$HOME/.docker/cli-plugins; fi
fi

command -v docker >/dev/null 2>&1 || die "docker client not on PATH (run engine.sh first)"

WORKDIRS=()
cleanup() { local d; for d in "${WORKDIRS[@]}"; do chmod -R u+w "$d" 2>/dev/null || true; rm -rf "$d"; done; }
trap cleanup EXIT

# Build the main package of MODULE@VERSION into OUT, inside the module itself.
go_build_module() {
  local module=$1 version=$2 pkg=$3 ldflags=$4 out=$5
  command -v go >/dev/null 2>&1 || die "go not on PATH: needed to build $module@$version"
  log "building $module@$version with $(go version | cut -d' ' -f3) (several minutes on 2 cores)"
  local tmp dir start
  tmp=$(mktemp -d)
  WORKDIRS+=("$tmp")
  dir=$(cd "$tmp" && GOFLAGS=-mod=mod go mod download -json "$module@$version" \
        | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] && [ -d "$dir" ] || die "go mod download $module@$version failed (is the Go module proxy reachable?)"
  cp -r "$dir" "$tmp/src" && chmod -R u+w "$tmp/src"
  start=$(date +%s)
  (cd "$tmp/src" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$out.tmp" "$pkg") \
    || die "go build of $module@$version failed"
  mv "$out.tmp" "$out"
  log "built $out in $(( $(date +%s) - start ))s"
}

# install_plugin NAME VERSION MODULE PKG LDFLAGS VERSION_CMD
install_plugin() {
  local name=$1 version=$2 module=$3 pkg=$4 ldflags=$5 vcmd=$6
  local current cached=$CACHE/docker-$name-$version
  current=$(docker $vcmd 2>/dev/null || true)
  if printf '%s' "$current" | grep -qF -- "$version"; then
    log "docker $name $version already installed: $current"
    return 0
  fi
  [ -n "$current" ] && log "docker $name present but not $version ($current): replacing it"
  mkdir -p "$CACHE"
  if [ -x "$cached" ]; then
    log "using cached binary $cached"
  else
    go_build_module "$module" "$version" "$pkg" "$ldflags" "$cached"
  fi
  mkdir -p "$DOCKER_CLI_PLUGIN_DIR" || die "cannot create $DOCKER_CLI_PLUGIN_DIR"
  install -m 0755 "$cached" "$DOCKER_CLI_PLUGIN_DIR/docker-$name" || die "cannot install into $DOCKER_CLI_PLUGIN_DIR"
  current=$(docker $vcmd 2>&1) || die "docker $name does not run after install: $current"
  printf '%s' "$current" | grep -qF -- "$version" \
    || die "docker $name reports '$current', not $version (another plugin dir may shadow $DOCKER_CLI_PLUGIN_DIR)"
  log "installed $DOCKER_CLI_PLUGIN_DIR/docker-$name: $current"
}

install_plugin compose "$COMPOSE_VERSION" github.com/docker/compose/v2 ./cmd \
  "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" "compose version"

if [ "${WITH_BUILDX:-0}" = 1 ]; then
  install_plugin buildx "$BUILDX_VERSION" github.com/docker/buildx ./cmd/buildx \
    "-s -w -X github.com/docker/buildx/version.Version=$BUILDX_VERSION -X github.com/docker/buildx/version.Package=github.com/docker/buildx" \
    "buildx version"
fi
