#!/usr/bin/env bash
# Loader benchmark: `proctor lint` against `xmllint --noout --schema` on the same synthetic banks, in
# the same run. Prints wall time (median of RUNS), peak memory, and the ratios.
#
# usage: Scripts/bench/loader.sh [SIZES...]     (default: 1000 10000 100000; RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
runs=${RUNS:-3}
command -v xmllint >/dev/null || { echo "loader.sh: xmllint missing (apt-get install libxml2-utils)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "loader.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
swift build -c release --product proctor >/dev/null
proctor=.build/release/proctor
schema=QuestionBanks/schema/proctor-bank-1.xsd
work=${BENCH_DIR:-/tmp/proctor-bench}
mkdir -p "$work"

# Runs a command RUNS times; prints "median-seconds peak-kilobytes".
measure() {
    local times=() peak=0
    for _ in $(seq "$runs"); do
        local out stats
        stats=$(mktemp)
        /usr/bin/time -f "%e %M" -o "$stats" "$@" >/dev/null 2>&1 || true
        out=$(tail -1 "$stats")
        rm -f "$stats"
        times+=("${out% *}")
        local kb=${out#* }
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    echo "$median $peak"
}

printf '%-10s %6s %12s %12s %8s %12s %12s %8s\n' questions files "lint s" "xmllint s" ratio "lint MiB" "xmllint MiB" ratio
for n in "${sizes[@]}"; do
    dir="$work/bank-$n"
    [ -f "$dir/synthetic-$n.xml" ] || python3 Scripts/bench/generate-bank.py "$n" "$dir"
    files=("$dir"/synthetic-"$n".xml "$dir"/part-*.xml)
    "$proctor" lint --strict "$dir" >/dev/null 2>&1 || { echo "lint failed on $dir" >&2; "$proctor" lint "$dir" | head >&2; exit 1; }
    read -r lint_s lint_kb < <(measure "$proctor" lint "$dir")
    read -r xml_s xml_kb < <(measure xmllint --noout --schema "$schema" "${files[@]}")
    awk -v n="$n" -v f="${#files[@]}" -v ls="$lint_s" -v xs="$xml_s" -v lk="$lint_kb" -v xk="$xml_kb" 'BEGIN {
        printf "%-10s %6d %12.2f %12.2f %7.2fx %12.1f %12.1f %7.2fx\n", n, f, ls, xs, (xs > 0 ? ls / xs : 0), lk / 1024, xk / 1024, lk / xk }'
done
