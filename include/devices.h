/*
 * Device numbers (majors) of the device files init makes: the kernel
 * registers a driver under each (fs/console.c, fs/null.c), and a file
 * made with mknod(path, major, 0) reaches it.
 */
#pragma once

#define DEV_CONSOLE 1 /* /console: the UART, xv6's CONSOLE */
#define DEV_NULL 2    /* /dev/null: reads end at once, writes vanish */
