#!/usr/bin/env bash
# Fuzzes the bank loader with libFuzzer for SECONDS (default 60): builds Fuzz/proctor-fuzz with
# -sanitize=fuzzer into .build-fuzz, seeds .build-fuzz/corpus from the shipped banks and the test
# fixtures, and runs. Crash, timeout and out-of-memory inputs are kept in fuzz-out/; the script
# exits non-zero when there is one.
#
# Usage: Scripts/fuzz.sh [SECONDS]      FUZZ_FORK=N runs N fuzzing processes (libFuzzer's -fork).
# Replay an artifact: .build-fuzz/release/proctor-fuzz fuzz-out/crash-...   (or, in a normal build,
# .build/debug/proctor-fuzz FILE... replays files through the loader without libFuzzer).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN=${1:-60}
[[ "$SECONDS_TO_RUN" =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS]" >&2; exit 64; }
FORK=${FUZZ_FORK:-0}

# With AddressSanitizer too: the loader's unsafe-pointer code is not bounds-checked in a release
# build. lld, not gold: gold stops with "internal error in format_file_lineno" on libFuzzer's runtime.
swift build -c release --product proctor-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >&2
FUZZER=.build-fuzz/release/proctor-fuzz

CORPUS=.build-fuzz/corpus
mkdir -p "$CORPUS" fuzz-out
# Seeds, named by content so reruns do not duplicate them (symbolic links are not followed:
# one fixture links to /etc/passwd).
seeds=0
while IFS= read -r -d '' file; do
    sum=$(sha1sum "$file" | cut -d' ' -f1)
    [[ -e "$CORPUS/seed-$sum" ]] || cp "$file" "$CORPUS/seed-$sum"
    seeds=$((seeds + 1))
done < <(find QuestionBanks Tests/BankXMLTests/Fixtures -type f -name '*.xml' -print0)

# A dictionary of the format's words helps the mutator build well-formed banks.
DICT=.build-fuzz/bank.dict
cat > "$DICT" <<'EOF'
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
"<bank xmlns=\"urn:proctor:bank:1\" xmlns:xi=\"http://www.w3.org/2001/XInclude\" id=\"b\" version=\"1\">"
"</bank>"
"<questions xmlns=\"urn:proctor:bank:1\">"
"</questions>"
"<xi:include href=\"questions.xml\"/>"
"<xi:include href=\"loop.xml\"/>"
"<xi:include href=\"bank.xml\"/>"
"<xi:include href=\"../x.xml\"/>"
" parse=\"text\""
" xpointer=\"x\""
"<title>"
"</title>"
"<domain id=\"d\" name=\"D\" weight=\"100\">"
"</domain>"
"<topic id=\"t\" name=\"T\"/>"
"<exam id=\"e\" name=\"E\" questions=\"1\" minutes=\"1\">"
"</exam>"
"<break after=\"1\" minutes=\"1\"/>"
"<scoring model=\"percent\" pass=\"50\"/>"
"<scoring model=\"scaled\" min=\"100\" max=\"900\" pass=\"700\"/>"
"<scoring model=\"bands\" pass=\"50\">"
"<band name=\"A\" min=\"50\"/>"
"<pretest count=\"1\"/>"
"<question id=\"q\" type=\"single\" domain=\"d\" topic=\"t\">"
"</question>"
"type=\"multiple\" select=\"2\""
"type=\"truefalse\""
"type=\"numeric\""
"type=\"ordering\""
"type=\"matching\""
"<case id=\"c\" domain=\"d\">"
"</case>"
"<scenario>"
"<stem>"
"</stem>"
"<option id=\"a\">"
"<option id=\"b\" correct=\"true\">"
"<option id=\"c\" pin=\"true\">"
"</option>"
"<answer value=\"1.5\" tolerance=\"0.1\" unit=\"u\"/>"
"<item id=\"i\">"
"<pair id=\"p\"><left>l</left><right>r</right></pair>"
"<exhibit title=\"x\">"
"</exhibit>"
"<explanation>"
"<feedback option=\"a\">"
"<reference>"
"<tag>"
"<!DOCTYPE"
"<![CDATA["
"]]>"
"<!--"
"-->"
"<?pi"
"&amp;"
"&#x10FFFF;"
"&#0;"
"xml:lang=\"en\""
"\xef\xbb\xbf"
"\xff\xfe"
"\xfe\xff"
"\x0d\x0a"
EOF

echo "fuzzing the loader for ${SECONDS_TO_RUN} s: $seeds seed files, corpus $(ls "$CORPUS" | wc -l) inputs" >&2
LOG=.build-fuzz/fuzz.log
args=(-max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=1024 -max_len=65536 -timeout=5
      -artifact_prefix=fuzz-out/ -dict="$DICT" -print_final_stats=1)
(( FORK > 0 )) && args+=(-fork="$FORK" -ignore_crashes=0)
# A smaller quarantine keeps AddressSanitizer's own memory well inside the RSS limit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=64:malloc_context_size=20}
set +e
"$FUZZER" "${args[@]}" "$CORPUS" > "$LOG" 2>&1
status=$?
set -e

grep -E '^#[0-9]+.*(DONE|pulse|NEW)' "$LOG" | tail -n 3 >&2 || true
grep -E '^stat::|^Done [0-9]+ runs' "$LOG" >&2 || true
artifacts=$(find fuzz-out -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
if (( status != 0 )) || grep -qE '^==[0-9]+==.*(ERROR|deadly signal)|^SUMMARY: libFuzzer' "$LOG"; then
    echo "the fuzzer found a problem (exit $status); the log's end:" >&2
    tail -n 40 "$LOG" >&2
    ls -la fuzz-out >&2
    exit 1
fi
echo "fuzzing found nothing in ${SECONDS_TO_RUN} s ($artifacts earlier artifacts in fuzz-out/)"
