#!/usr/bin/env python3
"""Every file and every C name the docs cite must exist: a learner reads
docs/ side by side with the code, so a renamed function or a moved file
must not leave the chapter pointing at nothing.

Looks at `code spans` in README.md, docs/*.md and docs/labs/*.md.  A span that is a path
(has a '/' and names something under the source tree, or a file name with
a source extension) must exist; a span that is a C identifier with an
underscore, or one followed by (...), must occur in the sources.  Paths
under build/ and spans inside fenced blocks (sample output) are not
checked.  Prints TAP, one result per document.
"""
import os
import re
import sys

SOURCE_EXT = (".c", ".h", ".S", ".py", ".ld", ".sh", ".build", ".ini",
              ".md", ".svg", ".in", ".dts", ".txt")
SPAN = re.compile(r"`([^`\n]+)`")
IDENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\(.*\))?$")
PATH = re.compile(r"^(\.\./)?[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]*)+$")
# Names the docs take from the ELF, SBI and OpenSBI specifications, which
# our code spells its own way.
SPEC_NAMES = {"e_entry", "p_filesz", "p_memsz", "p_paddr", "p_flags",
              "hart_start", "fw_dynamic"}
# Names a lab's table of xv6-riscv's names beside ours cites from xv6
# (docs/labs/): a student knows them, and this tree does not use them.
XV6_NAMES = {"PTE_RSW", "sfence_vma"}


def source_names(root):
    """Every identifier-like word in the sources: C, assembly, linker
    scripts, Python helpers, meson files, the labs' TOML."""
    words = set()
    for top, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and
                   d not in ("build", "docs")]
        for f in files:
            if f.endswith((".c", ".h", ".S", ".ld", ".py", ".build", ".in",
                           ".sh", ".toml")) or os.access(os.path.join(top, f), os.X_OK):
                try:
                    text = open(os.path.join(top, f), errors="replace").read()
                except OSError:
                    continue
                words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    return words


def prose(text):
    """The text outside fenced code blocks."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            out.append(line)
    return "\n".join(out)


def problems(doc, root, names):
    found, checked = [], 0
    for span in SPAN.findall(prose(open(doc).read())):
        span = span.strip()
        word = span.split()[0] if span.split() else span
        if PATH.match(word) and not word.startswith(("build/", "/", "../shared")):
            path = word.rstrip("/")
            if "/" in path and (path.endswith(SOURCE_EXT) or
                                os.path.isdir(os.path.join(root, path.split("/")[0]))):
                checked += 1
                if not os.path.exists(os.path.join(root, path)):
                    found.append("no file %s" % path)
            continue
        m = IDENT.match(span)
        if m and ("_" in m.group(1).strip("_") or m.group(2)):
            name = m.group(1)
            checked += 1
            if name not in names and name not in SPEC_NAMES | XV6_NAMES:
                found.append("no name %s" % name)
    return found, checked


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    docs = [os.path.join(root, "README.md")] + sorted(
        os.path.join(folder, f)
        for folder in (os.path.join(root, "docs"), os.path.join(root, "docs", "labs"))
        if os.path.isdir(folder)
        for f in os.listdir(folder) if f.endswith(".md"))
    names = source_names(root)
    print("1..%d" % len(docs))
    bad = 0
    for i, doc in enumerate(docs, 1):
        found, checked = problems(doc, root, names)
        rel = os.path.relpath(doc, root)
        print("# %s: %d names and paths checked" % (rel, checked))
        for p in found:
            print("# %s: %s" % (rel, p))
        print("%s %d - %s names only files and code that exist" % (
            "not ok" if found else "ok", i, rel))
        bad += bool(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
