#!/usr/bin/env bash
# Regenerates proto/src/generated from proto/prodbench/v1/*.proto.
# With --check, fails when the committed files differ from what it generates.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/src/generated"
target="$out"
if [[ "${1:-}" == "--check" ]]; then
  target="$(mktemp -d)"
  trap 'rm -rf "$target"' EXIT
fi
rm -rf "$target" && mkdir -p "$target"
cd "$here"
npx --no-install proto-loader-gen-types \
  --keepCase=false --longs=Number --enums=String --defaults=false --oneofs=true \
  --grpcLib=@grpc/grpc-js --outDir="$target" --includeDirs="$here" \
  --importFileExtension=.js \
  prodbench/v1/rules.proto prodbench/v1/incidents.proto prodbench/v1/instance.proto prodbench/v1/histograms.proto prodbench/v1/instruments.proto prodbench/v1/logs.proto prodbench/v1/control_plane.proto >/dev/null
# Generated headers name the absolute source path; keep them relative so the
# output does not depend on where the repository is checked out.
find "$target" -name '*.ts' -exec sed -i "s#Original file: $here/#Original file: proto/#" {} +
if [[ "${1:-}" == "--check" ]]; then
  if ! diff -r "$out" "$target" >/dev/null; then
    diff -r "$out" "$target" | head -40
    echo "proto/src/generated is stale: run 'npm run proto:gen' and commit the result" >&2
    exit 1
  fi
  echo "proto/src/generated is up to date"
fi
