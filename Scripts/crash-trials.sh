#!/usr/bin/env bash
# Crash safety of exams, against the real binary: each trial starts `proctor take csm` in plain mode
# on a fresh database, answers through a pipe, kills it with SIGKILL at a random moment, resumes,
# answers on and is killed again, then resumes a last time and quits. After each kill it checks
# that every acknowledged answer (one whose next prompt was printed) is in `results --json`, that
# the time left on resuming is the time left at the kill (±1 s beyond the display's whole seconds;
# the clock stops while no process runs), and that `PRAGMA integrity_check` says ok. All the while
# a second process runs `proctor history --json` on the same database in a loop: neither may see
# "database is locked" or fail.
#
# Usage: Scripts/crash-trials.sh [TRIALS]     (default 20; PROCTOR_BIN=path overrides the binary)
# Prints one line per trial and `N passed, M failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/common.sh

TRIALS=${1:-20}
[[ "$TRIALS" =~ ^[0-9]+$ ]] || { echo "usage: $0 [TRIALS]" >&2; exit 64; }

need_command sqlite3 sqlite3

find_proctor || exit 1
echo "crash trials: $BIN, $TRIALS trials"

exec python3 - "$BIN" "$TRIALS" "$PWD/QuestionBanks/csm" <<'EOF'
import json, os, random, re, shutil, signal, subprocess, sys, tempfile, threading, time
import xml.etree.ElementTree as ET

