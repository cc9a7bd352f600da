/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console: a driver chosen at run time from the system
 * image's debug_console type. The core only sees this interface.
 */
#ifndef JH_HV_CONSOLE_H
#define JH_HV_CONSOLE_H

#include "types.h"
#include <jh-cell-format.h>

struct console_driver {
	const char *name;
	u16 type;			/* JH_CON_TYPE_* it drives */
	/* returns 0, or -EINVAL when the descriptor is unusable */
	int (*init)(const struct jh_console *con);
	void (*putc)(char c);
};

/* Drivers are collected in a linker section; the core never names them. */
#define DEFINE_CONSOLE_DRIVER(n) \
	static const struct console_driver n \
	__attribute__((used, section(".console_drivers")))

/* A console usable before the system image is known, or NULL. */
extern const struct console_driver *early_console;

int console_select(const struct jh_console *con);
/* console_select() that reports a failure as a boot error. */
int console_select_checked(const struct jh_console *con);
void console_putc(char c);
/* Around a burst of console_putc() (console lock held): the ring's seq. */
void console_ring_begin(void);
void console_ring_end(void);

#endif
