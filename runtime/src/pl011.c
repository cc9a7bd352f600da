// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * PL011 UART output. QEMU's needs no set-up; on hardware the firmware
 * or the root cell has configured baud rate and enabled the UART.
 */
#include "mmio.h"
#include "pl011.h"
#include "sysreg.h"

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	BIT(5)

void pl011_putc(unsigned long base, char c)
{
	while (mmio_read32(base + UART_FR) & UART_FR_TXFF)
		cpu_relax();
	mmio_write32(base + UART_DR, (u8)c);
}
