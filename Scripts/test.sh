#!/usr/bin/env bash
# The test command: builds, runs every test suite, and lints the shipped banks strictly.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/setup.sh --build-tests
swift test --skip-build "$@"
.build/debug/proctor lint --strict QuestionBanks
