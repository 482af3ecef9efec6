#!/usr/bin/env bash
# The no-Docker path in one command, on Debian/Ubuntu with Postgres and RabbitMQ installed:
#   bash scripts/local.sh [--no-tools]
# 1. Node 24 LTS and pnpm from the npm registry into .tools/ (scripts/bootstrap.sh)
# 2. pnpm install
# 3. the Collector, Jaeger and Prometheus built from source into .tools/bin (needs Go >= 1.26;
#    --no-tools skips it: spans then go to the embedded receiver)
# 4. Postgres and RabbitMQ started when they are installed but down (scripts/infra-up.sh)
# 5. pnpm start:local: the pipeline and the six services, until Ctrl-C
set -euo pipefail
cd "$(dirname "$0")/.."

tools=1
for arg in "$@"; do
  case "$arg" in
    --no-tools) tools=0 ;;
    *) echo "usage: bash scripts/local.sh [--no-tools]" >&2; exit 2 ;;
  esac
done

bash scripts/bootstrap.sh
export PATH="$PWD/.tools/bin:$PATH"
pnpm install --frozen-lockfile
if [ "$tools" = 1 ]; then pnpm tools:build; fi
bash scripts/infra-up.sh
exec pnpm start:local
