#!/usr/bin/env python3
"""Debug a copy-on-write fault with gdb, as docs/debugging.md does, and
report TAP.

QEMU starts stopped (-S -gdb) with init running `cowtest simple`;
gdb-multiarch in batch mode loads build/gdbinit's helpers, sets
`break-in cowtest cow_break`, and decodes the faulting page's PTE with
`pte` before and after `finish`.  The checks: the breakpoint stopped in
cowtest, the PTE was COW and not writable before, writable and not COW
after, and `usym` let `bt` name the user function that faulted.

`procs` must list cowtest running on a hart, and `owners` of the frame
found by the walk below must name cowtest's heap page.

Right after cowtest's fork has shared its memory (share_cow returned,
the child not yet runnable, so it cannot have unshared anything),
`pgtable` must mark its writable
pages COW and their level-0 table "(shared by 2)" (fork=table).  At the
cow_break stop it repeats docs/memory.md's translation by hand: the
walk of heap address 0x4abc123 from satp with plain memory reads must
agree with `pte` (indices 0/37/188, a COW leaf), the frame must hold the
pid `simple` stored there, cowtest's root entry 258 must be the kernel
root's, `_start` must be a global R-X leaf on frame 0x80200000, and
`pte trap_vector` (an assembly label, no C type) must walk.
"""
import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile

GDB_SCRIPT = """\
set confirm off
set pagination off
set architecture riscv:rv64
file {kernel}
python SV39COW_BUILD_DIR = "{build}"
source {helpers}
python
# QEMU may not listen yet (a loaded machine starts it slowly): retry.
import time
for attempt in range(100):
    try:
        gdb.execute("target remote 127.0.0.1:{port}")
        break
    except gdb.error:
        time.sleep(0.1)
end
break-in cowtest share_cow
continue
finish
echo FORKED\\n
pgtable
delete
break-in cowtest cow_break
continue
curproc
echo WALK\\n
pte 0x4abc123
set $root = ($satp & 0xfffffffffff) << 12
set $e2 = *(unsigned long *)(0xffffffc000000000 + $root + 0*8)
set $e1 = *(unsigned long *)(0xffffffc000000000 + (($e2 >> 10) << 12) + 37*8)
set $e0 = *(unsigned long *)(0xffffffc000000000 + (($e1 >> 10) << 12) + 188*8)
set $me = cpus[$_thread - 1].proc
printf "HAND frame %#lx word %d pid %d ppid %d\\n", ($e0 >> 10) << 12, *(int *)(0xffffffc000000000 + (($e0 >> 10) << 12)), $me->pid, $me->parent->pid
printf "ROOT258 %#lx KERNEL258 %#lx\\n", *(unsigned long *)(0xffffffc000000000 + $root + 258*8), *(unsigned long *)((unsigned long)kernel_root + 258*8)
echo OWNERS\\n
owners ($e0 >> 10) << 12
echo PROCS\\n
procs
pte 0xffffffc080200000
echo VECTOR\\n
pte trap_vector
echo BEFORE\\n
pte va
set $va = va
delete
finish
echo AFTER\\n
pte $va
usym cowtest
bt
kill
"""

WALK_HEAD = "va 0x4abc123: satp root 0x"
WALK_LEAF = re.compile(
    r"^  L0\[188\] = 0x[0-9a-f]+  leaf VR--U-AD COW  frame (0x[0-9a-f]+)  refs")
HAND = re.compile(r"^HAND frame (0x[0-9a-f]+) word (-?\d+) pid (\d+) ppid (\d+)$")
ROOTS = re.compile(r"^ROOT258 (0x[0-9a-f]+) KERNEL258 (0x[0-9a-f]+)$")
START_LEAF = re.compile(
    r"^  L0\[  0\] = 0x[0-9a-f]+  leaf VR-X-GAD  frame 0x80200000  refs 0$")
VECTOR = re.compile(r"^va 0xffffffc080[0-9a-f]{6}: satp root 0x[0-9a-f]+, "
                    r"indices L2 258 L1 1 L0 \d+$")

