#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The listing heuristic against hugi's own purpose-built extractors, on pages it was not written
# for: every HTML page of the shared development set ($HUGI_SHARED_DIR/fixtures/pages) that
# auto-detection reads with a built-in layout (no JSON-LD, no microdata) is read again with
# `--preset listing`, and the two must agree: the same number of reviews and, review by review,
# the same rating and date and a text that the layout's text contains (the layout may prepend
# the title). Nothing of the shared data is copied here and no answer is written down: the
# reference is hugi's layout output at run time. Exit 77 (ctest SKIP) when the folder does not
# exist or holds no such page.
#
# With --dir DIR the pages are read from DIR (hugi's own layout fixtures, tests/data/extract)
# and --allow-abstain lets the heuristic give nothing (it is meant to abstain when unsure), but
# whatever it does give must agree.
import json
import os
import subprocess
import sys
import unicodedata

SKIP = 77


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s or "").split())


def extract(hugi, path, env, *args):
    p = subprocess.run([hugi, "extract", "-v", *args, path], capture_output=True, env=env,
                       timeout=120)
    out = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]
    return p.returncode, p.stderr.decode("utf-8", "replace"), out


def main():
    args = sys.argv[1:]
    abstain = "--allow-abstain" in args
    args = [a for a in args if a != "--allow-abstain"]
    hugi = args[0]
    if len(args) > 2 and args[1] == "--dir":
        pages = args[2]
    else:
        shared = os.environ.get("HUGI_SHARED_DIR") or (args[1] if len(args) > 1 else "")
        pages = os.path.join(shared, "fixtures", "pages") if shared else ""
    if not pages or not os.path.isdir(pages):
        print(f"skip: no {pages}")
        return SKIP
    env = dict(os.environ, HUGI_NOW="2026-01-20T00:00:00Z", LC_ALL="C.UTF-8")
    checked = failures = abstained = 0
    for root, _, files in sorted(os.walk(pages)):
        for name in sorted(files):
            if not name.endswith((".html", ".htm")):
                continue
            path = os.path.join(root, name)
            rc, err, ref = extract(hugi, path, env)
            if rc != 0 or "preset layout" not in err or not ref:
                continue
            checked += 1
            rc2, err2, got = extract(hugi, path, env, "--preset", "listing")
            problems = []
            if abstain and rc2 != 0 and "reads as reviews" in err2:
                print(f"--   {os.path.relpath(path, pages)}: the heuristic abstains")
                abstained += 1
                continue
            if rc2 != 0:
                problems.append(f"exit {rc2}: {err2.strip()[:200]}")
            elif len(got) != len(ref):
                problems.append(f"{len(got)} reviews, the layout gives {len(ref)}")
            else:
                for i, (a, b) in enumerate(zip(ref, got)):
                    if a["rating"] != b["rating"] or a["date"] != b["date"]:
                        problems.append(f"review {i + 1}: rating/date {b['rating']} {b['date']}, "
                                        f"layout {a['rating']} {a['date']}")
                    elif not norm(b["text"]) or norm(b["text"]) not in norm(a["text"]):
                        problems.append(f"review {i + 1}: text {norm(b['text'])[:60]!r}")
            rel = os.path.relpath(path, pages)
            if problems:
                failures += 1
                print(f"FAIL {rel}: " + "; ".join(problems[:3]))
            else:
                print(f"ok   {rel} ({len(ref)} reviews agree)")
    if not checked:
        print("skip: no page read by a layout")
        return SKIP
    print(f"{checked - failures - abstained}/{checked} layout pages read the same by the listing "
          f"heuristic, {abstained} abstained, {failures} disagree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
