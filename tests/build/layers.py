#!/usr/bin/env python3
"""The kernel reads bottom-up: every file uses only its own floor and the
floors below it (README.md's layout table, docs/reading-order.md).

Each kernel file is mapped to a floor by its folder.  A "use" is an
#include of a project header, or a mention (in C: a call, a pointer, a
variable; in assembly: call, tail, la, j) of a name defined in exactly one
place: a non-static function or variable in a .c or .S file, or a static
inline function, a macro or a typedef in a header.  (A struct named only
through a pointer is opaque and no use.)  A use of something on a
higher floor fails the test with its file, line and name.

Then the graph of uses between modules is searched for loops.  A module
is a .c or .S file with the header of the same name, and a family of them
counts as one (mm/frame_alloc.c belongs to mm/frame, fs/inode_data.c to
fs/inode: the prefix names the family).  The only loop allowed is the
ground knot on floor 2 (cpu, spinlock, panic, printk and the UART they
print through, at most five modules), which no kernel can untie: a lock
must be able to panic and a panic must print.  Everywhere else a reader
can take the modules in an order where each uses only those before it
(docs/reading-order.md).

With --self-test, the checker also plants an upward include, an upward
call, a loop and a command-line read into copies of the kernel and shows
that each then fails.  Prints TAP.
"""
import os
import re
import shutil
import sys
import tempfile

# Floor order, bottom first: (folder prefix, floor).  The longest prefix
# that matches a path wins, so proc/sched/ sits below proc/.
FLOORS = [
    ("include/", 1), ("lib/", 1),
    ("arch/", 2),
    ("mm/", 3),
    ("proc/sched/", 4),
    ("fs/", 5),
    ("proc/", 6),
    ("trap/", 7),
    ("kernel/", 8), ("tests/kernel/", 8),
]
KERNEL_DIRS = ("include", "lib", "arch", "mm", "proc", "fs", "trap",
               "kernel", "tests/kernel")
GROUND_FLOOR = 2
GROUND_KNOT_MAX = 5
# Only the roof reads the kernel command line; everything else is handed
# the boot options it needs.
ROOF_ONLY = {"cmdline_get", "cmdline_get_u64"}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A row of an X-macro table (include/syscall_table.h): its words are used
# by whoever defines the macro and includes the table, not by the table.
X_MACRO_ROW = re.compile(r"^\s*[A-Z][A-Z0-9_]*\(")
ASM_USE = re.compile(r"^\s*(?:\w+:\s*)?(?:call|tail|la|lla|j|jal)\s+"
                     r"([A-Za-z_][A-Za-z0-9_]*)")
# The one use that must point up: a hart's first instructions (floor 2,
# the machine) enter C at the roof, as the reset path of any kernel must.
# Nothing else may call kmain.
BOOT_ENTRY = {("arch/entry.S", "kmain"), ("arch/entry.S", "kmain_secondary")}


def floor_of(path):
    best = None
    for prefix, floor in FLOORS:
        if path.startswith(prefix) and (best is None or
                                        len(prefix) > len(best[0])):
            best = (prefix, floor)
    return best[1] if best else None


