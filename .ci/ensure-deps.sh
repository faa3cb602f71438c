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

# --- Chromium (browser tests of the admin UI, test/ui) ---------------------
# Debian's chromium, driven by playwright-core. Not needed by the demo: when it
# cannot be installed, say so and go on (the browser tests then say it again).
if [[ ! -x /usr/bin/chromium ]]; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [[ "$sudo" != "none" ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium with apt-get (browser tests of the admin UI)"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq chromium >/dev/null || say "apt-get install chromium failed"
  fi
  [[ -x /usr/bin/chromium ]] ||
    say "chromium is not at /usr/bin/chromium: the browser tests (test/ui) need it (Debian/Ubuntu: apt-get install -y chromium)"
fi

# --- optional: interop checks ------------------------------------------------
# The Python gRPC client, the Java HdrHistogram decoder and the zsh completion
# tests run when these are here and are skipped (with the reason) otherwise:
# installed only where apt-get runs as root, never a reason to fail.
# Measured here: python3-grpcio + python3-grpc-tools ~2.5 s, zsh ~5 s,
# libhdrhistogram-java ~1 s (without `apt-get update`).
optional=()
for pkg in python3-grpcio python3-grpc-tools libhdrhistogram-java zsh; do
  dpkg -s "$pkg" >/dev/null 2>&1 || optional+=("$pkg")
done
if [[ ${#optional[@]} -gt 0 && $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  say "installing ${optional[*]} with apt-get (optional interop tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null 2>&1; } ||
    say "could not install ${optional[*]}: those tests will be skipped"
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

# --- admin UI -----------------------------------------------------------------
# The control plane serves control-plane/ui/dist: build it when it is missing or
# older than its sources (or than the installed modules).
ui_index=control-plane/ui/dist/index.html
if [[ ! -f $ui_index ]] || [[ -n $(find control-plane/ui/src control-plane/ui/build.ts node_modules/.package-lock.json -newer "$ui_index" -print -quit 2>/dev/null) ]]; then
  say "building the admin UI (npm run build:ui)"
  npm run --silent build:ui >/dev/null
fi