LEAF = re.compile(r"^  L0\[ *\d+\] = 0x[0-9a-f]+  leaf (\S+)( COW)?  frame")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def leaf_after(lines, marker):
    """The flags and COW mark of the first L0 leaf printed after marker."""
    seen = False
    for line in lines:
        if line == marker:
            seen = True
        m = LEAF.match(line) if seen else None
        if m:
            return m.group(1), bool(m.group(2))
    return None, None


def main():
    p = argparse.ArgumentParser(description=__doc__)
    for name in ("qemu", "kernel", "initrd", "build", "helpers"):
        p.add_argument("--" + name, required=True)
    p.add_argument("--smp", default="3")
    a = p.parse_args()

    gdb = shutil.which("gdb-multiarch")
    if not gdb:
        print("1..0 # gdb-multiarch is missing: tools/test installs it")
        return 1
    port = free_port()
    qemu = subprocess.Popen(
        [a.qemu, "-machine", "virt", "-bios", "default", "-nographic",
         "-m", "128M", "-smp", a.smp, "-kernel", a.kernel, "-initrd", a.initrd,
         "-append", 'init.run="cowtest simple"', "-S", "-gdb",
         "tcp:127.0.0.1:%d" % port],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    script = GDB_SCRIPT.format(kernel=a.kernel, build=a.build,
                               helpers=a.helpers, port=port)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".gdb") as f:
            f.write(script)
            f.flush()
            out = subprocess.run([gdb, "-batch", "-nx", "-x", f.name],
                                 stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT,
                                 text=True, timeout=150).stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + "\n(gdb timed out)"
    finally:
        qemu.kill()
        out += "\n(qemu's stderr)\n" + qemu.communicate()[1]
    lines = out.splitlines()
    for line in lines:
        print("# " + line)

    forked = lines[lines.index("FORKED") + 1:] if "FORKED" in lines else []
    forked = forked[:forked.index("WALK")] if "WALK" in forked else forked
    walk = [l for l in lines if l.startswith(WALK_HEAD)]
    leaf = next((m for m in map(WALK_LEAF.match, lines) if m), None)
    hand = next((m for m in map(HAND.match, lines) if m), None)
    roots = next((m for m in map(ROOTS.match, lines) if m), None)
    before, before_cow = leaf_after(lines, "BEFORE")
    after, after_cow = leaf_after(lines, "AFTER")
    checks = [
        ("break-in stopped in cowtest",
         any(re.match(r"^hart \d+: pid \d+ \(cowtest\) PROC_RUNNING$", l)
             for l in lines)),
        ("after fork: pgtable marks COW pages in a table shared by 2",
         any(" COW frame " in l and l.endswith("(shared by 2)")
             for l in forked)),
        ("pte 0x4abc123: indices 0/37/188, a COW leaf without W",
         bool(walk) and walk[0].endswith("indices L2 0 L1 37 L0 188")
         and leaf is not None),
        ("the walk by hand reaches pte's frame, which holds simple's pid",
         leaf is not None and hand is not None
         and int(hand.group(1), 16) == int(leaf.group(1), 16)
         and hand.group(2) in (hand.group(3), hand.group(4))),
        ("cowtest's root entry 258 is the kernel root's",
         roots is not None and roots.group(1) == roots.group(2)
         and int(roots.group(1), 16) & 0xf == 1),
        ("_start is a global R-X leaf on frame 0x80200000",
         any(START_LEAF.match(l) for l in lines)),
        ("pte takes a label with no type (trap_vector)",
         "VECTOR" in lines and lines.index("VECTOR") + 1 < len(lines)
         and bool(VECTOR.match(lines[lines.index("VECTOR") + 1]))),
        ("before: COW set, W clear",
         before is not None and before_cow and before[2] == "-"),
        ("after finish: W set, COW clear",
         after is not None and not after_cow and after[2] == "W"),
        ("owners lists cowtest's heap page on the walked frame",
         any(re.match(r"^  pid \d+ +cowtest +va 0x4abc000  V", l)
             for l in lines)),
        ("procs lists cowtest running on a hart, with its root",
         any(re.match(r"^\d+ +cowtest +PROC_RUNNING +\d+ +0x[0-9a-f]+$", l)
             for l in lines)),
        ("bt crosses into cowtest's code",
         any(re.search(r" in simple \(\) at .*cowtest/classic\.c", l)
             for l in lines)),
    ]
    print("1..%d" % len(checks))
    for i, (name, ok) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