def strip_c(text):
    """Comments and string/char literals become spaces; lines are kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def kernel_files(root):
    found = []
    for d in KERNEL_DIRS:
        for top, dirs, files in os.walk(os.path.join(root, d)):
            rel_top = os.path.relpath(top, root)
            if d != "tests/kernel" and rel_top.startswith("tests"):
                continue
            for f in files:
                if f.endswith((".c", ".h", ".S")):
                    found.append(os.path.join(rel_top, f))
    return sorted(found)


def definitions(path, code):
    """Names this file defines for others: exported functions and
    variables of a .c/.S file, or inline functions, macros and types of a
    header."""
    names = set()
    if path.endswith(".S"):
        for m in re.finditer(r"^\s*\.globl\s+(\w+)", code, re.M):
            names.add(m.group(1))
        return names
    if path.endswith(".h"):
        names.update(re.findall(r"^\s*#\s*define\s+(\w+)", code, re.M))
        names.update(re.findall(r"\bstatic\s+inline\b[^;{]*?\b(\w+)\s*\(",
                                code))
        names.update(re.findall(r"\btypedef\b[^;]*?\b(\w+)\s*;", code))
        return names
    depth = 0
    statement = ""
    for ch in code:
        if depth == 0:
            if ch == "{":
                names.update(top_level_name(statement, function=True))
                statement = ""
                depth = 1
                continue
            if ch == ";":
                names.update(top_level_name(statement, function=False))
                statement = ""
                continue
            statement += ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                statement = ""
    return names


def top_level_name(statement, function):
    s = " ".join(statement.split())
    if not s or s.startswith("#") or re.search(r"\b(static|extern|typedef)\b",
                                               s):
        return []
    s = re.sub(r"^(#[^\n]*\s)+", "", s)
    if function:
        m = re.search(r"(\w+)\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$", s)
        return [m.group(1)] if m else []
    head = s.split("=")[0].strip()
    if "(" in head or re.match(r"^(struct|enum|union)\s+\w+$", head):
        return []  # a prototype or a forward declaration
    m = re.search(r"(\w+)\s*(\[[^\]]*\]\s*)*$", head)
    return [m.group(1)] if m else []


def is_member(path, line, m):
    """A structure's field, named after a function elsewhere: after . or
    ->, or declared in a header (a name ending its declaration)."""
    before = line[:m.start()].rstrip()
    if before.endswith((".", "->")):
        return True
    after = line[m.end():].lstrip()
    return path.endswith(".h") and after.startswith((";", "[", ":")) and \
        "(" not in before


def module_of(path):
    return os.path.splitext(path)[0]


def family_of(path, modules):
    """The module, or the family it belongs to: mm/frame_alloc is part of
    mm/frame when mm/frame exists."""
    m = module_of(path)
    folder, stem = os.path.split(m)
    parts = stem.split("_")
    for i in range(1, len(parts)):
        head = os.path.join(folder, "_".join(parts[:i]))
        if head in modules:
            return head
    return m


def build_order(root):
    """The kernel's sources as kernel/meson.build lists them."""
    text = open(os.path.join(root, "kernel", "meson.build")).read()
    listed = re.findall(r"'(?:\.\./)?([\w/]+\.[cS])'", text)
    return [p if "/" in p else "kernel/" + p for p in listed]


def order_problems(root, edges):
    """kernel/meson.build lists the sources in reading order: a module
    uses only modules listed before it."""
    files = kernel_files(root)
    modules = {module_of(f) for f in files}
    order = []
    for path in build_order(root):
        fam = family_of(path, modules)
        if fam not in order:
            order.append(fam)
    problems = []
    knot = set(next((c for c in loops(edges) if not loop_problems([c])), ()))
    for a in order:
        for b in sorted(edges.get(a, ())):
            if a in knot and b in knot:
                continue  # the ground knot has no order to keep
            if b in order and order.index(b) > order.index(a):
                problems.append("kernel/meson.build lists %s before %s, "
                                "which it uses" % (a, b))
    return problems


def check(root):
    files = kernel_files(root)
    code = {}
    for f in files:
        code[f] = strip_c(open(os.path.join(root, f), errors="replace").read())
    owners = {}
    for f in files:
        for name in definitions(f, code[f]):
            owners.setdefault(name, set()).add(f)
    unique = {n: next(iter(fs)) for n, fs in owners.items()
              if len({module_of(x) for x in fs}) == 1}
    raw = {f: open(os.path.join(root, f), errors="replace").read()
           for f in files}
    modules = {module_of(f) for f in files}
    # A .c file's own macros (an X-macro's row format) shadow a header's.
    local = {f: set(re.findall(r"^\s*#\s*define\s+(\w+)", code[f], re.M))
             for f in files if f.endswith(".c")}
    problems, edges = [], {}
    for f in files:
        me = floor_of(f)
        for lineno, (line, stripped) in enumerate(
                zip(raw[f].splitlines(), code[f].splitlines()), 1):
            used = []
            m = INCLUDE.match(line)
            if m and os.path.exists(os.path.join(root, m.group(1))):
                used.append((m.group(1), "#include"))
            elif f.endswith(".S"):
                am = ASM_USE.match(stripped)
                if am and am.group(1) in unique:
                    used.append((unique[am.group(1)], am.group(1)))
            elif not (f.endswith(".h") and X_MACRO_ROW.match(stripped)):
                for m in IDENT.finditer(stripped):
                    word = m.group(0)
                    if is_member(f, stripped, m):
                        continue
                    if word in unique and word not in local.get(f, ()):
                        used.append((unique[word], word))
                    if word in ROOF_ONLY and me != 8 and \
                            module_of(f) != module_of(unique.get(word, "")):
                        problems.append(
                            f"{f}:{lineno}: reads the command line "
                            f"({word}); only kernel/ may, and passes "
                            f"options down")
            for target, what in used:
                if (f, what) in BOOT_ENTRY:
                    continue
                a, b = family_of(f, modules), family_of(target, modules)
                if a != b:
                    edges.setdefault(a, set()).add(b)
                them = floor_of(target)
                if them is not None and me is not None and them > me:
                    problems.append(
                        f"{f}:{lineno}: {what} from {target} "
                        f"(floor {them}) on floor {me}")
    global last_edges
    last_edges = edges
    return problems, loops(edges)


