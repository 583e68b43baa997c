#!/usr/bin/env python3
"""Writes a synthetic, valid bank of N questions for the loader benchmark.

usage: generate-bank.py N OUTDIR [--per-file K]

The bank has four domains, one exam, and questions of every type spread over include files of
K questions each (default 1000), so it exercises includes, the schema and every semantic rule.
Deterministic: the same N gives the same files.
"""
import os, random, sys

def main():
    n = int(sys.argv[1]); out = sys.argv[2]
    per_file = int(sys.argv[sys.argv.index('--per-file') + 1]) if '--per-file' in sys.argv else 1000
    rnd = random.Random(n)
    bank_id = f"synthetic-{n}"
    os.makedirs(out, exist_ok=True)
    domains = [("alpha", 30), ("beta", 30), ("gamma", 20), ("delta", 20)]
    files = []
    for start in range(0, n, per_file):
        name = f"part-{start // per_file:04d}.xml"
        files.append(name)
        with open(os.path.join(out, name), "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<questions xmlns="urn:proctor:bank:1">\n')
            for i in range(start, min(n, start + per_file)):
                f.write(question(bank_id, i, domains[i % 4][0], rnd))
            f.write('</questions>\n')
    with open(os.path.join(out, f"{bank_id}.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write(f'<bank xmlns="urn:proctor:bank:1" xmlns:xi="http://www.w3.org/2001/XInclude" id="{bank_id}" version="1" xml:lang="en">\n')
        f.write(f'  <title>Synthetic bank of {n} questions</title>\n  <summary>Generated for the loader benchmark.</summary>\n')
        for d, w in domains:
            f.write(f'  <domain id="{d}" name="Domain {d}" weight="{w}">\n')
            for t in range(3):
                f.write(f'    <topic id="{d}-t{t}" name="Topic {t} of {d}"/>\n')
            f.write('  </domain>\n')
        length = min(n, 180)
        f.write(f'  <exam id="{bank_id}-exam" name="Synthetic exam" questions="{length}" minutes="240">\n')
        if length > 120:
            f.write('    <break after="60" minutes="10"/>\n    <break after="120" minutes="10"/>\n')
        f.write('    <scoring model="bands" pass="65">\n      <band name="Above Target" min="80"/>\n'
                '      <band name="Target" min="65"/>\n      <band name="Below Target" min="50"/>\n'
                '      <band name="Needs Improvement" min="0"/>\n    </scoring>\n  </exam>\n')
        for name in files:
            f.write(f'  <xi:include href="{name}"/>\n')
        f.write('</bank>\n')

WORDS = ("project schedule risk stakeholder sprint backlog budget quality scope vendor team value "
         "increment charter baseline variance estimate release review change control metric").split()

def sentence(rnd, words):
    return " ".join(rnd.choice(WORDS) for _ in range(words)).capitalize()

def question(bank_id, i, domain, rnd):
    qid = f"{bank_id}-{i:07d}"
    topic = f"{domain}-t{i % 3}"
    kind = ("single", "single", "single", "multiple", "truefalse", "numeric", "ordering", "matching")[i % 8]
    stem = f"Question {i}: {sentence(rnd, 24)}?"
    head = f'  <question id="{qid}" type="{kind}" domain="{domain}" topic="{topic}" difficulty="{1 + i % 5}"'
    if kind == "multiple":
        head += ' select="2"'
    lines = [head + ">", f"    <stem>{stem}</stem>"]
    if kind == "single":
        key = i % 4
        for o in range(4):
            mark = ' correct="true"' if o == key else ''
            lines.append(f'    <option id="{"abcd"[o]}"{mark}>{sentence(rnd, 6)}</option>')
    elif kind == "multiple":
        keys = {i % 5, (i + 2) % 5}
        for o in range(5):
            mark = ' correct="true"' if o in keys else ''
            lines.append(f'    <option id="{"abcde"[o]}"{mark}>{sentence(rnd, 5)}</option>')
    elif kind == "truefalse":
        true_mark, false_mark = (' correct="true"', '') if i % 2 else ('', ' correct="true"')
        lines.append(f'    <option id="t"{true_mark}>True</option>')
        lines.append(f'    <option id="f"{false_mark}>False</option>')
    elif kind == "numeric":
        lines[1] = f"    <stem>{stem} Round to two decimal places.\n      <exhibit title=\"Data\">\nEV   {1000 + i}\nAC   {1100 + i}\n      </exhibit>\n    </stem>"
        lines.append(f'    <answer value="{(1000 + i) / (1100 + i):.2f}" tolerance="0.005"/>')
    elif kind == "ordering":
        for o in range(4):
            lines.append(f'    <item id="i{o}">{sentence(rnd, 4)}</item>')
    else:
        for o in range(4):
            lines.append(f'    <pair id="p{o}"><left>{sentence(rnd, 3)}</left><right>{sentence(rnd, 5)}</right></pair>')
    lines.append(f"    <explanation>{sentence(rnd, 30)}.</explanation>")
    lines.append(f"    <reference>Synthetic guide, section {i % 97}</reference>")
    lines.append("  </question>")
    return "\n".join(lines) + "\n"

if __name__ == "__main__":
    main()
