/* Turning the machine off, with an exit status QEMU passes on. */
#pragma once

struct machine;

void power_init(const struct machine *m);

/* status 0: clean shutdown (QEMU exits 0); otherwise QEMU exits with
 * status (1..65535), so a test harness sees the failure. */
__attribute__((noreturn)) void power_off(int status);
