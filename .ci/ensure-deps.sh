#!/usr/bin/env bash
# Makes sure what `npm run demo` and `npm test` need is here: Node >= 20.10,
# nats-server (2.9.10 or newer, JetStream) and node_modules matching the
# lockfile. Idempotent and quiet when everything is present; prints one line
# per thing it installs; exits 1 with instructions when it cannot install.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "ensure-deps: $*" >&2; }

# --- Node -------------------------------------------------------------------
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=10)?0:1)'; then
  say "Node >= 20.10 is required, found $(node --version 2>/dev/null || echo none). See https://nodejs.org/en/download"
  exit 1
fi

# --- nats-server ------------------------------------------------------------
# The control plane also looks in these places when nats-server is not on PATH.
have_nats() {
  command -v nats-server >/dev/null 2>&1 || [[ -x /usr/sbin/nats-server ]] || [[ -x /usr/local/bin/nats-server ]]
}

if ! have_nats; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [[ "$sudo" != "none" ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing nats-server with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq --no-install-recommends nats-server >/dev/null
  fi
  if ! have_nats; then
    cat >&2 <<'MSG'
ensure-deps: nats-server (2.9.10 or newer) is not installed, and I cannot install it here.
  Debian/Ubuntu:  sudo apt-get install nats-server
  macOS:          brew install nats-server
  other:          https://docs.nats.io/running-a-nats-service/introduction/installation
                  (put the nats-server binary on your PATH)
Then run the command again.
MSG
    exit 1
  fi
fi

# --- node_modules -----------------------------------------------------------
# npm writes node_modules/.package-lock.json on every install: when it is older
# than package-lock.json, the tree does not match the lockfile.
if [[ ! -f node_modules/.package-lock.json ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing node modules (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
# A tree installed before a workspace bin (ctl, control-plane) existed has no
# link for it, and `npx ctl` would then look in the registry: link, do not reinstall.
for bin in ctl control-plane; do
  if [[ -e "control-plane/bin/$bin.js" && ! -e "node_modules/.bin/$bin" ]]; then
    npm rebuild --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
    break
  fi
done
