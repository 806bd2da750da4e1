/* exec (proc/exec.c): replace the current process's image with the ELF
 * program at path, checked by proc/elf.c.  docs/process.md. */
#pragma once

/* Returns argc (the new program's a0), or -1 with the old image intact. */
int proc_exec(const char *path, char *const argv[], int argc);
