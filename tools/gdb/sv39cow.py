"""gdb commands for looking at sv39cow while it runs (docs/debugging.md).

build/gdbinit loads this file.  Everything here reads kernel memory and
registers; nothing calls a function in the stopped kernel, so the commands
work at any stop, even in the middle of a trap.

  curproc                    the process on the selected hart
  pte VA                     walk the current satp for VA, decode the leaf
  pgtable [PID]              the user mappings of a process, run by run
  procs                      every process: pid, name, state, hart, root
  owners PA                  a frame's count and every (pid, va) mapping it
  break-in PROGRAM FUNCTION  a breakpoint that stops only in that program
  usym PROGRAM               load a user program's symbols (linked at 0)
"""
import os
import struct

import gdb

# Facts from the kernel's headers, which gdb cannot read as macros.
DMAP_BASE = 0xFFFFFFC000000000  # arch/layout.h: physical pa is at pa + DMAP_BASE
PAGE_SIZE = 4096
PTE_BITS = "VRWXUGAD"  # bits 0..7 (mm/pte.h)
PTE_COW = 1 << 8  # RSW bit 8: write-protected only because it is shared
SATP_MODE_SV39 = 8
USER_ROOT_ENTRIES = 256  # the lower half of the root table is the user's

BUILD_DIR = globals().get("SV39COW_BUILD_DIR", "build")


def selected_hart():
    """The hart id of the selected gdb thread: QEMU numbers its threads
    (CPUs) from 1 in hart order."""
    return gdb.selected_thread().num - 1


def cpu_of_hart(hart):
    cpus = gdb.parse_and_eval("cpus")
    return cpus[hart]


def current_proc():
    """The struct proc * running on the selected hart, or None."""
    p = cpu_of_hart(selected_hart())["proc"]
    return p if int(p) != 0 else None


def read_u64(addr):
    inferior = gdb.selected_inferior()
    return int.from_bytes(inferior.read_memory(addr, 8).tobytes(), "little")


def read_table(pa, paging_on):
    """The 512 entries of the page table at physical address pa."""
    inferior = gdb.selected_inferior()
    raw = inferior.read_memory(DMAP_BASE + pa if paging_on else pa,
                               PAGE_SIZE).tobytes()
    return struct.unpack("<512Q", raw)


def satp_root():
    """The physical address of the root table the selected hart uses, and
    whether translation is on at all."""
    satp = int(gdb.parse_and_eval("$satp")) & (2**64 - 1)
    return (satp & ((1 << 44) - 1)) * PAGE_SIZE, (satp >> 60) == SATP_MODE_SV39


def phys_u64(pa, paging_on):
    """Read physical memory through the direct map (present in every root
    once the kernel runs on its own tables) or as is before paging."""
    return read_u64(DMAP_BASE + pa if paging_on else pa)


def pte_frame(pte):
    return (pte >> 10) * PAGE_SIZE


def pte_flags(pte):
    s = "".join(c if pte & (1 << i) else "-" for i, c in enumerate(PTE_BITS))
    return s + (" COW" if pte & PTE_COW else "")


class FrameRefs:
    """Reference counts from the frame allocator's metadata (frame_map in
    mm/frame.c), read in one piece: gdb's remote reads are slow one by one."""

    def __init__(self):
        fmap = gdb.lookup_global_symbol("frame_map").value()
        self.base, self.nframes = int(fmap["base"]), int(fmap["nframes"])
        self.frames = fmap["frames"]
        self.size = self.frames.dereference().type.sizeof
        self.raw = None

    def refs(self, pa):
        """pa's count, or None for a frame the allocator does not manage
        (kernel image, firmware, MMIO)."""
        if pa < self.base or (pa - self.base) // PAGE_SIZE >= self.nframes:
            return None
        i = (pa - self.base) // PAGE_SIZE
        if self.raw is None:
            return int(self.frames[i]["refs"])
        return int.from_bytes(self.raw[i * self.size:i * self.size + 4],
                              "little")  # refs is the first field

    def load_all(self):
        inferior = gdb.selected_inferior()
        self.raw = inferior.read_memory(int(self.frames),
                                        self.nframes * self.size).tobytes()
        return self

    def text(self, pa):
        refs = self.refs(pa)
        return "refs %d" % refs if refs is not None else "not a managed frame"

    def shared_table(self, pa):
        """The note "(shared by N)" for a page table that fork shares
        (docs/cow.md §8): its count is its holders, and each leaf in it
        counts once for all of them."""
        refs = self.refs(pa)
        return "  (shared by %d)" % refs if refs and refs > 1 else ""


