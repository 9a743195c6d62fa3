#!/usr/bin/env bash
# Ensure the Debian base image exists (no Docker Hub here): mmdebstrap builds a minbase root file
# system from this machine's apt sources, `docker import` turns it into an image.
#   - merged /usr (debootstrap's symlinks) without the usrmerge package, which would pull in perl
#   - no man pages, docs (copyright files kept), locales or info pages, like Docker's -slim images;
#     the dpkg excludes stay in the image (/etc/dpkg/dpkg.cfg.d/99mmdebstrap), so later installs
#     stay slim too; /usr/share/man/man1 exists (openjdk's postinst needs it)
#   - the apt sources inside the image are the ones used to build it
# Idempotent: does nothing when the tag exists (FORCE=1 rebuilds).
# Environment (all optional):
#   BASE_IMAGE        tag to create                          (default energy-workshop/base:bookworm)
#   BASE_SUITE        Debian suite                           (default bookworm)
#   BASE_APT_SOURCES  apt sources file (deb822 or one-line)  (default: found under /etc/apt)
#   FORCE=1           rebuild even if the tag exists
set -euo pipefail

log() { printf '[base-image] %s\n' "$*"; }
die() { printf '[base-image] ERROR: %s\n' "$*" >&2; exit 1; }

BASE_IMAGE=${BASE_IMAGE:-energy-workshop/base:bookworm}
BASE_SUITE=${BASE_SUITE:-bookworm}

docker info >/dev/null 2>&1 || die "docker engine not answering (run engine.sh first)"

if [ "${FORCE:-0}" != 1 ] && docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "$BASE_IMAGE already exists ($(docker image inspect --format '{{.Id}} created {{.Created}}' "$BASE_IMAGE")); FORCE=1 rebuilds"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
  die "not root and no sudo: mmdebstrap needs root here"
fi

if ! command -v mmdebstrap >/dev/null 2>&1; then
  log "mmdebstrap not found: installing it with apt-get"
  "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends mmdebstrap \
    || die "apt-get install mmdebstrap failed"
fi

# The machine's Debian sources: an explicit file, else Debian's deb822 file, else sources.list.
sources=${BASE_APT_SOURCES:-}
if [ -z "$sources" ]; then
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    if [ -s "$f" ] && grep -qE '^[[:space:]]*(deb[[:space:]]|Types:.*deb)' "$f"; then sources=$f; break; fi
  done
fi
[ -n "$sources" ] && [ -s "$sources" ] \
  || die "no usable apt sources file (${BASE_APT_SOURCES:+BASE_APT_SOURCES=$BASE_APT_SOURCES is missing or empty; }looked at /etc/apt/sources.list.d/debian.sources, /etc/apt/sources.list); set BASE_APT_SOURCES"
log "apt sources: $sources"

hooks=/usr/share/mmdebstrap/hooks/merged-usr
[ -d "$hooks" ] || die "$hooks missing (mmdebstrap too old?)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
log "mmdebstrap --variant=minbase $BASE_SUITE (about 30-60 s)"
"${SUDO[@]}" mmdebstrap --variant=minbase --format=tar --hook-dir="$hooks" \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='mkdir -p "$1/usr/share/man/man1"' \
  "$BASE_SUITE" "$tmp/rootfs.tar" "$sources" >"$tmp/mmdebstrap.log" 2>&1 \
  || die "mmdebstrap failed; last lines:
$(tail -n 20 "$tmp/mmdebstrap.log")"

log "docker import -> $BASE_IMAGE"
docker import \
  -c 'ENV LANG=C.UTF-8' \
  -c 'CMD ["bash"]' \
  -c "LABEL org.opencontainers.image.title=\"Debian $BASE_SUITE minbase (mmdebstrap)\" org.opencontainers.image.created=\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"" \
  -m "mmdebstrap --variant=minbase $BASE_SUITE" \
  "$tmp/rootfs.tar" "$BASE_IMAGE" >/dev/null || die "docker import failed"

docker run --rm "$BASE_IMAGE" sh -c 'test -d /usr/share/man/man1 && test -x /usr/bin/apt-get' \
  || die "$BASE_IMAGE does not run or lacks apt-get"
log "$BASE_IMAGE ready in $(( $(date +%s) - start ))s: $(docker image inspect --format '{{.Id}}' "$BASE_IMAGE"), \
$(docker run --rm "$BASE_IMAGE" cat /etc/debian_version | sed 's/^/Debian /'), \
$(( $(docker image inspect --format '{{.Size}}' "$BASE_IMAGE") / 1000000 )) MB"
