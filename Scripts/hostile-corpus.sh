#!/usr/bin/env bash
# The hostile-XML corpus against the real binary: `proctor lint FILE` on every hostile fixture and on
# generated ones (50 MB text nodes and attribute values, deep nesting, oversized and non-regular
# files, too many attributes or namespaces, shapes that were once quadratic to load, hostile
# includes, and banks truncated at every 7th byte). Each must give exit status 1, at least one
# `error:` line, nothing from /etc/passwd, in under a second and 200 MB of memory. The legitimate
# encodings (UTF-8 BOM, UTF-16 with a BOM, CRLF) must lint exactly as their plain UTF-8 twin does.
#
# Usage: Scripts/hostile-corpus.sh     PROCTOR_BIN=path overrides the binary; HOSTILE_VERBOSE=1 prints
#                                      every case's time and memory.
# Prints one line per failure, a summary of time and memory, and `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
source Scripts/common.sh

MAX_SECONDS=1.0
MAX_RSS_KB=$((200 * 1024))

need_command /usr/bin/time time

find_proctor || exit 1
echo "hostile corpus: $BIN"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/proctor-hostile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Lines of /etc/passwd, none of which may ever be printed (empty lines would match anything).
grep -v '^[[:space:]]*$' /etc/passwd > "$WORK/passwd-lines" 2>/dev/null || true
[[ -s "$WORK/passwd-lines" ]] || echo 'root:x:0:0' > "$WORK/passwd-lines"

passed=0
failed=0
max_seconds=0
max_rss=0
max_seconds_case=""
max_rss_case=""

# Records the run's time and memory in the maxima; the figures come from /usr/bin/time's file.
note_usage() {
    local label=$1 seconds=$2 rss=$3
    if awk -v a="$seconds" -v b="$max_seconds" 'BEGIN { exit !(a > b) }'; then
        max_seconds=$seconds
        max_seconds_case=$label
    fi
    if (( rss > max_rss )); then
        max_rss=$rss
        max_rss_case=$label
    fi
}

