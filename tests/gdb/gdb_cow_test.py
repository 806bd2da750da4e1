#!/usr/bin/env python3
"""Debug a copy-on-write fault with gdb, as docs/debugging.md does, and
report TAP.

QEMU starts stopped (-S -gdb) with init running `cowtest simple`;
gdb-multiarch in batch mode loads build/gdbinit's helpers, sets
`break-in cowtest cow_break`, and decodes the faulting page's PTE with
`pte` before and after `finish`.  The checks: the breakpoint stopped in
cowtest, the PTE was COW and not writable before, writable and not COW
after, and `usym` let `bt` name the user function that faulted.
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
break-in cowtest cow_break
continue
curproc
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

    before, before_cow = leaf_after(lines, "BEFORE")
    after, after_cow = leaf_after(lines, "AFTER")
    checks = [
        ("break-in stopped in cowtest",
         any(re.match(r"^hart \d+: pid \d+ \(cowtest\) PROC_RUNNING$", l)
             for l in lines)),
        ("before: COW set, W clear",
         before is not None and before_cow and before[2] == "-"),
        ("after finish: W set, COW clear",
         after is not None and not after_cow and after[2] == "W"),
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
