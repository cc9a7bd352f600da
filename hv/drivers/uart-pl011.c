// SPDX-License-Identifier: GPL-2.0-only
/* PL011 UART as the hypervisor console (polled, no interrupts). */
#include <console.h>

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	0x20

static volatile u32 *uart;

static int pl011_init(const struct jh_console *con)
{
	if (!con->address || !(con->flags & JH_CON_ACCESS_MMIO))
		return -EINVAL;
	uart = (volatile u32 *)con->address;
	return 0;
}

static void pl011_putc(char c)
{
	unsigned int spins = 0;

	/* bounded: a stuck UART must not hang the hypervisor */
	while ((uart[UART_FR / 4] & UART_FR_TXFF) && spins++ < 100000)
		asm volatile("yield");
	uart[UART_DR / 4] = (u8)c;
}

DEFINE_CONSOLE_DRIVER(pl011_driver) = {
	.name = "pl011",
	.type = JH_CON_TYPE_PL011,
	.init = pl011_init,
	.putc = pl011_putc,
};
