#!/usr/bin/env bash
# npm run demo [-- --once]: installs what is missing, then runs the demo.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash .ci/ensure-deps.sh
exec node --import tsx examples/demo/demo.ts "$@"
