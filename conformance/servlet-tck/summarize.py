#!/usr/bin/env python3
"""Summarize surefire XML reports: totals, per-class counts, non-passing tests.
usage: summarize.py REPORT_DIR [--json OUT]"""
import glob, json, os, sys
import xml.etree.ElementTree as ET

def load(d):
    res = {}
    for f in sorted(glob.glob(os.path.join(d, "TEST-*.xml"))):
        root = ET.parse(f).getroot()
        for tc in root.iter("testcase"):
            cls, name = tc.get("classname"), tc.get("name")
            status, msg = "passed", ""
            for tag in ("failure", "error", "skipped"):
                e = tc.find(tag)
                if e is not None:
                    status = {"failure": "failed", "error": "errored", "skipped": "skipped"}[tag]
                    msg = (e.get("message") or "") + " [" + (e.get("type") or "") + "]"
                    break
            res[(cls, name)] = (status, msg, float(tc.get("time") or 0))
    return res

def main():
    d = sys.argv[1]
    res = load(d)
    tot = {"passed": 0, "failed": 0, "errored": 0, "skipped": 0}
    per = {}
    for (cls, name), (st, _, _) in res.items():
        tot[st] += 1
        per.setdefault(cls, {"passed": 0, "failed": 0, "errored": 0, "skipped": 0})[st] += 1
    print(f"report dir: {d}")
    print(f"classes: {len(per)}  tests: {len(res)}  " + "  ".join(f"{k}: {v}" for k, v in tot.items()))
    print()
    print(f"{'class':95} {'run':>4} {'pass':>4} {'fail':>4} {'err':>4} {'skip':>4}")
    for cls in sorted(per):
        c = per[cls]
        print(f"{cls.replace('servlet.tck.',''):95} {sum(c.values()):4} {c['passed']:4} {c['failed']:4} {c['errored']:4} {c['skipped']:4}")
    print()
    print("non-passing tests:")
    for (cls, name), (st, msg, _) in sorted(res.items()):
        if st != "passed":
            print(f"  {st:8} {cls.replace('servlet.tck.','')}#{name}: {msg[:200]}")
    if "--json" in sys.argv:
        out = sys.argv[sys.argv.index("--json") + 1]
        json.dump({f"{c}#{n}": v[0] for (c, n), v in res.items()}, open(out, "w"), indent=1, sort_keys=True)

main()
