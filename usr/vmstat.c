/* vmstat: the kernel's memory statistics (system call 101). */
#include "lib/user.h"

int main(void)
{
	struct vm_stats s;
	if (vmstat(&s) < 0) {
		fprintf(2, "vmstat: failed\n");
		return 1;
	}
	printf("frames free    %lu (%lu KiB)\n", s.frames_free,
	       s.frames_free * 4);
	printf("frames used    %lu\n", s.frames_used);
	printf("frames shared  %lu\n", s.frames_shared);
	printf("cow faults     %lu\n", s.cow_faults);
	printf("  copies       %lu\n", s.cow_copies);
	printf("  reuses       %lu\n", s.cow_reuses);
	printf("zero fills     %lu\n", s.zero_fills);
	printf("zero maps      %lu\n", s.zero_maps);
	printf("tables shared  %lu\n", s.tables_shared);
	printf("table shares   %lu\n", s.table_shares);
	printf("  unshares     %lu\n", s.table_unshares);
	printf("  reuses       %lu\n", s.table_reuses);
	return 0;
}
