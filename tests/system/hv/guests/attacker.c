// SPDX-License-Identifier: GPL-2.0-only
/*
 * Non-root side of the interrupt isolation test: tries to enable, make
 * pending and route to itself the root cell's SPI 40, and to send an SGI
 * to the root cell's CPU 0; checks that it can do all that with its own
 * SPI 64 (but not route it to a foreign CPU).
 */
#include "guest.h"

#define FOREIGN		40
#define OWN		64

static void set_route(unsigned int irq, unsigned int cpu)
{
	if (gic_version() == 3)
		mmio_w64(GICD + 0x6000 + 8ul * irq, cpu);
	else
		*(volatile unsigned char *)(GICD + 0x800 + irq) = 1u << cpu;
}

static u64 route(unsigned int irq)
{
	if (gic_version() == 3)
		return mmio_r64(GICD + 0x6000 + 8ul * irq);
	return *(volatile unsigned char *)(GICD + 0x800 + irq);
}

void guest_main(u64 context)
{
	(void)context;
	if (!wait_for(&SHARED[0], 1, 20000000)) {
		prefix();
		puts("attacker: owner never ready\n");
	}
	/* the root cell's interrupt */
	irq_enable(FOREIGN);
	mmio_w32(irq_reg(FOREIGN, 0x200), 1u << (FOREIGN % 32));
	*(volatile unsigned char *)(GICD + 0x400 + FOREIGN) = 0x10;
	set_route(FOREIGN, cpu_id());
	prefix();
	puts("attacker: foreign spi 40 reads enabled ");
	putdec(irq_enabled(FOREIGN));
	puts("\n");
	/* GICv3: the root CPU's redistributor (enable + pend its PPI 27) */
	if (gic_version() == 3) {
		mmio_w32(GICR(0) + 0x10000 + 0x100, 1u << 27);
		mmio_w32(GICR(0) + 0x10000 + 0x200, 1u << 27);
		prefix();
		puts("attacker: cpu0 redistributor reads ");
		puthex(mmio_r32(GICR(0) + 0x10000 + 0x100));
		puts("\n");
	}
	/* an SGI to CPU 0 (root cell) */
	if (gic_version() == 3)
		asm volatile("msr S3_0_C12_C11_5, %0" : : "r"(3ul << 24 | 1));
	else
		mmio_w32(GICD + 0xf00, 1u << 16 | 3);
	/* its own interrupt */
	irq_enable(OWN);
	set_route(OWN, cpu_id());
	set_route(OWN, 0);
	if (gic_version() == 3)		/* 1-of-N could reach any CPU */
		mmio_w64(GICD + 0x6000 + 8ul * OWN, 1ul << 31);
	prefix();
	puts("attacker: own spi 64 enabled ");
	putdec(irq_enabled(OWN));
	puts(" route ");
	puthex(route(OWN));
	puts("\n");
	asm volatile("dsb sy");
	SHARED[1] = 1;
	system_off();
}
