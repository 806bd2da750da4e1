#!/usr/bin/env python3
"""A system-call number used twice must not compile.

Compiles trap/syscall.c twice with the kernel's compiler, checking syntax
only: once with include/syscall_table.h as it is (must succeed), once with
a copy that gives read's number to a second entry, found first on the
include path (must fail, naming the duplicate case).  Prints TAP.
"""
import os
import subprocess
import sys
import tempfile


def compile_with(compiler, root, table_dir):
    cmd = compiler + ["-march=rv64gc", "-mabi=lp64d", "-ffreestanding",
                      "-fsyntax-only"]
    if table_dir:
        cmd += ["-I", table_dir]
    cmd += ["-I", root, os.path.join(root, "trap", "syscall.c")]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return r.returncode, r.stdout


def main():
    root, compiler = sys.argv[1], sys.argv[2:]
    status, out = compile_with(compiler, root, None)
    print("%s 1 - the real table compiles" % ("ok" if status == 0 else "not ok"))
    if status:
        print("# " + out.replace("\n", "\n# "))
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "include"))
        with open(os.path.join(root, "include", "syscall_table.h")) as f:
            table = f.read()
        with open(os.path.join(tmp, "include", "syscall_table.h"), "w") as f:
            f.write(table + "SYSCALL(5, read_again, sys_read, 3)\n")
        status2, out2 = compile_with(compiler, root, tmp)
    refused = status2 != 0 and "duplicate case value" in out2
    print("%s 2 - a second entry with number 5 is a compile error"
          % ("ok" if refused else "not ok"))
    if not refused:
        print("# " + out2.replace("\n", "\n# "))
    print("1..2")
    return 0 if status == 0 and refused else 1


if __name__ == "__main__":
    sys.exit(main())
