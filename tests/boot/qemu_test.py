#!/usr/bin/env python3
"""Boot sv39cow in QEMU and report what happened as TAP for meson.

The guest's own TAP lines (from ktest=..., or from cowtest -t / usertests -t
run through init.run=...) are passed through, renumbered;
every other line of serial output becomes a TAP comment, so the test log
holds the whole console.  Then the harness adds its own checks: QEMU's exit
status, the kernel's plan being complete, any --expect patterns, and no
--reject pattern.
A run that outlives --timeout is killed and reported as not ok.
"""
import argparse
import codecs
import os
import re
import subprocess
import sys
import threading
import time

TAP_RESULT = re.compile(r"^(not ok|ok)\b\s*\d*\s*-?\s*(.*)$")
TAP_PLAN = re.compile(r"^1\.\.(\d+)$")
FAILURE_TAIL = 40  # console lines shown on stderr when a check fails


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--qemu", required=True)
    p.add_argument("--kernel", required=True)
    p.add_argument("--initrd", action="append", default=[],
                   help="the last one given is used")
    p.add_argument("--mem", default="128M")
    p.add_argument("--smp", default="3")
    p.add_argument("--append", default="")
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--exit", choices=["zero", "nonzero"], default="zero",
                   help="the QEMU exit status this boot must end with")
    p.add_argument("--expect", action="append", default=[],
                   help="a regular expression some output line must match")
    p.add_argument("--reject", action="append", default=[],
                   help="a regular expression no output line may match")
    p.add_argument("--stop-after",
                   help="kill QEMU once a line matches this (for boots "
                        "that would otherwise run forever)")
    p.add_argument("--type", action="append", default=[],
                   help="a line to type at the next '$ ' prompt, with "
                        "Python escapes (\\x7f); the run ends at the "
                        "prompt after the last one, as xv6's graders do")
    p.add_argument("--icount", action="store_true",
                   help="deterministic guest time: one instruction is one "
                   "ns, and idle harts skip ahead to their next timer")
    p.add_argument("--tap", action="store_true",
                   help="the guest (kernel self-tests, or a test program "
                        "run by init) prints TAP that must be complete and ok")
    return p.parse_args()


def qemu_command(a):
    cmd = [a.qemu, "-machine", "virt", "-bios", "default", "-nographic",
           "-m", a.mem, "-smp", a.smp, "-kernel", a.kernel]
    if a.initrd:
        cmd += ["-initrd", a.initrd[-1]]
    if a.append:
        cmd += ["-append", a.append]
    if a.icount:
        cmd += ["-icount", "shift=0,align=off,sleep=off"]
    return cmd


def run_qemu(a):
    """Returns (output lines, exit status or None if killed, timed_out)."""
    proc = subprocess.Popen(qemu_command(a), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines, stop = [], threading.Event()
    stop_re = re.compile(a.stop_after) if a.stop_after else None
    to_type = [codecs.decode(t, "unicode_escape") for t in a.type]
    typing = {"typed": 0, "done": False}

    def add_line(raw):
        line = raw.decode("utf-8", "replace").rstrip("\r")
        lines.append(line)
        if stop_re and stop_re.search(line):
            stop.set()

    def type_at_prompts(everything):
        prompts = everything.count(b"$ ")
        if prompts <= typing["typed"]:
            return
        if typing["typed"] < len(to_type):
            proc.stdin.write(to_type[typing["typed"]].encode("latin-1") +
                             b"\n")
            proc.stdin.flush()
            typing["typed"] += 1
        else:
            typing["done"] = True
            stop.set()

    def reader():
        pending, everything = b"", b""
        fd = proc.stdout.fileno()
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            pending += chunk
            everything += chunk
            while b"\n" in pending:
                raw, pending = pending.split(b"\n", 1)
                add_line(raw)
            if to_type:
                type_at_prompts(everything)
        if pending:
            add_line(pending)
        stop.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    finished = stop.wait(a.timeout)
    stopped_on_purpose = typing["done"] or (stop_re is not None and any(
        stop_re.search(l) for l in lines))
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    t.join(5)
    status = None if stopped_on_purpose else proc.returncode
    return lines, status, not finished


def main():
    a = parse_args()
    started = time.monotonic()
    lines, status, timed_out = run_qemu(a)
    results, plan = [], None
    for line in lines:
        m = TAP_RESULT.match(line)
        if a.tap and m:
            results.append((m.group(1) == "ok", m.group(2)))
            continue
        m = TAP_PLAN.match(line)
        if a.tap and m:
            plan = int(m.group(1))
        print(line if line.startswith("#") else "# " + line)

    checks = list(results)
    checks.append((not timed_out,
                   "qemu finished within %gs" % a.timeout))
    if a.stop_after:
        checks.append((status is None and not timed_out,
                       "output reached /%s/" % a.stop_after))
    elif a.type:
        checks.append((status is None and not timed_out,
                       "all %d lines typed and the prompt came back"
                       % len(a.type)))
    elif a.exit == "zero":
        checks.append((status == 0, "qemu exit status is 0 (got %s)" % status))
    else:
        checks.append((status not in (0, None),
                       "qemu exit status is non-zero (got %s)" % status))
    if a.tap:
        checks.append((plan is not None and plan == len(results),
                       "guest ran all %s planned tests (reported %d)"
                       % (plan, len(results))))
    for pattern in a.expect:
        rx = re.compile(pattern)
        checks.append((any(rx.search(l) for l in lines),
                       "output matches /%s/" % pattern))
    for pattern in a.reject:
        rx = re.compile(pattern)
        checks.append((not any(rx.search(l) for l in lines),
                       "no output matches /%s/" % pattern))

    for i, (ok, name) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    print("1..%d" % len(checks))
    print("# %.1fs" % (time.monotonic() - started))
    if all(ok for ok, _ in checks):
        return 0
    # meson's failure summary shows stderr only: the console's last lines
    # there tell what went wrong in a CI log that keeps nothing else.
    sys.stderr.write("last console lines:\n")
    for line in lines[-FAILURE_TAIL:]:
        sys.stderr.write("  %s\n" % line)
    return 1


if __name__ == "__main__":
    sys.exit(main())
