#!/usr/bin/env python3
"""Check a lab's grader against wrong answers: each tests/labs/LAB/*.patch
makes one plausible mistake in the tree, and tools/grade must take points
for it, in the case and with the message the patch's header names.

    mutants.py LAB [--tree DIR] [--work DIR] [--only NAME]

The tree (this one by default) is copied to a scratch folder, without
the lab markers' comment lines (tools/lab; no handout has them, so the
patches are made without them and apply to this tree and to every
handout alike), and built there once; then for each mutant the patch is applied, the kernel and
image rebuilt, `tools/grade LAB SCRATCH --fast --only CASE` run, and the
patch taken back out.  A patch's header says what it expects:

    Mistake: what the patch gets wrong, in words.
    Expect: CASE-RE :: WHY-RE

and the mutant is caught when a case whose name CASE-RE matches fails
with a message (the grader's sentence or the console lines under it) that
WHY-RE matches.  Before any mutant the unchanged copy must score full
marks on the same cases, so that a grader that fails everything cannot
pass this test.  Prints TAP.
"""
import argparse
import importlib.machinery
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXPECT = re.compile(r"^Expect: (.+?) :: (.+)$", re.M)


class Mutant:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)[:-len(".patch")]
        text = open(path).read()
        m = EXPECT.search(text)
        if not m:
            sys.exit("%s: no 'Expect: CASE :: WHY' line" % path)
        self.case_re, self.why_re = m.group(1), m.group(2)


def run(cmd, cwd, quiet=True):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode and not quiet:
        sys.stdout.write(r.stdout)
    return r


def copy_tree(src, dst):
    """The files of src git would track (or all but build/ without git)."""
    files = run(["git", "ls-files", "-z", "--cached", "--others",
                 "--exclude-standard"], src).stdout.split("\0")
    if not any(files):
        shutil.copytree(src, dst, ignore=shutil.ignore_patterns("build"),
                        dirs_exist_ok=True)
        return
    for f in filter(None, files):
        os.makedirs(os.path.join(dst, os.path.dirname(f)), exist_ok=True)
        if os.path.exists(os.path.join(src, f)):
            shutil.copy2(os.path.join(src, f), os.path.join(dst, f))


def lab_tool():
    """tools/lab, as a module: its marker reader."""
    loader = importlib.machinery.SourceFileLoader(
        "labtool", os.path.join(HERE, "tools", "lab"))
    spec = importlib.util.spec_from_loader("labtool", loader)
    tool = importlib.util.module_from_spec(spec)
    loader.exec_module(tool)
    return tool


def drop_markers(scratch):
    """Takes the lab markers' comment lines out of the copy, as every
    handout has them out, so that one patch applies to this tree and to
    the handouts alike (the patches are made without them)."""
    tool = lab_tool()
    for top, dirs, files in os.walk(scratch):
        dirs[:] = [d for d in dirs if d not in (".git", "build")]
        for f in files:
            path = os.path.join(top, f)
            text = tool.read_text(path)
            if text is None or f.endswith(".patch"):
                continue
            kept, _ = tool.cut(text, path, [])
            if kept != text:
                with open(path, "w") as out:
                    out.write(kept)


def build(scratch):
    if not os.path.exists(os.path.join(scratch, "build", "build.ninja")):
        r = run(["meson", "setup", "build", "--cross-file", "cross-riscv64.ini",
                 "--native-file", "native-clang.ini"], scratch, quiet=False)
        if r.returncode:
            return False
    return run(["ninja", "-C", "build", "kernel.elf", "fs/fs.img"], scratch,
               quiet=False).returncode == 0


def grade(lab, scratch, only, out):
    run([os.path.join(HERE, "tools", "grade"), lab, scratch, "--fast",
         "--only", only, "--json", out, "--hang", "20"], scratch)
    with open(out) as f:
        return json.load(f)


def caught(results, mutant):
    """The failed case that shows the mistake, or None."""
    for t in results["tests"]:
        if t["status"] == "failed" and re.search(mutant.case_re, t["name"]) \
                and re.search(mutant.why_re, t["output"]):
            return t
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("lab")
    p.add_argument("--tree", default=HERE)
    p.add_argument("--work")
    p.add_argument("--only", help="just this mutant")
    a = p.parse_args()
    folder = os.path.join(HERE, "tests", "labs", a.lab)
    mutants = [Mutant(os.path.join(folder, f))
               for f in sorted(os.listdir(folder)) if f.endswith(".patch")]
    if a.only:
        mutants = [m for m in mutants if m.name == a.only]
    work = a.work or tempfile.mkdtemp(prefix="mutants-")
    scratch = os.path.join(work, "tree")
    copy_tree(a.tree, scratch)
    drop_markers(scratch)
    print("1..%d" % (len(mutants) + 1))
    if not build(scratch):
        print("not ok 1 - the unchanged copy builds")
        return 1
    every = "|".join("(%s)" % m.case_re for m in mutants)
    base = grade(a.lab, scratch, every, os.path.join(work, "base.json"))
    full = base["score"] == base["max_score"] and base["tests"]
    print("%s 1 - the unchanged copy scores %d/%d on the cases the mutants "
          "are expected to fail" % ("ok" if full else "not ok",
                                    base["score"], base["max_score"]))
    failed = not full
    for n, m in enumerate(mutants, 2):
        applied = run(["patch", "-p1", "-s", "-i", m.path], scratch)
        ok = applied.returncode == 0 and build(scratch)
        results = grade(a.lab, scratch, m.case_re,
                        os.path.join(work, m.name + ".json")) if ok else None
        hit = caught(results, m) if results else None
        run(["patch", "-p1", "-R", "-s", "-i", m.path], scratch)
        if hit:
            why = hit["output"].split("\n")
            print("ok %d - %s loses %s: %s" % (n, m.name, hit["name"], why[0]))
            for line in why[1:]:
                print("#   " + line)
            continue
        failed = True
        print("not ok %d - %s: %s" % (n, m.name, "did not apply or build"
                                      if not ok else "no case /%s/ failed "
                                      "with /%s/" % (m.case_re, m.why_re)))
        for t in (results or {"tests": []})["tests"]:
            print("# %s: %s %s" % (t["name"], t["status"],
                                   t["output"].split("\n")[0]))
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
