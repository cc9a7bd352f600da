// SPDX-License-Identifier: GPL-2.0-only
/*
 * Root-cell side of the interrupt isolation test: owns SPI 40, shows it
 * can configure it, lets the attacker cell try, then reports the real
 * state of SPI 40 and whether a foreign SGI arrived.
 */
#include "guest.h"

#define SPI	40

static u64 route(unsigned int irq)
{
	if (gic_version() == 3)
		return mmio_r64(GICD + 0x6000 + 8ul * irq);
	return *(volatile unsigned char *)(GICD + 0x800 + irq);
}

void guest_main(u64 context)
{
	int e1, e0;
	unsigned long n;
	unsigned int iar, foreign = 0;

	(void)context;
	gic_cpu_enable();
	irq_enable(SPI);
	e1 = irq_enabled(SPI);
	mmio_w32(irq_reg(SPI, 0x180), 1u << (SPI % 32));
	e0 = irq_enabled(SPI);
	prefix();
	puts("owner: own spi 40 enable/disable reads ");
	putdec(e1);
	puts("/");
	putdec(e0);
	puts(" route ");
	puthex(route(SPI));
	puts("\n");
	SHARED[1] = 0;
	asm volatile("dsb sy");
	SHARED[0] = 1;
	if (!wait_for(&SHARED[1], 1, 20000000)) {
		prefix();
		puts("owner: attacker never finished\n");
	}
	for (n = 0; n < 20000; n++) {
		iar = gic_ack();
		if ((iar & 0x3ff) < 1020) {
			foreign++;
			gic_eoi(iar);
		}
		relax();
	}
	prefix();
	puts("owner: after attack spi 40 enabled ");
	putdec(irq_enabled(SPI));
	puts(" pending ");
	putdec((mmio_r32(irq_reg(SPI, 0x200)) >> (SPI % 32)) & 1);
	puts(" route ");
	puthex(route(SPI));
	puts(" interrupts seen ");
	putdec(foreign);
	puts("\n");
	prefix();
	puts("owner: own ppi 27 enabled ");
	putdec(irq_enabled(27));
	puts(" pending ");
	putdec((mmio_r32(irq_reg(27, 0x200)) >> 27) & 1);
	puts("\n");
	system_off();
}
