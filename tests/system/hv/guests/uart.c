// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sub-page I/O: the cell owns only the first 0x20 bytes of the PL011,
 * 32-bit accesses only. It writes a line straight to the UART through
 * the hypervisor's emulation, then makes an 8-bit access, which the
 * region does not allow: the cell must be stopped.
 */
#include "guest.h"

#define UART		0x09000000ul
#define UART_FR		0x18
#define UART_FR_TXFF	0x20

static void uart_putc(char c)
{
	while (mmio_r32(UART + UART_FR) & UART_FR_TXFF)
		relax();
	mmio_w32(UART, (unsigned char)c);
}

void guest_main(u64 context)
{
	const char *s = "uart guest: written through a sub-page region\r\n";

	(void)context;
	while (*s)
		uart_putc(*s++);
	prefix();
	puts("uart: now an 8-bit read\n");
	(void)*(volatile unsigned char *)UART;
	prefix();
	puts("ERROR: NOT STOPPED\n");
	system_off();
}
