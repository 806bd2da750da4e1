#!/usr/bin/env python3
"""tools/cowgraph on a real run: boots cowshow and draws two steps.
Step 1, the moment of fork: each root has a level-1 table of its own, and
both lead to one level-0 table, drawn once, with two arrows into it.  Step 3 (the child has written the page,
the parent is its sole owner): the step as title, a legend, both processes
labelled parent and child, the followed page's two frames marked, the text
frame they share as one node with 2 references, orange, and a
copy-on-write frame with one owner.  TAP."""
import html
import re
import subprocess
import sys


def tap(checks):
    """Prints [(ok, what)] as TAP; the exit status."""
    for i, (ok, name) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    print("1..%d" % len(checks))
    return 0 if all(ok for ok, _ in checks) else 1


def roots_per_table(svg):
    """{level-0 table: {roots}} from the arrows of an SVG (edge titles are
    a&#45;&gt;b), through the level-1 tables when they are drawn; and the
    level-1 tables seen."""
    arrows = re.findall(r"<title>(root|level1)(0x[0-9a-f]+)&#45;&gt;"
                        r"(level1|table)(0x[0-9a-f]+)</title>", svg)
    above = {}
    for kind, a, _, b in arrows:
        above.setdefault(b, set()).add((kind, a))
    tables = {}
    for kind, a, below, b in arrows:
        if below != "table":
            continue
        roots = {a} if kind == "root" else \
            {r for k, r in above.get(a, ()) if k == "root"}
        tables.setdefault(b, set()).update(roots)
    level1 = {b for _, _, below, b in arrows if below == "level1"}
    return tables, level1


def main():
    qemu, kernel, initrd, cowgraph = sys.argv[1:5]
    console = subprocess.run(
        [qemu, "-machine", "virt", "-bios", "default", "-nographic",
         "-m", "128M", "-smp", "3", "-kernel", kernel, "-initrd", initrd,
         "-append", 'init.run="cowshow"'],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=120).stdout.decode(errors="replace")
    first = subprocess.run([sys.executable, cowgraph, "-s", "1"],
                           input=console, text=True, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE).stdout
    by_table, level1 = roots_per_table(first)
    r = subprocess.run([sys.executable, cowgraph, "-s", "3"], input=console,
                       text=True, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    svg = r.stdout
    texts = [html.unescape(t) for t in
             re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    # Each node is a <g> holding its polygon (with the fill) and texts.
    nodes = [html.unescape(n) for n in
             re.findall(r'<g id="node\d+" class="node">(.*?)</g>', svg, re.S)]
    shared_text = [n for n in nodes if 'fill="orange"' in n and
                   "refs 2" in n and "shared (read-only)" in n]
    checks = [
        (any(len(roots) == 2 for roots in by_table.values()),
         "step 1: one level-0 table reached from both roots"),
        (len(level1) == 2,
         "step 1: each root through a level-1 table of its own (%d drawn)"
         % len(level1)),
        (r.returncode == 0 and svg.lstrip().startswith(("<?xml", "<svg")),
         "cowgraph made an SVG (%s)" % r.stderr.strip()),
        (any(t.startswith("parent: pid ") and "(cowshow)" in t
             for t in texts) and
         any(t.startswith("child: pid ") and "(cowshow)" in t
             for t in texts),
         "both cowshow processes are drawn, labelled parent and child"),
        (any(t.startswith("step 3: the child stored") for t in texts),
         "the title is cowshow's step 3"),
        (all(any(w in t for t in texts) for w in
             ("legend", "copy-on-write,", "the zero frame",
              "the page followed")),
         "a legend names the colours and the followed page"),
        (sum('stroke="blue"' in n and "frame " in n for n in nodes) == 2,
         "the followed page is marked: the parent's frame and the child's"),
        (len(shared_text) == 1,
         "the text frame both map is one orange node with refs 2"),
        (sum("cow, sole owner" in n for n in nodes) >= 1,
         "a copy-on-write frame with one owner is drawn"),
    ]
    return tap(checks)


if __name__ == "__main__":
    sys.exit(main())
