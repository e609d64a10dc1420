#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Runs `hugi extract` (auto-detect, no per-file options) on every file of the shared development
# set ($HUGI_SHARED_DIR/fixtures/pages) and checks it against the set's EXPECTED.json: the count,
# the first review's fields (id, author, rating, date, text prefix, title), the negative case,
# and the traps we can observe from the output (nulls not invented, epoch dates, pagination
# cursors). Nothing of the shared data is copied here; the answers come from EXPECTED.json at run
# time. Exit 77 (ctest SKIP) when the folder does not exist.
import json
import os
import subprocess
import sys
import unicodedata

SKIP = 77


def norm_ws(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def main():
    hugi = sys.argv[1]
    shared = os.environ.get("HUGI_SHARED_DIR") or (sys.argv[2] if len(sys.argv) > 2 else "")
    pages = os.path.join(shared, "fixtures", "pages")
    key = os.path.join(pages, "EXPECTED.json")
    if not shared or not os.path.isfile(key):
        print(f"skip: no {key}")
        return SKIP
    expected = json.load(open(key, encoding="utf-8"))["files"]
    env = dict(os.environ, HUGI_NOW="2026-01-20T00:00:00Z", LC_ALL="C.UTF-8")
    failures = 0
    passed = 0
    for path, exp in sorted(expected.items()):
        problems = []
        p = subprocess.run([hugi, "extract", "-v", os.path.join(pages, path)],
                           capture_output=True, env=env, timeout=120)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode != 0:
            problems.append(f"exit {p.returncode}: {err.strip()[:300]}")
        recs = [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]
        n = exp["expected_reviews"]
        if len(recs) != n:
            problems.append(f"count {len(recs)}, expected {n}")
        first = exp.get("first_review")
        if n == 0 and recs:
            problems.append("negative case returned reviews")
        if first and recs:
            r = recs[0]
            # id: the source's id when it has one; a content hash ("h:...") otherwise
            if first.get("id") is not None:
                if str(r.get("id")) != str(first["id"]):
                    problems.append(f"id {r.get('id')!r}, expected {first['id']!r}")
            elif not str(r.get("id", "")).startswith("h:"):
                problems.append(f"id {r.get('id')!r} invented (source has none)")
            if first.get("author") is None:
                if r.get("author") is not None:
                    problems.append(f"author {r.get('author')!r} invented")
            elif norm_ws(r.get("author") or "") != norm_ws(first["author"]):
                problems.append(f"author {r.get('author')!r}, expected {first['author']!r}")
            if first.get("rating") is None:
                if r.get("rating") is not None:
                    problems.append(f"rating {r.get('rating')!r} invented")
            else:
                want = float(first["rating"])
                if r.get("rating") is None or abs(float(r["rating"]) - want) > 1e-6:
                    problems.append(f"rating {r.get('rating')!r}, expected {want}")
            d = first.get("date")
            if d is None:
                if r.get("date") is not None or r.get("date_raw") is not None:
                    problems.append(f"date {r.get('date')!r} invented")
            elif isinstance(d, (int, float)):
                import datetime
                want = datetime.datetime.fromtimestamp(int(d), datetime.timezone.utc)
                if r.get("date") != want.strftime("%Y-%m-%dT%H:%M:%SZ"):
                    problems.append(f"date {r.get('date')!r}, expected epoch {d}")
            else:
                if r.get("date_raw") != d:
                    problems.append(f"date_raw {r.get('date_raw')!r}, expected {d!r}")
                if not r.get("date"):
                    problems.append(f"date {d!r} not parsed")
            t40 = first.get("text_first40")
            if t40 is None:
                if r.get("text"):
                    problems.append("text invented")
            else:
                got = norm_ws(r.get("text") or "")
                if not got.startswith(norm_ws(t40)):
                    problems.append(f"text {got[:50]!r}, expected {t40!r}")
            if "title" in first and first["title"] is not None:
                if norm_ws(r.get("title") or "") != norm_ws(first["title"]):
                    problems.append(f"title {r.get('title')!r}, expected {first['title']!r}")
        # traps we can see in the output
        traps = " ".join(exp.get("traps", []))
        if "next_token present" in traps and "next cursor:" not in err:
            problems.append("meta.next_token not reported as the next cursor")
        if "No next_token" in traps and "next cursor:" in err:
            problems.append("a next cursor reported for a single page")
        if "rating is '0' in every row" in traps and any(x.get("rating") is not None for x in recs):
            problems.append("rating 0 turned into a rating")
        if "No reviewRating and no datePublished" in traps and any(
                x.get("rating") is not None or x.get("date") is not None for x in recs):
            problems.append("rating or date invented")
        if "No author_id and no includes" in traps and any(x.get("author") for x in recs):
            problems.append("author invented")
        if "textDisplay is HTML" in traps and any("<br" in (x.get("text") or "") for x in recs):
            problems.append("HTML textDisplay used instead of textOriginal")
        if "No rating" in traps and any(x.get("rating") is not None for x in recs):
            problems.append("rating invented")
        if "exact duplicates" in traps and len({x["id"] for x in recs}) != len(recs):
            problems.append("duplicate ids left")
        if problems:
            failures += 1
            print(f"FAIL {path}")
            for pr in problems:
                print(f"  - {pr}")
        else:
            passed += 1
            print(f"ok   {path} ({len(recs)})")
    print(f"{passed}/{passed + failures} shared fixture files right")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
