// SPDX-License-Identifier: GPL-2.0-only
/*
 * Root-cell manager: runs in the root cell and drives the cell lifecycle
 * from a script of text commands that QEMU's loader device puts at root
 * guest address SCRIPT_ADDR (NUL-terminated; RAM is zero otherwise).
 * Every command prints one line "mgr: <command> = <result>". Commands
 * (numbers decimal or 0x hex, negative allowed; "rN" = register N):
 *
 *   create GPA          cell create from the image at root GPA
 *   loadable ID | start ID | destroy ID | state ID
 *   info TYPE           hypervisor get info
 *   cpuinfo CPU TYPE    cpu get info
 *   disable             hypervisor disable
 *   verify [WHAT]       jh integrity hypercall (0: re-check)
 *   hc CODE A1 A2       any hypercall
 *   copy DST SRC SIZE   memcpy inside the root cell (loads inmates)
 *   peek GPA            32-bit read of root memory
 *   wait ID STATE MS    poll cell get state until STATE, at most MS ms
 *   sleep MS
 *   expect VALUE        the last result must equal VALUE, else a line
 *                       "mgr: expect-failed" (the tests look for it)
 *   save N              register N = last result
 *   repeat N ... end    run the enclosed lines N times (no nesting)
 *   off                 PSCI SYSTEM_OFF of the root cell
 */
#include "guest.h"

#ifndef SCRIPT_ADDR
#define SCRIPT_ADDR	0x07000000ul
#endif

static long last;
static long regs[8];
static unsigned long failures;

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int word_is(const char **pp, const char *w)
{
	const char *p = *pp;

	while (*w && *p == *w) {
		p++;
		w++;
	}
	if (*w || (*p && *p != ' ' && *p != '\t' && *p != '\n'))
		return 0;
	*pp = skip_blanks(p);
	return 1;
}

static long number(const char **pp)
{
	const char *p = skip_blanks(*pp);
	unsigned long v = 0, base = 10;
	int neg = 0;

	if (*p == 'r' && p[1] >= '0' && p[1] <= '7') {
		v = (unsigned long)regs[p[1] - '0'];
		*pp = skip_blanks(p + 2);
		return (long)v;
	}
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (p[0] == '0' && p[1] == 'x') {
		base = 16;
		p += 2;
	}
	for (;; p++) {
		unsigned int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else
			break;
		v = v * base + d;
	}
	*pp = skip_blanks(p);
	return neg ? -(long)v : (long)v;
}

static u64 now_ms(void)
{
	u64 t, hz;

	asm volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(t));
	asm volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	return t / hz * 1000 + t % hz * 1000 / hz;
}

static void sleep_ms(u64 ms)
{
	u64 end = now_ms() + ms;

	while (now_ms() < end)
		relax();
}

static long wait_state(long id, long state, long ms)
{
	u64 end = now_ms() + (u64)ms;
	long s;

	do {
		s = hvc(JH_HC_CELL_GET_STATE, id, 0);
		if (s == state)
			return s;
		relax();
	} while (now_ms() < end);
	return s;
}

static void copy(u64 dst, u64 src, u64 size)
{
	volatile unsigned char *d = (void *)dst;
	const volatile unsigned char *s = (const void *)src;

	while (size--)
		*d++ = *s++;
}

/* Run one line; returns 0, or -1 for an unknown command. */
static int run(const char *p)
{
	long a, b, c;

	if (word_is(&p, "create")) {
		last = hvc(JH_HC_CELL_CREATE, number(&p), 0);
	} else if (word_is(&p, "loadable")) {
		last = hvc(JH_HC_CELL_SET_LOADABLE, number(&p), 0);
	} else if (word_is(&p, "start")) {
		last = hvc(JH_HC_CELL_START, number(&p), 0);
	} else if (word_is(&p, "destroy")) {
		last = hvc(JH_HC_CELL_DESTROY, number(&p), 0);
	} else if (word_is(&p, "state")) {
		last = hvc(JH_HC_CELL_GET_STATE, number(&p), 0);
	} else if (word_is(&p, "info")) {
		last = hvc(JH_HC_HYPERVISOR_GET_INFO, number(&p), 0);
	} else if (word_is(&p, "cpuinfo")) {
		a = number(&p);
		last = hvc(JH_HC_CPU_GET_INFO, a, number(&p));
	} else if (word_is(&p, "disable")) {
		last = hvc(JH_HC_DISABLE, 0, 0);
	} else if (word_is(&p, "verify")) {
		last = hvc(0x100, number(&p), 0);
	} else if (word_is(&p, "hc")) {
		a = number(&p);
		b = number(&p);
		last = hvc(a, b, number(&p));
	} else if (word_is(&p, "copy")) {
		a = number(&p);
		b = number(&p);
		copy((u64)a, (u64)b, (u64)number(&p));
		last = 0;
	} else if (word_is(&p, "peek")) {
		last = *(volatile u32 *)number(&p);
	} else if (word_is(&p, "wait")) {
		a = number(&p);
		b = number(&p);
		c = number(&p);
		last = wait_state(a, b, c);
	} else if (word_is(&p, "sleep")) {
		sleep_ms((u64)number(&p));
		last = 0;
	} else if (word_is(&p, "expect")) {
		a = number(&p);
		if (a != last) {
			failures++;
			puts("mgr: expect-failed: wanted ");
			putdec(a);
			puts(", got ");
			putdec(last);
			puts("\n");
		}
		return 0;
	} else if (word_is(&p, "save")) {
		regs[number(&p) & 7] = last;
		return 0;
	} else if (word_is(&p, "off")) {
		puts("mgr: done, ");
		putdec((long)failures);
		puts(" failed expectations\n");
		system_off();
	} else {
		return -1;
	}
	return 1;
}

static void echo(const char *line)
{
	while (*line && *line != '\n')
		hvc(JH_HC_DEBUG_CONSOLE_PUTC, *line++, 0);
}

static const char *next_line(const char *p)
{
	while (*p && *p != '\n')
		p++;
	return *p ? p + 1 : p;
}

void guest_main(void)
{
	const char *p = (const char *)SCRIPT_ADDR, *loop = 0;
	long loops = 0;
	unsigned int n;

	/* flat binary, no BSS clearing in start.S: start from zero here */
	last = 0;
	failures = 0;
	for (n = 0; n < 8; n++)
		regs[n] = 0;
	puts("mgr: script at ");
	puthex(SCRIPT_ADDR);
	puts("\n");
	while (*p) {
		const char *line = skip_blanks(p);
		int r;

		p = next_line(p);
		if (*line == '#' || *line == '\n' || !*line)
			continue;
		if (word_is(&line, "repeat")) {
			loops = number(&line);
			loop = p;
			continue;
		}
		if (word_is(&line, "end")) {
			if (loop && --loops > 0)
				p = loop;
			continue;
		}
		r = run(line);
		/* inside a loop only failures are printed */
		if (r >= 0 && loop && loops > 0)
			continue;
		puts("mgr: ");
		echo(line);
		if (r < 0) {
			failures++;
			puts(": unknown command (expect-failed)\n");
			continue;
		}
		if (r > 0) {
			puts(" = ");
			putdec(last);
		}
		puts("\n");
	}
	puts("mgr: end of script, ");
	putdec((long)failures);
	puts(" failed expectations\n");
	system_off();
}
