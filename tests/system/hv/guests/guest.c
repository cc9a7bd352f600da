// SPDX-License-Identifier: GPL-2.0-only
/* The test guests' library (see guest.h). */
#include "guest.h"

long hvc(long code, long a1, long a2)
{
	register long x0 asm("x0") = code;
	register long x1 asm("x1") = a1;
	register long x2 asm("x2") = a2;

	asm volatile("hvc #0x4a48" : "+r"(x0) : "r"(x1), "r"(x2) : "memory");
	return x0;
}

long smc(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
		     "memory");
	return (long)x0;
}

void puts(const char *s)
{
	while (*s)
		hvc(JH_HC_DEBUG_CONSOLE_PUTC, *s++, 0);
}

void putdec(long v)
{
	char buf[24];
	int n = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	do {
		buf[n++] = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		buf[n++] = '-';
	while (n)
		hvc(JH_HC_DEBUG_CONSOLE_PUTC, buf[--n], 0);
}

void puthex(u64 v)
{
	int shift;

	puts("0x");
	for (shift = 60; shift > 0 && !(v >> shift); shift -= 4)
		;
	for (; shift >= 0; shift -= 4)
		hvc(JH_HC_DEBUG_CONSOLE_PUTC, "0123456789abcdef"[(v >> shift) &
								 0xf], 0);
}

unsigned int cpu_id(void)
{
	u64 m;

	asm volatile("mrs %0, mpidr_el1" : "=r"(m));
	return m & 0xff;
}

void prefix(void)
{
	puts("cpu");
	putdec(cpu_id());
	puts(": ");
}

void relax(void)
{
	asm volatile("yield" : : : "memory");
}

int wait_for(volatile u32 *p, u32 v, unsigned long rounds)
{
	while (rounds--) {
		if (*p == v)
			return 1;
		relax();
	}
	return 0;
}

void system_off(void)
{
	smc(PSCI_SYSTEM_OFF, 0, 0, 0);
	prefix();
	puts("ERROR: SYSTEM_OFF returned\n");
	for (;;)
		asm volatile("wfe");
}

unsigned int gic_version(void)
{
	return COMM->gic_version;
}

u32 mmio_r32(u64 a)
{
	return *(volatile u32 *)a;
}

void mmio_w32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}

u64 mmio_r64(u64 a)
{
	return *(volatile u64 *)a;
}

void mmio_w64(u64 a, u64 v)
{
	*(volatile u64 *)a = v;
}

u64 irq_reg(unsigned int irq, u64 off)
{
	if (irq < 32 && gic_version() == 3)
		return GICR(cpu_id()) + 0x10000 + off;
	return GICD + off + (irq / 32) * 4;
}

void irq_enable(unsigned int irq)
{
	mmio_w32(irq_reg(irq, 0x100), 1u << (irq % 32));
}

int irq_enabled(unsigned int irq)
{
	return (mmio_r32(irq_reg(irq, 0x100)) >> (irq % 32)) & 1;
}

#define ICC_PMR_EL1	"S3_0_C4_C6_0"
#define ICC_IAR1_EL1	"S3_0_C12_C12_0"
#define ICC_EOIR1_EL1	"S3_0_C12_C12_1"
#define ICC_IGRPEN1_EL1	"S3_0_C12_C12_7"
#define ICC_SRE_EL1	"S3_0_C12_C12_5"

void gic_cpu_enable(void)
{
	if (gic_version() == 3) {
		asm volatile("msr " ICC_SRE_EL1 ", %0" : : "r"(7ul));
		asm volatile("isb");
		asm volatile("msr " ICC_PMR_EL1 ", %0" : : "r"(0xfful));
		asm volatile("msr " ICC_IGRPEN1_EL1 ", %0" : : "r"(1ul));
		asm volatile("isb");
	} else {
		mmio_w32(GICC + 0x4, 0xff);
		mmio_w32(GICC + 0x0, 1);
	}
}

unsigned int gic_ack(void)
{
	u64 v;

	if (gic_version() == 3) {
		asm volatile("mrs %0, " ICC_IAR1_EL1 : "=r"(v));
		return (unsigned int)v;
	}
	return mmio_r32(GICC + 0xc);
}

void gic_eoi(unsigned int iar)
{
	if (gic_version() == 3)
		asm volatile("msr " ICC_EOIR1_EL1 ", %0" : : "r"((u64)iar));
	else
		mmio_w32(GICC + 0x10, iar);
}
