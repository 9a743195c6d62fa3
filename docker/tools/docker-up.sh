#!/usr/bin/env bash
# `make docker-up`: build the image (quick when nothing changed), start the Docker sandbox and wait until
# every machine is healthy, then print JupyterLab's address. `make docker-down` stops it, keeping the data.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
docker info >/dev/null 2>&1 || { echo "The Docker engine does not answer: start Docker (Linux: docker/tools/engine.sh)"; exit 1; }
docker compose version >/dev/null 2>&1 || { echo "No \`docker compose\` (v2): install it (docker/tools/compose.sh builds it)"; exit 1; }
choose_base_image
build_local_base_if_chosen
compose_command
"${COMPOSE[@]}" build
echo "Starting machine1-3 (Kafka, Cassandra, Spark each) and jupyter; the first start takes a few minutes ..."
"${COMPOSE[@]}" up -d --wait --wait-timeout 3600
"${COMPOSE[@]}" exec -T jupyter python -m helpers.sandbox status
echo "JupyterLab: $(jupyter_url)"
echo "(open it in a browser on this computer; \`make docker-down\` stops the sandbox and keeps its data)"
