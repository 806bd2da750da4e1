#!/usr/bin/env python3
"""Print per-suite counts and the closing "N passed, N failed" line from
meson's testlog.json.  Exits 1 if any test failed or none ran."""
import collections
import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}

def main(path):
    suites = collections.defaultdict(lambda: [0, 0, 0])
    with open(path) as f:
        for line in f:
            t = json.loads(line)
            # names look like "sv39cow:unit / frame"
            suite = t["name"].split(" / ")[0].split(":")[-1]
            kind = 0 if t["result"] in PASSED else 2 if t["result"] in SKIPPED else 1
            suites[suite][kind] += 1
    for suite, (p, fl, s) in sorted(suites.items()):
        print("suite %-10s %3d passed, %d failed%s" %
              (suite, p, fl, ", %d skipped" % s if s else ""))
    passed = sum(v[0] for v in suites.values())
    failed = sum(v[1] for v in suites.values())
    skipped = sum(v[2] for v in suites.values())
    tail = ", %d skipped" % skipped if skipped else ""
    print("%d passed, %d failed%s" % (passed, failed, tail))
    return 0 if failed == 0 and passed > 0 else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
