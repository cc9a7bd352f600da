/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The console: the hypervisor's debug-console hypercall or a PL011 UART,
 * chosen at start (see doc/runtime.md, "Console selection").
 */
#ifndef JH_RT_CONSOLE_H
#define JH_RT_CONSOLE_H

#include "types.h"

/* QEMU virt's PL011; used standalone when nothing else is configured. */
#ifndef JH_RT_DEFAULT_UART
#define JH_RT_DEFAULT_UART	0x09000000UL
#endif

enum console_kind {
	CONSOLE_NONE,
	CONSOLE_HYPERCALL,
	CONSOLE_PL011,
	CONSOLE_VCONSOLE,	/* a virtual console over ivshmem */
};

struct vconsole;

/* Use this console from now on (uart_base only for CONSOLE_PL011). */
void console_select(enum console_kind kind, unsigned long uart_base);
/*
 * Make printf and everything else that uses the console (exception
 * reports, the exit line) write to the virtual console @vc, set up with
 * vconsole_init() (doc/vconsole-protocol.md). Bytes are queued in the
 * ring; the peer's doorbell rings at each newline and when the console
 * lock is released (the end of each printf). A full ring drops bytes.
 */
void console_select_vconsole(struct vconsole *vc);
enum console_kind console_current(void);
const char *console_kind_name(enum console_kind kind);

/* Raw output, no locking. */
void console_putc(char c);
void console_write(const char *s, size_t len);

/*
 * The console lock keeps lines of different CPUs apart. It is recursive
 * on one CPU so that an exception report during output still appears.
 */
void console_lock(void);
void console_unlock(void);

#endif /* JH_RT_CONSOLE_H */
