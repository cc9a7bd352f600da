/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tiny library for the hypervisor's own test guests: hypercalls, PSCI,
 * printing through the debug-console hypercall, and the GIC as a cell
 * sees it (distributor trapped, GICv3 redistributors or GICv2 GICC).
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>
#include <jh-cell-interface.h>

typedef uint32_t u32;
typedef uint64_t u64;

#define GICD		0x08000000ul
#define GICR(cpu)	(0x080a0000ul + 0x20000ul * (cpu))
#define GICC		0x08010000ul
/* the page shared by the root cell and cell B */
#define SHARED		((volatile u32 *)0x40000000ul)
#define COMM		((volatile struct jh_comm_region *) \
			 JH_COMM_REGION_INMATE_ADDR)

#define PSCI_CPU_OFF		0x84000002ul
#define PSCI_CPU_ON		0xc4000003ul
#define PSCI_AFFINITY_INFO	0xc4000004ul
#define PSCI_SYSTEM_OFF		0x84000008ul
#define PSCI_VERSION		0x84000000ul
#define PSCI_FEATURES		0x8400000aul

extern void _start(void);

long hvc(long code, long a1, long a2);
long smc(u64 fn, u64 a1, u64 a2, u64 a3);
void puts(const char *s);
void putdec(long v);
void puthex(u64 v);
/* "tag: text" prefix helper: prints "cpuN: " */
void prefix(void);
unsigned int cpu_id(void);
void relax(void);
/* Wait until *p == v, at most @rounds yields; returns 1 when seen. */
int wait_for(volatile u32 *p, u32 v, unsigned long rounds);
void __attribute__((noreturn)) system_off(void);

unsigned int gic_version(void);
u32 mmio_r32(u64 a);
void mmio_w32(u64 a, u32 v);
u64 mmio_r64(u64 a);
void mmio_w64(u64 a, u64 v);
/* Per-interrupt registers: GICD for SPIs, own banked bank for PPIs. */
u64 irq_reg(unsigned int irq, u64 off);
void irq_enable(unsigned int irq);
int irq_enabled(unsigned int irq);
void gic_cpu_enable(void);
unsigned int gic_ack(void);
void gic_eoi(unsigned int iar);

#endif