# Lints FILE, which must be refused: exit 1, an `error:` line, no leak, within time and memory.
check_hostile() {
    local label=$1 file=$2
    local out="$WORK/out" usage="$WORK/usage"
    timeout 10 /usr/bin/time -f '%e %M' -o "$usage" "$BIN" lint "$file" >"$out" 2>&1 </dev/null
    local status=$?
    local seconds rss problems=()
    # /usr/bin/time writes "Command exited with non-zero status N" before the figures.
    read -r seconds rss < <(tail -n 1 "$usage" 2>/dev/null)
    seconds=${seconds:-99}
    rss=${rss:-999999999}
    [[ $status == 1 ]] || problems+=("exit status $status, not 1")
    grep -q 'error:' "$out" || problems+=("no error: line")
    if grep -qF -f "$WORK/passwd-lines" "$out"; then problems+=("a line of /etc/passwd is in the output"); fi
    grep -qi 'fatal error\|stack dump\|segmentation' "$out" && problems+=("crashed")
    awk -v a="$seconds" -v b="$MAX_SECONDS" 'BEGIN { exit !(a < b) }' || problems+=("took ${seconds} s")
    (( rss < MAX_RSS_KB )) || problems+=("used $((rss / 1024)) MB")
    note_usage "$label" "$seconds" "$rss"
    [[ -n "${HOSTILE_VERBOSE:-}" ]] && echo "  $label: ${seconds} s, $((rss / 1024)) MB, exit $status"
    if (( ${#problems[@]} == 0 )); then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        local IFS=';'
        echo "FAIL $label: ${problems[*]}"
        head -n 5 "$out" | sed 's/^/    /' | cut -c1-200
    fi
}

# Lints a legitimate variant and its plain UTF-8 twin: both exit 0 with the same findings.
check_twin() {
    local label=$1 variant=$2 twin=$3
    local variant_out variant_status twin_out twin_status
    variant_out=$(timeout 10 "$BIN" lint --json "$variant" 2>/dev/null </dev/null)
    variant_status=$?
    twin_out=$(timeout 10 "$BIN" lint --json "$twin" 2>/dev/null </dev/null)
    twin_status=$?
    variant_out=${variant_out//"$variant"/FILE}
    twin_out=${twin_out//"$twin"/FILE}
    if [[ $variant_status == 0 && $twin_status == 0 && "$variant_out" == "$twin_out" ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $label: exit $variant_status (twin $twin_status); findings differ from the twin's:"
        diff <(echo "$twin_out") <(echo "$variant_out") | head -n 10 | sed 's/^/    /'
    fi
}

# Truncates FILE (inside a copy of its folder, so its includes still resolve) at every 7th byte up
# to the end of its content; trailing whitespace after the root element is not content.
check_truncations() {
    local label=$1 source=$2
    local folder name content_length copy
    folder="$WORK/truncate-$label"
    name=$(basename "$source")
    mkdir -p "$folder"
    cp -R "$(dirname "$source")"/. "$folder"/
    copy="$folder/$name"
    content_length=$(python3 -c 'import sys; print(len(open(sys.argv[1], "rb").read().rstrip()))' "$source")
    local count=0 before=$failed
    for (( length = 7; length < content_length; length += 7 )); do
        head -c "$length" "$source" > "$copy"
        check_hostile "$label truncated at $length bytes" "$copy"
        count=$((count + 1))
    done
    echo "  $label: $count truncations, $((failed - before)) failed"
}

# --- The fixtures ------------------------------------------------------------------------------
while IFS= read -r -d '' file; do
    check_hostile "${file#Tests/BankXMLTests/Fixtures/}" "$file"
done < <(find Tests/BankXMLTests/Fixtures/hostile -name '*.xml' -print0 | sort -z)
echo "  fixtures: $passed passed, $failed failed"

# --- Generated files ----------------------------------------------------------------------------
generated="$WORK/generated"
mkdir -p "$generated"
bank_open='<?xml version="1.0" encoding="UTF-8"?>
<bank xmlns="urn:proctor:bank:1" id="x" version="1">'

# A 50 MB text node (in lines of 100 bytes), past libxml2's text-node limit.
{
    printf '%s<title>' "$bank_open"
    yes 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' \
        | head -c $((50 * 1024 * 1024))
    printf '</title></bank>\n'
} > "$generated/text-node-50mb.xml"
check_hostile "generated/text-node-50mb.xml" "$generated/text-node-50mb.xml"
# The same in one line, with no newline at all.
{
    printf '%s<title>' "$bank_open" | tr -d '\n'
    head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
    printf '</title></bank>'
} > "$generated/text-node-50mb-one-line.xml"
check_hostile "generated/text-node-50mb-one-line.xml" "$generated/text-node-50mb-one-line.xml"
# A 50 MB attribute value.
{
    printf '%s<title lang="' "$bank_open"
    head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' 'y'
    printf '">t</title></bank>'
} > "$generated/attribute-50mb.xml"
check_hostile "generated/attribute-50mb.xml" "$generated/attribute-50mb.xml"
rm -f "$generated"/*-50mb*.xml

# Deep nesting: 10,000 open elements; 100,000 nested and closed; 200 (under the limit of 256); and
# 48 MB of open elements.
nest() {
    local depth=$1 closed=$2
    printf '%s' "$bank_open"
    python3 -c 'import sys; d=int(sys.argv[1]); sys.stdout.write("<a>" * d + ("</a>" * d if sys.argv[2] == "1" else ""))' "$depth" "$closed"
    [[ $closed == 1 ]] && printf '</bank>\n'
}
nest 10000 0 > "$generated/nesting-10000-open.xml"
nest 100000 1 > "$generated/nesting-100000.xml"
nest 200 1 > "$generated/nesting-200.xml"
nest 16000000 0 > "$generated/nesting-48mb-open.xml"
for name in nesting-10000-open nesting-100000 nesting-200 nesting-48mb-open; do
    check_hostile "generated/$name.xml" "$generated/$name.xml"
done
rm -f "$generated/nesting-48mb-open.xml"

# Larger than the 64 MiB limit (sparse, so it costs no disk), a FIFO and a device.
truncate -s 65M "$generated/over-64mib.xml"
check_hostile "generated/over-64mib.xml" "$generated/over-64mib.xml"
rm -f "$generated/over-64mib.xml"
mkfifo "$generated/fifo.xml"
check_hostile "generated/fifo.xml" "$generated/fifo.xml"
check_hostile "/dev/zero" /dev/zero

# Many attributes and many elements in one line.
python3 - "$generated" <<'EOF'
import sys
folder = sys.argv[1]
head = '<?xml version="1.0" encoding="UTF-8"?>\n<bank xmlns="urn:proctor:bank:1" id="x" version="1">'
with open(folder + "/attributes-100000.xml", "w") as f:
    f.write(head + "<title " + " ".join("a%d='%d'" % (i, i) for i in range(100000)) + ">t</title></bank>\n")
with open(folder + "/elements-200000.xml", "w") as f:
    f.write(head + "<title>t</title>" + "<b/>" * 200000 + "</bank>\n")
EOF
check_hostile "generated/attributes-100000.xml" "$generated/attributes-100000.xml"
check_hostile "generated/elements-200000.xml" "$generated/elements-200000.xml"

# Namespace declarations in scope, and shapes that once made the loader quadratic: small files that
# took seconds to minutes (feedback checked against every option, topics and domains searched per
# question, columns counted from the start of a one-line file).
python3 - "$generated" <<'EOF'
import sys
folder = sys.argv[1]
n = 5000
head = '<?xml version="1.0" encoding="UTF-8"?>\n<bank xmlns="urn:proctor:bank:1" id="x" version="1"><title>t</title>'
def question(i, extra="", domain="d"):
    return ('<question id="q%d" type="single" domain="%s"%s><stem>Stem %d?</stem><option id="a">A</option>'
            '<option id="b" correct="true">B</option><option id="c">C</option><explanation>E.</explanation></question>\n'
            % (i, domain, extra, i))
bad = '<question id="bad" type="single"/>'
files = {
    "namespaces-250x60.xml": head + ('<a %s>' % " ".join('xmlns:p%d="u%d"' % (i, i) for i in range(60))) * 250
        + "<b/>" * 500000 + "</a>" * 250 + "</bank>\n",
    "feedback-per-option.xml": head + '<domain id="d" name="D" weight="100"/><question id="q" type="single" domain="d"><stem>S</stem>'
        + "".join('<option id="o%d">O</option>\n' % i for i in range(4 * n)) + "<explanation>E</explanation>"
        + "".join('<feedback option="o%d">F</feedback>\n' % i for i in range(4 * n)) + "</question></bank>\n",
    "topic-lookups.xml": head + '<domain id="d" name="D" weight="100">'
        + "".join('<topic id="t%d" name="T"/>\n' % i for i in range(2 * n)) + "</domain>"
        + "".join(question(i, ' topic="t%d"' % (2 * n - 1)) for i in range(2 * n)) + bad + "</bank>\n",
    "unknown-domains.xml": head + "".join('<domain id="d%d" name="D" weight="0"/>\n' % i for i in range(n))
        + "".join(question(i) for i in range(n)) + "</bank>\n",
    "one-line.xml": (head + '<domain id="d" name="D" weight="100"/>' + "".join(question(i) for i in range(2000)) + bad
        + "</bank>").replace("\n", " "),
}
for name, text in files.items():
    open(folder + "/" + name, "w").write(text)
EOF
for name in namespaces-250x60 feedback-per-option topic-lookups unknown-domains one-line; do
    check_hostile "generated/$name.xml" "$generated/$name.xml"
done
# Includes of a FIFO, a folder, a device through a link, a chain 20 deep, and one file 2,000 times.
includes="$generated/includes"
mkdir -p "$includes"
mkfifo "$includes/fifo.xml"
mkdir -p "$includes/folder.xml"
ln -s /dev/zero "$includes/zero.xml"
python3 - "$includes" <<'EOF'
import sys
folder = sys.argv[1]
head = '<?xml version="1.0" encoding="UTF-8"?>\n'
def bank(body):
    return (head + '<bank xmlns="urn:proctor:bank:1" xmlns:xi="http://www.w3.org/2001/XInclude" id="x" version="1">'
            '<title>t</title><domain id="d" name="D" weight="100"/>' + body + '</bank>\n')
def include(name):
    return '<xi:include href="%s"/>' % name
open(folder + "/special.xml", "w").write(bank(include("fifo.xml") + include("folder.xml") + include("zero.xml")))
for i in range(20):
    open(folder + "/chain-%d.xml" % i, "w").write(head + '<questions xmlns="urn:proctor:bank:1" '
        'xmlns:xi="http://www.w3.org/2001/XInclude">' + include("chain-%d.xml" % (i + 1)) + '</questions>\n')
open(folder + "/deep.xml", "w").write(bank(include("chain-0.xml")))
open(folder + "/one.xml", "w").write(head + '<questions xmlns="urn:proctor:bank:1"/>\n')
open(folder + "/repeated.xml", "w").write(bank(include("one.xml") * 2000))
EOF
for name in special deep repeated; do
    check_hostile "generated/includes/$name.xml" "$includes/$name.xml"
done
echo "  generated: $passed passed, $failed failed (so far)"

# --- Truncations ------------------------------------------------------------------------------
check_truncations valid Tests/BankXMLTests/Fixtures/rules/valid.xml
check_truncations csm QuestionBanks/csm/csm.xml

# --- Legitimate variants ----------------------------------------------------------------------
twins="$WORK/twins"
mkdir -p "$twins"
python3 - Tests/BankXMLTests/Fixtures/rules/valid.xml "$twins" <<'EOF'
import sys
source, folder = sys.argv[1], sys.argv[2]
text = open(source, encoding="utf-8").read().replace("Apple", "Äpfel – 苹果")
utf16 = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
variants = {
    "twin.xml": text.encode("utf-8"),
    "utf8-bom.xml": b"\xef\xbb\xbf" + text.encode("utf-8"),
    "utf16le-bom.xml": b"\xff\xfe" + utf16.encode("utf-16-le"),
    "utf16be-bom.xml": b"\xfe\xff" + utf16.encode("utf-16-be"),
    "crlf.xml": text.replace("\n", "\r\n").encode("utf-8"),
}
for name, data in variants.items():
    open(folder + "/" + name, "wb").write(data)
EOF
for variant in utf8-bom utf16le-bom utf16be-bom crlf; do
    check_twin "legitimate $variant" "$twins/$variant.xml" "$twins/twin.xml"
done

echo "slowest: ${max_seconds} s ($max_seconds_case); most memory: $((max_rss / 1024)) MB ($max_rss_case)"
echo "$passed passed, $failed failed"
(( failed == 0 ))
