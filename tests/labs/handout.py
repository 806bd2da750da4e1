#!/usr/bin/env python3
"""The handouts tools/lab makes, checked as a teacher would (TAP):

    handout.py LAB [--work DIR]

1. `tools/lab start LAB` writes a tree, and `tools/lab check` finds no
   removed line in it; a removed line planted into a copy makes `check`
   fail (so the check can fail).
2. The handout builds and `tools/grade LAB` scores it exactly the points
   of the cases the lab's own work decides (`expect_lost` in the lab's
   handout.toml) below full: those cases fail, every other one passes.
   The labs before it score full marks on it.
3. The handout with only the lab's kernel code put back (the sources
   outside tests/, usr/ and tools/ that `tools/lab start LAB --solved`,
   which keeps the lab's own regions, has otherwise) scores full marks:
   what a student who wrote exactly the marked functions has.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

from mutants import lab_tool  # beside this file

HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = os.path.join(HERE, "tools")
results = []


def say(ok, what, detail=""):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), what))
    for line in detail.strip().split("\n") if detail.strip() else []:
        print("# " + line)


def run(cmd, cwd=HERE):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return r.returncode, r.stdout


def grade(lab, tree, out):
    code, text = run([os.path.join(TOOLS, "grade"), lab, tree, "--fast",
                      "--json", out, "--hang", "30"])
    if not os.path.exists(out):
        return code, None, text
    with open(out) as f:
        return code, json.load(f), text


def failed_cases(results_json):
    return sorted(t["name"].rsplit(",", 1)[0] for t in results_json["tests"]
                  if t["status"] == "failed")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("lab")
    p.add_argument("--work")
    a = p.parse_args()
    with open(os.path.join(HERE, "labs", a.lab, "handout.toml"), "rb") as f:
        lost = sorted(tomllib.load(f)["expect_lost"])
    with open(os.path.join(HERE, "labs", "labs.toml"), "rb") as f:
        order = tomllib.load(f)["order"]
    work = a.work or tempfile.mkdtemp(prefix="handout-")
    hand, solved = os.path.join(work, "handout"), os.path.join(work, "solved")

    code, text = run([os.path.join(TOOLS, "lab"), "start", a.lab, hand])
    say(code == 0 and "none left" in text,
        "tools/lab start %s writes a handout with no removed line in it" % a.lab,
        text)
    planted = os.path.join(work, "planted")
    shutil.copytree(hand, planted, ignore=shutil.ignore_patterns(".git"))
    code_ok, _ = run([os.path.join(TOOLS, "lab"), "check", a.lab, planted])
    line = first_removed_line(a.lab)
    with open(os.path.join(planted, "README.md"), "a") as f:
        f.write("\n" + line + "\n")
    code_bad, text = run([os.path.join(TOOLS, "lab"), "check", a.lab, planted])
    say(code_ok == 0 and code_bad != 0 and "still holds" in text,
        "tools/lab check passes the handout and fails it with one removed "
        "line planted (%s)" % line.strip(), text)

    code, res, text = grade(a.lab, hand, os.path.join(work, "handout.json"))
    got = failed_cases(res) if res else None
    say(res is not None and got == lost,
        "the handout scores %s on lab %s: exactly the lab's own cases fail "
        "(%s)" % ("%d/%d" % (res["score"], res["max_score"]) if res else "?",
                  a.lab, ", ".join(lost)),
        "" if got == lost else "failed: %s\n%s" % (got, text[-3000:]))
    for before in order[:order.index(a.lab)][-2:]:
        code, res, text = grade(before, hand,
                                os.path.join(work, before + ".json"))
        say(code == 0, "the handout scores full marks on lab %s, which comes "
            "before it" % before, "" if code == 0 else text[-3000:])

    code, text = run([os.path.join(TOOLS, "lab"), "start", a.lab, solved,
                      "--solved"])
    student = os.path.join(work, "student")
    shutil.copytree(hand, student, ignore=lambda top, names: [
        n for n in names if n == ".git" or (top == hand and n == "build")])
    back = kernel_files_that_differ(hand, solved)
    for path in back:
        shutil.copy2(os.path.join(solved, path), os.path.join(student, path))
    code, res, text = grade(a.lab, student, os.path.join(work, "student.json"))
    say(code == 0 and back != [], "the handout with only the lab's kernel "
        "code put back (%s) scores full marks on lab %s" %
        (", ".join(back), a.lab), "" if code == 0 else text[-3000:])
    print("1..%d" % len(results))
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(results) else 1


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


KERNEL_CODE = (".c", ".h", ".S")
NOT_KERNEL = ("tests/", "usr/", "tools/", "labs/")


def kernel_files_that_differ(hand, solved):
    """The kernel's sources that the lab's regions change: what a student
    writes (its tests and docs stay as the handout has them)."""
    out = []
    for top, dirs, files in os.walk(solved):
        dirs[:] = [d for d in dirs if d != ".git" and
                   not (top == solved and d == "build")]
        for f in files:
            path = os.path.relpath(os.path.join(top, f), solved)
            if not path.endswith(KERNEL_CODE) or path.startswith(NOT_KERNEL):
                continue
            mine = os.path.join(hand, path)
            if not os.path.exists(mine) or (read_bytes(mine) !=
                                            read_bytes(os.path.join(top, f))):
                out.append(path)
    return sorted(out)


def first_removed_line(lab):
    """A distinctive line of the lab's solution, to plant."""
    tool = lab_tool()
    removed = {}
    for solved in (False, True):
        scratch = tempfile.mkdtemp(prefix="lab-plant-")
        try:
            _, removed[solved] = tool.write_tree(lab, scratch, solved)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    # the lab's own lines: what the handout loses and the solved tree keeps
    own = {l.strip() for l in removed[False]} - \
          {l.strip() for l in removed[True]}
    lines = [l for l in tool.solution_lines(removed[False]) if l in own and
             l.endswith(";") and "(" in l and l[0].isalpha()]
    return sorted(lines)[0]


if __name__ == "__main__":
    sys.exit(main())