last_edges = {}


def loops(edges):
    """Strongly connected components with more than one module."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def loop_problems(found):
    problems = []
    for comp in found:
        floors = {floor_of(m + "/") for m in comp}
        if floors == {GROUND_FLOOR} and len(comp) <= GROUND_KNOT_MAX:
            continue
        problems.append("loop of %d modules: %s" % (len(comp),
                                                     " ".join(comp)))
    return problems


def report(results):
    print("1..%d" % len(results))
    failed = 0
    for i, (name, problems) in enumerate(results, 1):
        if problems:
            failed += 1
            print("not ok %d - %s" % (i, name))
            for p in problems:
                print("# " + p)
        else:
            print("ok %d - %s" % (i, name))
    return failed


def planted(root, victim, line, expect):
    """Copies the kernel, changes victim (appends line, or swaps the two
    lines of a (first, second) pair) and checks that the problems then
    name expect; [] if they do."""
    with tempfile.TemporaryDirectory() as tmp:
        for d in KERNEL_DIRS:
            if os.path.isdir(os.path.join(root, d)):
                shutil.copytree(os.path.join(root, d), os.path.join(tmp, d))
        path = os.path.join(tmp, victim)
        text = open(path).read()
        if isinstance(line, tuple):
            text = text.replace(line[0], "@").replace(line[1], line[0])
            text = text.replace("@", line[1])
        else:
            text += line + "\n"
        open(path, "w").write(text)
        problems, found = check(tmp)
        problems += loop_problems(found) + order_problems(tmp, last_edges)
        if any(expect in p for p in problems):
            return []
        return ["%r planted in %s went unnoticed" % (line, victim)]


SELF_TESTS = [
    ("an upward include planted in mm/cow.c fails", "mm/cow.c",
     '#include "proc/sched/proc.h"', "mm/cow.c"),
    ("an upward call planted in fs/pipe.c fails", "fs/pipe.c",
     "void pipe_planted(void) { proc_exit(0); }", "proc_exit"),
    ("a loop planted inside mm/ fails", "mm/frame.c",
     '#include "mm/cow.h"', "loop of"),
    ("a command-line read planted in proc/ fails", "proc/grow.c",
     'const char *grow_planted(void) { return cmdline_get("x"); }',
     "reads the command line"),
    ("mm/fault.c listed before mm/cow.c fails", "kernel/meson.build",
     ("'../mm/cow.c'", "'../mm/fault.c'"), "lists mm/fault before mm/cow"),
]


def main():
    root = sys.argv[1]
    problems, found = check(root)
    knot = [c for c in found if not loop_problems([c])]
    results = [
        ("every kernel file uses only its floor and those below", problems),
        ("no loop but the ground knot (%s)" %
         (" ".join(knot[0]) if knot else "none"), loop_problems(found)),
        ("kernel/meson.build lists the sources in reading order",
         order_problems(root, last_edges)),
    ]
    if "--self-test" in sys.argv:
        for name, victim, line, expect in SELF_TESTS:
            results.append((name, planted(root, victim, line, expect)))
    sys.exit(1 if report(results) else 0)


if __name__ == "__main__":
    main()
