/*
 * Trace events as text.  System calls read like a C call and its result,
 *   7 cowtest read(3, 0x4000, 512) = 512
 * faults say what was touched and what the kernel decided, with the frame
 * and its reference count before and after,
 *   7 cowtest store 0x8000 cow-copy frame 0x80104000 -> 0x80237000 refs 2 -> 1
 * Names come from include/syscall_table.h, the table the dispatcher and
 * the user stubs are made from.
 */
#include "lib/tracefmt.h"

#include <stdarg.h>

#include "lib/fmt.h"
#include "lib/string.h"

struct syscall_name {
	uint32_t number, nargs;
	const char *name;
};

static const struct syscall_name names[] = {
#define SYSCALL(num, stub, handler, nargs) { num, nargs, #stub },
#include "include/syscall_table.h"
#undef SYSCALL
};

static const struct syscall_name *find(uint32_t number)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].number == number)
			return &names[i];
	return 0;
}

static const char *const outcome_names[] = {
#define FAULT_NAME(id, name, meaning) [FAULT_##id] = name,
	FAULT_OUTCOMES(FAULT_NAME)
#undef FAULT_NAME
};

int trace_outcome_named(const char *name, size_t len)
{
	for (int i = 0; i < FAULT_OUTCOME_COUNT; i++)
		if (strlen(outcome_names[i]) == len &&
		    strncmp(outcome_names[i], name, len) == 0)
			return i;
	return -1;
}

/* Appends to buf at *len, never past size. */
__attribute__((format(printf, 4, 5))) static void
append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	if (*len + 1 >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	*len += (size_t)fmt_vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (*len >= size)
		*len = size - 1;
}

/* Small values (counts, descriptors, -1) read best in decimal, addresses
 * in hex; the trace cannot know which an argument is. */
static void append_value(char *buf, size_t size, size_t *len, uint64_t v)
{
	int64_t s = (int64_t)v;
	if (s > -4096 && s < 4096)
		append(buf, size, len, "%ld", (long)s);
	else
		append(buf, size, len, "0x%lx", v);
}

static void format_syscall(char *buf, size_t size, size_t *len,
			   const struct trace_event *e)
{
	const struct syscall_name *n = find(e->number);
	uint32_t nargs = n ? n->nargs : 3;
	/* The 2025 library's stub for sbrk is sys_sbrk: print the call's
	 * plain name, as for every other. */
	if (n)
		append(buf, size, len, "%s(",
		       strncmp(n->name, "sys_", 4) == 0 ? n->name + 4 : n->name);
	else
		append(buf, size, len, "syscall_%u(", e->number);
	for (uint32_t i = 0; i < nargs && i < 3; i++) {
		if (i)
			append(buf, size, len, ", ");
		append_value(buf, size, len, e->args[i]);
	}
	if (nargs > 3)
		append(buf, size, len, ", ...");
	append(buf, size, len, ") = ");
	append_value(buf, size, len, (uint64_t)e->ret);
}

static const char *access_name(uint8_t access)
{
	static const char *const names[] = { ['x'] = "fetch", ['r'] = "load",
					      ['w'] = "store" };
	return access < sizeof names / sizeof names[0] && names[access]
		       ? names[access]
		       : "fault";
}

static void format_fault(char *buf, size_t size, size_t *len,
			 const struct trace_event *e)
{
	append(buf, size, len, "%s 0x%lx ", access_name(e->access), e->va);
	append(buf, size, len, "%s%s", e->by_kernel ? "(by the kernel) " : "",
	       e->outcome < sizeof outcome_names / sizeof outcome_names[0]
		       ? outcome_names[e->outcome]
		       : "?");
	if (e->frame_before && e->frame_after &&
	    e->frame_before != e->frame_after)
		append(buf, size, len, " frame 0x%lx -> 0x%lx", e->frame_before,
		       e->frame_after);
	else if (e->frame_before || e->frame_after)
		append(buf, size, len, " frame 0x%lx",
		       e->frame_after ? e->frame_after : e->frame_before);
	if (e->refs_before != e->refs_after)
		append(buf, size, len, " refs %u -> %u", e->refs_before,
		       e->refs_after);
	else if (e->frame_before || e->frame_after)
		append(buf, size, len, " refs %u", e->refs_after);
	if (e->table_refs > 1)
		append(buf, size, len, " (its table was shared by %u)",
		       e->table_refs);
}

/* The table the fault made ours alone before deciding: copied, or, the
 * others gone, kept with its read-only mark cleared. */
static void format_table(char *buf, size_t size, size_t *len,
			 const struct trace_event *e)
{
	append(buf, size, len, "%s 0x%lx %s", access_name(e->access), e->va,
	       e->by_kernel ? "(by the kernel) " : "");
	if (e->frame_before != e->frame_after)
		append(buf, size, len,
		       "table-unshare table 0x%lx -> 0x%lx (was shared by %u; "
		       "a private copy, each frame it maps one more reference)",
		       e->frame_before, e->frame_after, e->refs_before);
	else
		append(buf, size, len,
		       "table-reuse table 0x%lx (the others gone: ours alone, "
		       "read-only mark cleared)",
		       e->frame_after);
}

int trace_format(char *buf, size_t size, const struct trace_event *e)
{
	size_t len = 0;
	if (!size)
		return 0;
	buf[0] = 0;
	append(buf, size, &len, "%d %s ", e->pid, e->name);
	if (e->kind == TRACE_SYSCALL)
		format_syscall(buf, size, &len, e);
	else if (e->kind == TRACE_TABLE)
		format_table(buf, size, &len, e);
	else
		format_fault(buf, size, &len, e);
	return (int)len;
}
