/*
 * The decision behind a trace line, in words.  A learner reading
 *   5 cowtest store 0x8000 cow-copy frame 0x80104000 -> 0x80237000 refs 3 -> 2
 * has to know what "refs 3 -> 2" counts and why a copy was needed; the
 * sentence says it with this event's own numbers.  Each outcome of
 * include/fault.h has one sentence here, and docs/cow.md draws the same
 * decisions as a table.
 */
#include "lib/traceexplain.h"

#include "include/fault.h"
#include "lib/fmt.h"

/* The numbers every sentence may use, named once. */
struct explain_facts {
	const char *who; /* "the process" or "the kernel, for the process," */
	const char *access;
	unsigned long before, after; /* frames */
	unsigned refs_before, refs_after;
};

static const char *access_verb(uint8_t access)
{
	return access == 'x' ? "ran code from" : access == 'r' ? "read" : "wrote";
}

static int explain_cow(char *buf, size_t size, const struct trace_event *e,
		       const struct explain_facts *f)
{
	switch (e->outcome) {
	case FAULT_COW_COPY:
		return fmt_snprintf(buf, size,
			"  ^ %s wrote a copy-on-write page whose frame 0x%lx "
			"had %u references (this mapping's and %u more); the "
			"others must not see the write, so the kernel copied "
			"the frame into 0x%lx, mapped the copy writable, and "
			"dropped this reference to the old one (%u -> %u)",
			f->who, f->before, f->refs_before, f->refs_before - 1,
			f->after, f->refs_before, f->refs_after);
	case FAULT_COW_REUSE:
		return fmt_snprintf(buf, size,
			"  ^ %s wrote a page marked copy-on-write, but every "
			"other holder had already copied it or exited (count "
			"%u): no one else can see the write, so frame 0x%lx "
			"became writable in place, no copy",
			f->who, f->refs_after, f->after);
	case FAULT_COW_ZERO:
		return fmt_snprintf(buf, size,
			"  ^ %s wrote a heap page that so far only read the "
			"shared zero frame 0x%lx; it got a fresh zeroed frame "
			"0x%lx of its own, writable, and the zero frame's "
			"count drops to %u",
			f->who, f->before, f->after, f->refs_after);
	}
	return -1;
}

static int explain_fresh(char *buf, size_t size, const struct trace_event *e,
			 const struct explain_facts *f)
{
	switch (e->outcome) {
	case FAULT_ZERO_FILL:
		return fmt_snprintf(buf, size,
			"  ^ %s wrote a heap page sbrk had promised but not "
			"mapped; the kernel gave it a fresh zeroed frame "
			"0x%lx, writable, held by this page alone (count %u)",
			f->who, f->after, f->refs_after);
	case FAULT_ZERO_MAP:
		return fmt_snprintf(buf, size,
			"  ^ %s read a heap page sbrk had promised but not "
			"mapped; reading zeroes needs no frame of its own, so "
			"the shared zero frame 0x%lx was mapped read-only; its "
			"count is now %u (one per mapping, and the kernel's "
			"own); a write will give the page a frame of its own "
			"(cow-zero)",
			f->who, f->after, f->refs_after);
	case FAULT_STALE_TLB:
		return fmt_snprintf(buf, size,
			"  ^ the page table already allowed this access to "
			"frame 0x%lx: the hart's TLB still held an older "
			"translation, so the kernel flushed that one page and "
			"the access was retried",
			f->after);
	}
	return -1;
}

static int explain_refused(char *buf, size_t size,
			   const struct trace_event *e,
			   const struct explain_facts *f)
{
	const char *end = e->by_kernel
		? "the system call fails with -1"
		: "the process is killed";
	switch (e->outcome) {
	case FAULT_UNMAPPED:
		return fmt_snprintf(buf, size,
			"  ^ nothing is mapped at this address (not text, data, "
			"stack or heap below sbrk's break): %s", end);
	case FAULT_PROTECTION:
		return fmt_snprintf(buf, size,
			"  ^ the page is mapped but its entry does not let user "
			"code do what it did (%s it): %s", f->access, end);
	case FAULT_BAD_ADDRESS:
		return fmt_snprintf(buf, size,
			"  ^ the address is above the user half (user pages "
			"lie below 0x4000000000): %s", end);
	case FAULT_NO_MEMORY:
		return fmt_snprintf(buf, size,
			"  ^ the kernel needed a free frame (for a copy, a "
			"zeroed page or a page table) and had none: %s", end);
	}
	return -1;
}

static int explain_table(char *buf, size_t size, const struct explain_facts *f)
{
	if (f->before != f->after)
		return fmt_snprintf(buf, size,
			"  ^ the level-0 table 0x%lx (512 entries, 2 MiB) was "
			"shared by %u processes since fork; before changing "
			"one entry the kernel gave this process its own copy "
			"0x%lx, and each frame the table maps gained one "
			"reference for it",
			f->before, f->refs_before, f->after);
	return fmt_snprintf(buf, size,
		"  ^ the level-0 table 0x%lx was shared at fork, but the "
		"others have left it: this process keeps it as its own and "
		"the kernel only cleared its read-only mark, no copy",
		f->after);
}

int trace_explain(char *buf, size_t size, const struct trace_event *e)
{
	if (!size)
		return 0;
	buf[0] = 0;
	struct explain_facts f = {
		.who = e->by_kernel ? "the kernel, copying for a system call,"
				    : "the process",
		.access = access_verb(e->access),
		.before = e->frame_before,
		.after = e->frame_after,
		.refs_before = e->refs_before,
		.refs_after = e->refs_after,
	};
	int n = -1;
	if (e->kind == TRACE_TABLE)
		n = explain_table(buf, size, &f);
	else if (e->kind == TRACE_FAULT) {
		n = explain_cow(buf, size, e, &f);
		if (n < 0)
			n = explain_fresh(buf, size, e, &f);
		if (n < 0)
			n = explain_refused(buf, size, e, &f);
	}
	if (n < 0)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}