BIN, TRIALS, BANK = os.path.abspath(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
NS = "{urn:proctor:bank:1}"
KILLS_PER_TRIAL = 2
DOWNTIME = 2.0          # seconds between a kill and the resume: the clock must not run meanwhile
PROMPT = "answer> "
HEADER = re.compile(r"^Question (\d+) of (\d+)\s+\[([^\]]+)\].*?(?:time left ((?:\d+:)?\d+:\d\d))?\s*$")
OPTION = re.compile(r"^  ([A-H])\) (.*)$")


def collapse(text):
    return " ".join(text.split())


def bank_options():
    """Question id -> {collapsed option text: option id}, from the bank's files."""
    options = {}
    for name in os.listdir(BANK):
        if not name.endswith(".xml"):
            continue
        for question in ET.parse(os.path.join(BANK, name)).getroot().iter(NS + "question"):
            options[question.get("id")] = {collapse("".join(o.itertext())): o.get("id")
                                           for o in question.findall(NS + "option")}
    return options


OPTIONS = bank_options()


def seconds(clock):
    total = 0
    for part in clock.split(":"):
        total = total * 60 + int(part)
    return total


def proctor(db, *args):
    return [BIN, "--db", db, "--banks", BANK, *args]


class Sitting:
    """One `take` or `resume` process, read and written like a person at a terminal would."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.output = ""
        self.errors = b""
        self.lock = threading.Condition()
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    def _read(self):
        while True:
            chunk = os.read(self.process.stdout.fileno(), 65536)
            with self.lock:
                if not chunk:
                    self.closed = True
                    self.lock.notify_all()
                    return
                self.output += chunk.decode("utf-8", "replace")
                self.lock.notify_all()

    def _read_errors(self):
        self.errors = self.process.stderr.read()

    def wait_for_prompt(self, since, timeout=20):
        """Output from `since` up to and including the next prompt; None when the process ended."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                at = self.output.find(PROMPT, since)
                if at >= 0:
                    return self.output[since:at + len(PROMPT)], at + len(PROMPT)
                if self.closed or time.monotonic() > deadline:
                    return None, len(self.output)
                self.lock.wait(0.05)

    def send(self, line):
        try:
            self.process.stdin.write((line + "\n").encode())
            self.process.stdin.flush()
            return True
        except (BrokenPipeError, OSError):
            return False


def last_question(block):
    """(number, count, question id, time left in seconds or None, {letter: option id}) of the last
    question block in `block`; None when it has none."""
    lines = block.splitlines()
    starts = [i for i, line in enumerate(lines) if HEADER.match(line)]
    if not starts:
        return None
    match = HEADER.match(lines[starts[-1]])
    number, count, qid, left = int(match.group(1)), int(match.group(2)), match.group(3), match.group(4)
    current, texts = None, {}
    for line in lines[starts[-1] + 1:]:
        option = OPTION.match(line)
        if option:
            current = option.group(1)
            texts[current] = option.group(2)
        elif current and line.startswith("     "):
            texts[current] += " " + line.strip()
        else:
            current = None
    known = OPTIONS.get(qid, {})
    letters = {letter: known.get(collapse(text)) for letter, text in texts.items()}
    return number, count, qid, (seconds(left) if left else None), letters


class History(threading.Thread):
    """`proctor history --json` in a loop on the same database, noting every failure."""

    def __init__(self, db):
        super().__init__(daemon=True)
        self.db, self.stop, self.runs, self.problems = db, threading.Event(), 0, []

    def run(self):
        while not self.stop.is_set():
            result = subprocess.run(proctor(self.db, "history", "--json"), capture_output=True, text=True)
            self.runs += 1
            text = result.stdout + result.stderr
            if result.returncode != 0 or "locked" in text.lower():
                self.problems.append("history exit %d: %s" % (result.returncode, text.strip()[:200]))


def integrity(db):
    # The sqlite3 shell waits for no lock by default; a proctor process may be recovering the log.
    check = subprocess.run(["sqlite3", "-cmd", ".timeout 5000", db, "PRAGMA integrity_check"],
                           capture_output=True, text=True)
    return None if check.stdout.strip() == "ok" else (check.stdout + check.stderr).strip()[:300]


def trial(rng):
    """One trial: take, then KILLS_PER_TRIAL kills and resumes, then quit; the problems found."""
    folder = tempfile.mkdtemp(prefix="proctor-crash-")
    db = os.path.join(folder, "progress.sqlite")
    problems = []
    acknowledged = {}      # question number -> option id (None if unknown) of its latest acknowledged answer
    unacknowledged = {}    # question number -> option ids sent after that, never acknowledged
    history = History(db)
    attempt = None
    window = None          # (low, high): seconds the exam had left at the last kill
    worst = 0
    try:
        command = proctor(db, "take", "csm", "--seed", str(rng.randrange(1 << 32)), "--plain")
        for round_number in range(KILLS_PER_TRIAL + 1):
            last_round = round_number == KILLS_PER_TRIAL
            spawned = time.monotonic()
            sitting = Sitting(command)
            # Now and then a resume is killed while it opens the attempt, before its first prompt.
            if round_number > 0 and not last_round and rng.random() < 0.2:
                time.sleep(rng.uniform(0, 0.3))
                sitting.process.send_signal(signal.SIGKILL)
                sitting.process.wait()
                if window is not None:
                    # Had it opened the attempt, the clock ran while it lived.
                    window = (window[0] - (time.monotonic() - spawned), window[1])
                problem = integrity(db)
                if problem:
                    problems.append("round %d: integrity_check: %s" % (round_number, problem))
                command = proctor(db, "resume", "--plain")
                time.sleep(DOWNTIME)
                continue
            block, position = sitting.wait_for_prompt(0)
            header_time = time.monotonic()
            if block is None:
                sitting.process.kill()
                problems.append("round %d: no prompt; output %r; errors %r"
                                % (round_number, sitting.output[-300:], sitting.errors[-300:]))
                break
            if attempt is None:
                found = re.search(r"Attempt (\d+):", sitting.output)
                attempt = int(found.group(1)) if found else None
                history.start()
            state = last_question(block)
            if state is None:
                sitting.process.kill()
                problems.append("round %d: no question block in %r" % (round_number, block[-300:]))
                break
            if round_number > 0 and window is not None:
                # The time left on resuming against the time left at the kill.
                resumed = re.search(r"Resuming attempt \d+:.*time left ((?:\d+:)?\d+:\d\d)", sitting.output)
                shown = [seconds(resumed.group(1))] if resumed else []
                if not resumed or state[3] is None:
                    problems.append("round %d: no time left on resuming: %r" % (round_number, sitting.output[:300]))
                low, high = window
                for value in shown + ([state[3]] if state[3] is not None else []):
                    worst = max(worst, int(low) - value, value - int(high))
                    if not (int(low) - 1 <= value <= int(high) + 1):
                        problems.append("round %d: time left %d s on resuming, %.1f-%.1f s at the kill"
                                        % (round_number, value, low, high))
            if last_round:
                sitting.send("quit")
                sitting.process.wait(timeout=20)
                if sitting.process.returncode != 0:
                    problems.append("quit: exit %d %r" % (sitting.process.returncode, sitting.errors[-300:]))
                break
            # Answer at a person's pace, sped up; the kill comes at a random moment meanwhile.
            kill_after = rng.uniform(0.02, 1.2)
            started = time.monotonic()
            last_left, last_header = state[3], header_time
            killed_at = None
            while killed_at is None:
                number, count, qid, left, letters = state
                if left is not None:
                    last_left, last_header = left, header_time
                if number == count and number in acknowledged:
                    time.sleep(max(0.0, kill_after - (time.monotonic() - started)))  # all done: wait
                else:
                    time.sleep(rng.uniform(0, 0.03))
                if time.monotonic() - started >= kill_after:
                    sitting.process.send_signal(signal.SIGKILL)
                    killed_at = time.monotonic()
                    break
                letter = rng.choice(sorted(letters) or ["A"])
                option = letters.get(letter)
                unacknowledged.setdefault(number, set()).add(option)
                if not sitting.send(letter.lower()):
                    problems.append("round %d: the pipe closed before the kill" % round_number)
                    break
                block, position = sitting.wait_for_prompt(position)
                header_time = time.monotonic()
                if block is None:
                    problems.append("round %d: ended before the kill: %r %r"
                                    % (round_number, sitting.output[-300:], sitting.errors[-300:]))
                    break
                following = last_question(block)
                if (following is not None and following[0] != number) or "Answered." in block:
                    acknowledged[number] = option
                    unacknowledged[number] = set()
                    state = following or state
                else:
                    problems.append("round %d: answer %s to question %d not taken: %r"
                                    % (round_number, letter, number, block[-200:]))
                    break
            if killed_at is None:
                sitting.process.kill()
                sitting.process.wait()
                break
            sitting.process.wait(timeout=20)
            # What the clock showed last, less the time since: the time left at the kill.
            if last_left is not None:
                elapsed = killed_at - last_header
                window = (last_left - elapsed, last_left + 1 - elapsed)
            errors = sitting.errors.decode("utf-8", "replace")
            if "locked" in errors.lower() or "fatal error" in errors.lower():
                problems.append("round %d: %s" % (round_number, errors.strip()[:300]))
            problem = integrity(db)
            if problem:
                problems.append("round %d: integrity_check: %s" % (round_number, problem))
            command = proctor(db, "resume", "--plain")
            time.sleep(DOWNTIME)
        history.stop.set()
        if history.is_alive():
            history.join(timeout=30)
        problems += history.problems
        # Every acknowledged answer is in the results, as given.
        if attempt is None:
            problems.append("no attempt number in the output")
        else:
            result = subprocess.run(proctor(db, "results", str(attempt), "--json"), capture_output=True, text=True)
            if result.returncode != 0:
                problems.append("results: exit %d %s" % (result.returncode, result.stderr.strip()[:300]))
            else:
                report = json.loads(result.stdout)
                given = {}
                for question in report.get("questions", []):
                    options = (question.get("answer") or {}).get("options") or []
                    given[question.get("number")] = options[0] if len(options) == 1 else (options or None)
                for number, option in sorted(acknowledged.items()):
                    accepted = {option} | unacknowledged.get(number, set())
                    if given.get(number) is None:
                        problems.append("question %d: the acknowledged answer %s is lost" % (number, option))
                    elif option is not None and given.get(number) not in accepted:
                        problems.append("question %d: answer %s recorded, %s acknowledged"
                                        % (number, given.get(number), option))
                if report.get("status") != "in-progress":
                    problems.append("status %r after quit, expected in-progress" % report.get("status"))
        problem = integrity(db)
        if problem:
            problems.append("integrity_check at the end: %s" % problem)
    except Exception as error:  # a broken harness is a failed trial, not a crash of the script
        problems.append("harness: %r" % error)
    finally:
        history.stop.set()
        shutil.rmtree(folder, ignore_errors=True)
    identified = sum(1 for option in acknowledged.values() if option is not None)
    return problems, len(acknowledged), identified, history.runs, worst


seed = int(os.environ.get("CRASH_SEED", time.time_ns() % (1 << 32)))
rng = random.Random(seed)
print("seed %d (CRASH_SEED=%d repeats the draws)" % (seed, seed))
passed = failed = answers = identified_answers = history_runs = 0
worst = 0
for number in range(1, TRIALS + 1):
    problems, acknowledged, identified, runs, off = trial(rng)
    answers += acknowledged
    identified_answers += identified
    history_runs += runs
    worst = max(worst, off)
    if problems:
        failed += 1
        print("trial %d: FAIL (%d acknowledged answers)" % (number, acknowledged))
        for problem in problems[:8]:
            print("    " + problem)
    else:
        passed += 1
        print("trial %d: ok: %d acknowledged answers kept over %d kills; %d history runs alongside"
              % (number, acknowledged, KILLS_PER_TRIAL, runs))
print("%d acknowledged answers checked (%d by option id), %d history runs alongside; time left on resuming "
      "at most %d s off the time left at the kill (in the display's whole seconds)"
      % (answers, identified_answers, history_runs, worst))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