def address_of(value):
    """An expression's value as an address; a label with no type, such as
    trap_vector in trap/entry.S, stands for where it is."""
    try:
        return int(value) & (2**64 - 1)
    except gdb.error:
        return int(value.address) & (2**64 - 1)


def va_indices(va):
    return [(va >> (12 + 9 * level)) & 0x1FF for level in (2, 1, 0)]


class CurProc(gdb.Command):
    """curproc: pid, name and state of the process on the selected hart."""

    def __init__(self):
        super().__init__("curproc", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        hart = selected_hart()
        p = current_proc()
        if p is None:
            print("hart %d: no process (scheduler, idle or boot)" % hart)
            return
        print("hart %d: pid %d (%s) %s" % (hart, int(p["pid"]),
              p["name"].string(), p["state"]))


class Pte(gdb.Command):
    """pte VA: walk the selected hart's satp for VA (any expression) and
    decode each level: V R W X U G A D, COW, the frame and its refcount."""

    def __init__(self):
        super().__init__("pte", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg:
            raise gdb.GdbError("usage: pte VA")
        va = address_of(gdb.parse_and_eval(arg))
        root, paging_on = satp_root()
        if not paging_on:
            raise gdb.GdbError("satp: translation is off (bare mode)")
        print("va 0x%x: satp root 0x%x, indices L2 %d L1 %d L0 %d"
              % ((va, root) + tuple(va_indices(va))))
        counts, table = FrameRefs(), root
        for level, index in zip((2, 1, 0), va_indices(va)):
            pte = phys_u64(table + index * 8, paging_on)
            where = "  L%d[%3d] = 0x%016x" % (level, index, pte)
            if not pte & 1:
                print(where + "  not valid")
                return
            frame = pte_frame(pte)
            if pte & 0xE == 0:
                print(where + "  table 0x%x%s" % (
                    frame, counts.shared_table(frame)))
                table = frame
                continue
            size = PAGE_SIZE << (9 * level)
            print(where + "  leaf %s  frame 0x%x  %s%s" % (
                pte_flags(pte), frame, counts.text(frame),
                "" if level == 0 else "  (%d KiB page)" % (size // 1024)))
            return


def proc_by_pid(pid):
    table = gdb.parse_and_eval("proc_table")
    for i in range(table.type.range()[1] + 1):
        p = table[i]
        if int(p["pid"]) == pid and str(p["state"]) != "PROC_UNUSED":
            return p
    return None


def user_leaves(root_pa, paging_on):
    """Yield (va, pte, table) for every user leaf below root_pa, in address
    order, visiting only the tables that are present; table is the
    physical address of the table holding the leaf."""
    def walk(table, level, va_base):
        entries = read_table(table, paging_on)
        for i in range(512 if level < 2 else USER_ROOT_ENTRIES):
            pte = entries[i]
            if not pte & 1:
                continue
            va = va_base + (i << (12 + 9 * level))
            if pte & 0xE == 0 and level > 0:
                yield from walk(pte_frame(pte), level - 1, va)
            else:
                yield va, pte, table
    yield from walk(root_pa, 2, 0)


class PgTable(gdb.Command):
    """pgtable [PID]: the user mappings of process PID (default: the one on
    the selected hart), one line per run of pages with the same flags and
    reference count: range, pages, flags, first frame, refs, and whether
    the level-0 table holding them is shared with another process."""

    def __init__(self):
        super().__init__("pgtable", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        p = proc_by_pid(int(gdb.parse_and_eval(arg))) if arg else current_proc()
        if p is None:
            raise gdb.GdbError("no such process" if arg else
                               "no process on this hart; give a PID")
        root = int(p["vs"]["root"]) - DMAP_BASE
        _, paging_on = satp_root()
        print("pid %d (%s), root table 0x%x" % (int(p["pid"]),
              p["name"].string(), root))
        counts = FrameRefs().load_all()
        run = None  # [start va, pages, flags, first frame, refs]
        for va, pte, table in user_leaves(root, paging_on):
            flags = pte_flags(pte)
            refs = counts.text(pte_frame(pte)) + counts.shared_table(table)
            if run and run[0] + run[1] * PAGE_SIZE == va and \
                    run[2] == flags and run[4] == refs:
                run[1] += 1
                continue
            if run:
                print_run(run)
            run = [va, 1, flags, pte_frame(pte), refs]
        if run:
            print_run(run)


def print_run(run):
    va, pages, flags, frame, refs = run
    print("  0x%09x-0x%09x %6d page%s  %-12s frame 0x%x%s  %s" % (
        va, va + pages * PAGE_SIZE, pages, " " if pages == 1 else "s",
        flags, frame, " ..." if pages > 1 else "    ", refs))


class ProcessBreakpoint(gdb.Breakpoint):
    """A breakpoint whose stop() lets only one program's processes stop."""

    def __init__(self, program, location):
        super().__init__(location)
        self.program = program

    def stop(self):
        p = current_proc()
        return p is not None and p["name"].string() == self.program


class BreakIn(gdb.Command):
    """break-in PROGRAM FUNCTION: a breakpoint at FUNCTION (a kernel
    function, or a user one after usym) that stops only while a process
    named PROGRAM runs on the hart that reaches it."""

    def __init__(self):
        super().__init__("break-in", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        words = arg.split()
        if len(words) != 2:
            raise gdb.GdbError("usage: break-in PROGRAM FUNCTION")
        bp = ProcessBreakpoint(words[0], words[1])
        print("Breakpoint %d stops in %s only" % (bp.number, words[0]))


class USym(gdb.Command):
    """usym PROGRAM: load build/usr/PROGRAM's symbols at their link
    addresses (user programs start at 0), replacing the last program's, so
    that bt, break and list reach into user code."""

    loaded = None

    def __init__(self):
        super().__init__("usym", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        if not arg:
            raise gdb.GdbError("usage: usym PROGRAM")
        path = os.path.join(BUILD_DIR, "usr", arg.strip())
        if not os.path.isfile(path):
            raise gdb.GdbError("no user program %s" % path)
        if USym.loaded:
            gdb.execute("remove-symbol-file %s" % USym.loaded, to_string=True)
        gdb.execute("add-symbol-file %s -o 0" % path, to_string=True)
        USym.loaded = path
        print("symbols of %s loaded (linked at 0)" % os.path.relpath(path))


def live_procs():
    """Every process slot in use, in table order."""
    table = gdb.parse_and_eval("proc_table")
    for i in range(table.type.range()[1] + 1):
        if str(table[i]["state"]) != "PROC_UNUSED":
            yield table[i]


def hart_running(p):
    """The hart whose cpu->proc is p, or None."""
    cpus = gdb.parse_and_eval("cpus")
    for h in range(cpus.type.range()[1] + 1):
        if int(cpus[h]["proc"]) == int(p.address):
            return h
    return None


class Procs(gdb.Command):
    """procs: every process: pid, name, state, the hart running it (- if
    none) and the physical address of its root page table."""

    def __init__(self):
        super().__init__("procs", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        print("pid  name             state           hart  root")
        for p in live_procs():
            hart = hart_running(p)
            root = int(p["vs"]["root"])
            print("%-4d %-16s %-15s %4s  %s" % (
                int(p["pid"]), p["name"].string(), str(p["state"]),
                "-" if hart is None else str(hart),
                "0x%x" % (root - DMAP_BASE) if root else "-"))


class Owners(gdb.Command):
    """owners PA: the reference count of the frame at physical address PA
    (any expression) and every user page that maps it: pid, va, the
    leaf's bits, and whether the level-0 table holding the leaf is shared
    (one leaf in a shared table is one reference for all its holders).
    Not 'frame', which is gdb's own (stack frames)."""

    def __init__(self):
        super().__init__("owners", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg:
            raise gdb.GdbError("usage: owners PA")
        pa = int(gdb.parse_and_eval(arg)) & (2**64 - 1) & ~(PAGE_SIZE - 1)
        _, paging_on = satp_root()
        counts = FrameRefs().load_all()
        print("frame 0x%x: %s" % (pa, counts.text(pa)))
        for p in live_procs():
            root = int(p["vs"]["root"])
            if not root:
                continue
            for va, pte, table in user_leaves(root - DMAP_BASE, paging_on):
                if pte_frame(pte) == pa:
                    print("  pid %-4d %-16s va 0x%x  %s%s" % (
                        int(p["pid"]), p["name"].string(), va,
                        pte_flags(pte), counts.shared_table(table)))


for command in (CurProc, Pte, PgTable, Procs, Owners, BreakIn, USym):
    command()
