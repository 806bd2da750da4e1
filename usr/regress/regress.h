/* regress's cases (usr/regress/main.c runs them), each 0 if the kernel
 * behaved. */
#pragma once

#include "lib/user.h"

#define PAGE 4096

int kill_init(void);
int stat_padding(void);
int refcheck_race(void);
int console_kill(void);
int console_big_write(void);
int usertests_orphan(void);
int name_padding(void);
int trace_exit_race(void);
int trace_every_fault(void);
int vmstat_sums(void);
int vmstat_lists_holders(void);
int grep_last_line(void);
