#!/usr/bin/env bash
# Installs the system libraries Proctor builds against (Debian/Ubuntu) and builds the `proctor` binary.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
pkg-config --exists libxml-2.0 2>/dev/null || missing+=(libxml2-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v xmllint >/dev/null || missing+=(libxml2-utils)   # the loader benchmark's baseline
command -v tmux >/dev/null || missing+=(tmux)               # the full-screen end-to-end tests
[ -x /usr/bin/time ] || missing+=(time)                      # peak memory in the benchmarks
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

swift build "$@"
