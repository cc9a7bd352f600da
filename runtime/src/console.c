// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Console back-ends and the console lock.
 */
#include "console.h"
#include "cpu.h"
#include "hypercall.h"
#include "pl011.h"
#include "spinlock.h"
#include "vconsole.h"

static enum console_kind kind = CONSOLE_NONE;
static unsigned long uart_base;
static struct vconsole *vcon;

static struct spinlock lock = SPINLOCK_INIT;
/* Holder's logical CPU + 1 (0: free) and nesting depth. */
static volatile unsigned int holder;
static unsigned int depth;

void console_select(enum console_kind k, unsigned long base)
{
	/* the virtual console needs its device: console_select_vconsole() */
	kind = k == CONSOLE_VCONSOLE && !vcon ? CONSOLE_NONE : k;
	uart_base = base;
}

void console_select_vconsole(struct vconsole *vc)
{
	vcon = vc;
	kind = CONSOLE_VCONSOLE;
}

enum console_kind console_current(void)
{
	return kind;
}

const char *console_kind_name(enum console_kind k)
{
	switch (k) {
	case CONSOLE_HYPERCALL:
		return "hypervisor debug console";
	case CONSOLE_PL011:
		return "PL011 UART";
	case CONSOLE_VCONSOLE:
		return "virtual console (ivshmem)";
	default:
		return "none";
	}
}

void console_putc(char c)
{
	switch (kind) {
	case CONSOLE_HYPERCALL:
		jh_hypercall_raw(JH_HC_DEBUG_CONSOLE_PUTC, (u8)c, 0);
		break;
	case CONSOLE_PL011:
		/* Terminals want CR LF. */
		if (c == '\n')
			pl011_putc(uart_base, '\r');
		pl011_putc(uart_base, c);
		break;
	case CONSOLE_VCONSOLE:
		/* one doorbell per line, not per byte: each is a trap */
		vconsole_queue(vcon, &c, 1);
		if (c == '\n')
			vconsole_flush(vcon);
		break;
	default:
		break;
	}
}

void console_write(const char *s, size_t len)
{
	while (len--)
		console_putc(*s++);
}

void console_lock(void)
{
	unsigned int me = cpu_index() + 1;

	if (holder == me) {
		depth++;
		return;
	}
	spin_lock(&lock);
	holder = me;
	depth = 1;
}

void console_unlock(void)
{
	if (--depth)
		return;
	/* the end of a printf without newline (a prompt) is delivered too */
	if (kind == CONSOLE_VCONSOLE)
		vconsole_flush(vcon);
	holder = 0;
	spin_unlock(&lock);
}
