#!/usr/bin/env bash
# The evidence runs against the real binary, for CI after Scripts/test.sh has built it: the hostile
# XML corpus, a minute of fuzzing the loader, and five crash trials. Runs them all, then prints the
# counts summed over the three (the fuzz run counts as one) as `N passed, M failed`.
#
# Usage: Scripts/evidence.sh      (FUZZ_SECONDS and CRASH_TRIALS override 60 and 5)
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0

# Runs one step, echoing its output, and adds its closing `N passed, M failed` (or 1 passed or
# failed by its exit status, when it prints none) to the totals.
step() {
    local name=$1
    shift
    echo "== $name: $*"
    local log
    log=$(mktemp)
    "$@" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]}
    local summary
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    rm -f "$log"
    if [[ -n "$summary" ]]; then
        local p=${summary%% passed*} f=${summary#*passed, }
        f=${f%% failed*}
        passed=$((passed + p))
        failed=$((failed + f))
        # A step that fails without counting a failure (a broken build, say) still fails.
        (( status != 0 && f == 0 )) && failed=$((failed + 1))
    elif (( status == 0 )); then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    echo "== $name: exit $status"
}

step "hostile corpus" Scripts/hostile-corpus.sh
step "fuzzing" Scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
step "crash trials" Scripts/crash-trials.sh "${CRASH_TRIALS:-5}"

echo "evidence: $passed passed, $failed failed"
(( failed == 0 ))
