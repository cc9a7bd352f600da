// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest addresses at and above 512 GiB, beyond a 39-bit stage 2 (cell B
 * of mkimages.py's "high-ipa" variant): the last page of its RAM seen
 * again just below 512 GiB, the root-shared page at 512 GiB, the PL011
 * page at 512 GiB + 2 MiB, and nothing at 512 GiB + 4 MiB, where a read
 * must stop the cell with that address.
 */
#include "guest.h"

#define LOW_LAST	0x00fff000ul	/* last page of B's RAM */
#define HIGH_LAST	0x7ffffff000ul	/* the same page */
#define HIGH_SHARED	0x8000000000ul	/* the page at SHARED */
#define HIGH_UART	0x8000200000ul	/* the PL011 */
#define HIGH_NOTHING	0x8000400000ul
#define UART_FR		0x18
#define UART_FR_TXFF	0x20

static void uart_puts(const char *s)
{
	for (; *s; s++) {
		while (mmio_r32(HIGH_UART + UART_FR) & UART_FR_TXFF)
			relax();
		mmio_w32(HIGH_UART, (unsigned char)*s);
	}
}

static void same(const char *what, u64 low, u64 high, u32 value)
{
	mmio_w32(low, value);
	prefix();
	puts("highmem: ");
	puts(what);
	puts(mmio_r32(high) == value ? " seen at " : " NOT seen at ");
	puthex(high);
	puts("\n");
}

void guest_main(u64 context)
{
	(void)context;
	same("own RAM page", LOW_LAST, HIGH_LAST, 0x1a2b3c4d);
	same("shared page", (u64)SHARED, HIGH_SHARED, 0x5e6f7081);
	uart_puts("highmem: written to the PL011 at 512 GiB + 2 MiB\r\n");
	prefix();
	puts("highmem: reading unmapped ");
	puthex(HIGH_NOTHING);
	puts("\n");
	(void)mmio_r32(HIGH_NOTHING);
	prefix();
	puts("ERROR: NOT STOPPED\n");
	system_off();
}
