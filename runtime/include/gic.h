/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * GICv2 / GICv3 driver. The version and addresses come from the comm
 * region when present, else from ID_AA64PFR0_EL1.GIC and QEMU virt's
 * defaults (GICD 0x08000000, GICC 0x08010000, GICR 0x080a0000).
 */
#ifndef JH_RT_GIC_H
#define JH_RT_GIC_H

#include "types.h"

#define GIC_DEFAULT_GICD	0x08000000UL
#define GIC_DEFAULT_GICC	0x08010000UL
#define GIC_DEFAULT_GICR	0x080a0000UL
#define GIC_GICR_STRIDE		0x20000UL

#define GIC_SPURIOUS		1023
#define GIC_FIRST_SPI		32

struct gic_ops {
	const char *name;
	void (*dist_init)(void);
	void (*cpu_init)(void);
	u32 (*ack)(void);
	void (*eoi)(u32 intid);
	void (*enable)(u32 intid);
	void (*disable)(u32 intid);
	bool (*is_enabled)(u32 intid);
	/* SPI routing in hardware form: v2 ITARGETSR byte, v3 IROUTER. */
	u64 (*spi_route)(u32 intid);
	void (*set_spi_route)(u32 intid, u64 route);
	u64 (*route_for_cpu)(u64 mpidr);
	void (*send_sgi)(u32 intid, u64 mpidr);
};

extern const struct gic_ops gic_v2_ops;
extern const struct gic_ops gic_v3_ops;

struct gic_info {
	unsigned int version;
	unsigned long gicd, gicc, gicr;
};

extern struct gic_info gic_info;

typedef void (*irq_handler_t)(u32 intid, u64 entry_ticks);

/* Pick the version and addresses; set up the distributor. CPU 0 only. */
void gic_init(void);
/* Set up the calling CPU's interface (and redistributor on v3). */
void gic_cpu_init(void);
unsigned int gic_version(void);

void gic_enable_irq(u32 intid);
void gic_disable_irq(u32 intid);
bool gic_irq_enabled(u32 intid);
/*
 * SPI routing. A route is the value the hardware holds: v2 the ITARGETSR
 * CPU mask, v3 the IROUTER affinity; gic_route_for_cpu() makes one.
 */
u64 gic_spi_route(u32 intid);
void gic_set_spi_route(u32 intid, u64 route);
u64 gic_route_for_cpu(u64 mpidr);
void gic_send_sgi(u32 intid, u64 mpidr);

/* One handler for every interrupt; called with the INTID, then EOI. */
void irq_set_handler(irq_handler_t handler);

/* Called by the exception code for an IRQ. */
void gic_handle_irq(u64 entry_ticks);

#endif /* JH_RT_GIC_H */
