/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypervisor console output. printk() understands %s %c %d %u %x %lx %lu
 * %ld %llx %p and a zero-padding width such as %08lx; nothing else.
 */
#ifndef JH_HV_PRINTK_H
#define JH_HV_PRINTK_H

#include <stdarg.h>
#include "types.h"

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line: prefix, where, ": ", formatted message, newline. */
void vprintk_line(const char *prefix, const char *where, const char *fmt,
		  va_list ap);
/* Emit a finished line of cell output as one unit (no interleaving). */
void console_write_raw(const char *buf, size_t len);

#endif
