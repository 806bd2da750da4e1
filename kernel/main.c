/*
 * C entry points.  The boot hart arrives in kmain from arch/entry.S with
 * the MMU on (boot page table) and a stack; it learns the machine from the
 * device tree, takes over memory, switches to the real kernel page table,
 * starts the other harts, prints the banner, mounts the root file system
 * and starts /init; then every hart runs the scheduler.  docs/boot.md
 * follows it.
 */
#include "arch/cpu.h"
#include "arch/fdt.h"
#include "arch/machine.h"
#include "arch/plic.h"
#include "arch/power.h"
#include "arch/riscv.h"
#include "arch/sbi.h"
#include "arch/smp.h"
#include "arch/timer.h"
#include "arch/uart.h"
#include "fs/console.h"
#include "fs/null.h"
#include "fs/disk.h"
#include "arch/cmdline.h"
#include "kernel/ktest.h"
#include "arch/panic.h"
#include "arch/printk.h"
#include "lib/string.h"
#include "mm/asid.h"
#include "mm/frame.h"
#include "mm/kvm.h"
#include "mm/vm.h"
#include "mm/fork.h"
#include "mm/uaccess.h"
#include "proc/sched/proc.h"
#include "proc/lifecycle.h"
#include "proc/trace.h"
#include "trap/vector.h"
#include "trap/resume.h"
#include "trap/user.h"
#include "proc/sched/sched.h"
#include "fs/inode.h"

#ifndef SV39COW_VERSION
#define SV39COW_VERSION "unknown"
#endif

#define DTB_MAX_SIZE (2UL << 20)

extern char _kernel_start[], _kernel_end[];

static struct machine machine;
static uint64_t dtb_pa, dtb_size;

static void read_device_tree(uint64_t pa)
{
	const uint8_t *blob = pa_to_kva(pa);
	struct fdt f;
	/* The header tells the blob's size; trust it up to a sane bound. */
	int err = fdt_open(&f, blob, DTB_MAX_SIZE);
	if (!err)
		err = machine_from_fdt(&machine, blob, f.total_size);
	if (err)
		panic("kmain: device tree at 0x%lx: %s at %s", pa,
		      fdt_strerror(err), machine.error_at);
	dtb_pa = pa;
	dtb_size = f.total_size;
}

/* Everything inside RAM that the frame allocator must not hand out. */
static void init_frames(void)
{
	struct mem_range holes[MACHINE_MAX_RANGES + 3];
	int n = 0;
	holes[n++] = (struct mem_range){ kva_to_pa(_kernel_start),
					 (uint64_t)(_kernel_end - _kernel_start) };
	holes[n++] = (struct mem_range){ dtb_pa, dtb_size };
	if (machine.initrd_end > machine.initrd_start)
		holes[n++] = (struct mem_range){
			machine.initrd_start,
			machine.initrd_end - machine.initrd_start
		};
	for (int i = 0; i < machine.nreserved; i++)
		holes[n++] = machine.reserved[i];
	frame_init(machine.ram, machine.nram, holes, n);
}

static void print_range(const char *what, uint64_t base, uint64_t size)
{
	kprintf("  %-9s [0x%09lx, 0x%09lx) %6lu KiB\n", what, base, base + size,
		size >> 10);
}

/* The RAM disk QEMU loaded with -initrd holds the root file system. */
static int mount_root(void)
{
	uint64_t size = machine.initrd_end - machine.initrd_start;
	if (size == 0)
		return -1;
	return disk_mount(pa_to_kva(machine.initrd_start), size);
}

static void print_fs(int mounted)
{
	if (mounted == 0)
		kprintf("fs: %u blocks of %d bytes, %u free; %u inodes, %u free\n",
			fs_sb.nblocks, FS_BLOCK_SIZE, disk_free_blocks(),
			fs_sb.ninodes - 1, inode_free_count());
	else
		kprintf("fs: no file system (pass one with -initrd)\n");
}

