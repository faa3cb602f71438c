#!/usr/bin/env bash
# Generates docs/api/sdk.md from the JSDoc of @prodbench/sdk (sdk/src/index.ts).
# typedoc needs the TypeScript compiler API, which TypeScript 7 (the workspace's)
# does not have: typedoc and TypeScript 5 live here, in their own package.json
# and lockfile, installed on first use. With --check, fails when the committed
# file differs from what it generates.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$root/docs/api/sdk.md"

if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  echo "docs:api: installing typedoc (tools/api-docs)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd "$here" && node node_modules/typedoc/bin/typedoc --logLevel Error \
  --tsconfig tsconfig.json --entryPoints ../../sdk/src/index.ts \
  --plugin typedoc-plugin-markdown --out "$out" --readme none --outputFileStrategy modules \
  --excludeInternal --excludePrivate --disableSources --hidePageHeader --hideBreadcrumbs --skipErrorChecking)

{
  echo '<!-- Generated from the JSDoc of sdk/src by `npm run docs:api` (typedoc + typedoc-plugin-markdown). Do not edit. -->'
  echo
  cat "$out/README.md"
} >"$out/sdk.md"

if [[ "${1:-}" == "--check" ]]; then
  if ! diff -q "$target" "$out/sdk.md" >/dev/null 2>&1; then
    diff "$target" "$out/sdk.md" | head -40 || true
    echo "docs/api/sdk.md is stale: run 'npm run docs:api' and commit the result" >&2
    exit 1
  fi
  echo "docs/api/sdk.md is up to date"
  exit 0
fi
mkdir -p "$(dirname "$target")"
cp "$out/sdk.md" "$target"
echo "wrote $target ($(wc -l <"$target") lines)"