static void print_banner(int online)
{
	long spec = sbi_spec_version(), impl = sbi_impl_version();
	kprintf("\nsv39cow %s: a copy-on-write RISC-V Sv39 kernel\n",
		SV39COW_VERSION);
	kprintf("SBI: %s %ld.%ld, specification %ld.%ld\n",
		sbi_impl_name(sbi_impl_id()), impl >> 16, impl & 0xffff,
		(spec >> 24) & 0x7f, spec & 0xffffff);
	kprintf("harts: %d listed, %d online, booted on hart %u\n",
		machine.nharts, online, cpu_this()->hart_id);
	kprintf("timer: %lu Hz timebase, %d Hz tick via %s\n",
		machine.timebase_hz, timer_hz(),
		timer_uses_sstc() ? "Sstc" : "SBI TIME");
	kprintf("mmu: Sv39, %d ASID bits\n", asid_bits());
	for (int i = 0; i < machine.nram; i++)
		print_range("RAM", machine.ram[i].base, machine.ram[i].size);
	for (int i = 0; i < machine.nreserved; i++)
		print_range("reserved", machine.reserved[i].base,
			    machine.reserved[i].size);
	print_range("kernel", kva_to_pa(_kernel_start),
		    (uint64_t)(_kernel_end - _kernel_start));
	print_range("dtb", dtb_pa, dtb_size);
	if (machine.initrd_end > machine.initrd_start)
		print_range("initrd", machine.initrd_start,
			    machine.initrd_end - machine.initrd_start);
	else
		kprintf("  initrd    none\n");
	kprintf("bootargs: \"%s\"\n", machine.bootargs);
	if (machine.bootargs_cut)
		kprintf("bootargs: longer than %d bytes; only those shown are used\n",
			MACHINE_BOOTARGS_MAX - 1);
	kprintf("frames: %lu free of %lu managed (%lu KiB)\n",
		frame_free_count(), frame_managed_count(),
		frame_managed_count() * 4);
}

/* 0, or -1 if this hart cannot take part (mm/asid.h). */
static int hart_common_init(void)
{
	trap_init_hart();
	kvm_install_hart();
	if (asid_init_hart((int)cmdline_get_u64("asid.bits", 16)))
		return -1;
	timer_init_hart();
	plic_init_hart();
	csr_set(sie, SIE_SEIE | SIE_SSIE); /* devices; wakeups from other harts */
	return 0;
}

/* The first process's first kernel function: load the init program into
 * its empty space, then leave for user mode like any returning trap. */
static void init_first_run(void)
{
	proc_exec_init();
	resume_user();
}

/* Pid 1 runs /init (or the program init=PATH names, as a test may) with
 * init.run=... as its argument; trace=... traces it from its first call. */
static void start_init(void)
{
	struct init_options opts = {
		.path = cmdline_get("init"),
		.run = cmdline_get("init.run"),
		.trace = cmdline_get("trace"),
	};
	if (!opts.path)
		opts.path = "/init";
	proc_start_init(&opts, init_first_run);
}

void kmain(uint64_t hart_id, uint64_t dtb)
{
	cpu_init((uint32_t)hart_id);
	trap_init_hart();
	csr_clear(sstatus, SSTATUS_FS); /* the kernel uses no floating point */
	read_device_tree(dtb);
	if (cmdline_parse(machine.bootargs))
		kprintf("kmain: bootargs too long or badly quoted; using a prefix\n");
	init_frames();
	vm_init();
	kvm_init(&machine);
	uart_init(&machine);
	power_init(&machine);
	timer_init(&machine, (int)cmdline_get_u64("tick", TICK_HZ_DEFAULT));
	plic_init(&machine);
	hart_common_init();
	__atomic_store_n(&cpu_this()->online, 1, __ATOMIC_RELEASE);
	intr_on();
	print_banner(smp_start_harts(&machine,
				     cmdline_get_u64("smp.via_start", 0) != 0));
	int mounted = mount_root();
	print_fs(mounted);
	const char *fork_word = cmdline_get("fork");
	int mode = fork_word ? fork_mode_named(fork_word) : -1;
	if (mode >= 0)
		fork_set_mode((enum fork_mode)mode);
	else if (fork_word)
		kprintf("fork=%s: not copy, pte or table; keeping the default\n", fork_word);
	/* Armed only now: boot itself must not meet injected failures. */
	frame_fail_every(cmdline_get_u64("failalloc", 0));
	user_fail_next_fault((int)cmdline_get_u64("failfault", 0));
	proc_fail_next_fork((int)cmdline_get_u64("failfork", 0));
	const char *tests = cmdline_get("ktest");
	if (tests)
		ktest_run(tests, &machine);
	const char *benchmarks = cmdline_get("kbench");
	if (benchmarks)
		kbench_run(benchmarks, &machine);
	console_init();
	null_init();
	uaccess_observe_faults(trace_kernel_fault);
	if (mounted == 0)
		start_init();
	else
		kprintf("no /init to run: idling (Ctrl-A X quits QEMU)\n");
	scheduler();
}

void kmain_secondary(uint64_t hart_id)
{
	cpu_init((uint32_t)hart_id);
	csr_clear(sstatus, SSTATUS_FS);
	if (hart_common_init()) {
		kprintf("smp: hart %lu has fewer ASID bits than the boot hart; "
			"left out\n", hart_id);
		return; /* arch/entry.S parks it */
	}
	smp_hart_online();
	intr_on();
	scheduler();
}
