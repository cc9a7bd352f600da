// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * GICv2: memory-mapped distributor and CPU interface. Under the
 * hypervisor the CPU interface is the virtual one (GICV) at GICC's
 * address; the programming model is the same.
 */
#include "gic.h"
#include "mmio.h"
#include "rt.h"

#define GICD_CTLR		0x000
#define GICD_ISENABLER		0x100
#define GICD_ICENABLER		0x180
#define GICD_ITARGETSR		0x800
#define GICD_SGIR		0xf00

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

/* Group 0 and group 1 on (there are no security extensions to mind). */
#define GIC_CTLR_ENABLE_BOTH	0x3
/* Every priority except the lowest 16 levels is let through. */
#define GIC_PMR_ALLOW		0xf0

static unsigned long reg_bit(u32 intid, unsigned long base)
{
	return gic_info.gicd + base + 4 * (intid / 32);
}

static void v2_dist_init(void)
{
	mmio_write32(gic_info.gicd + GICD_CTLR, GIC_CTLR_ENABLE_BOTH);
}

static void v2_cpu_init(void)
{
	mmio_write32(gic_info.gicc + GICC_PMR, GIC_PMR_ALLOW);
	mmio_write32(gic_info.gicc + GICC_BPR, 0);
	mmio_write32(gic_info.gicc + GICC_CTLR, GIC_CTLR_ENABLE_BOTH);
}

static u32 v2_ack(void)
{
	return mmio_read32(gic_info.gicc + GICC_IAR);
}

static void v2_eoi(u32 raw)
{
	mmio_write32(gic_info.gicc + GICC_EOIR, raw);
}

static void v2_enable(u32 intid)
{
	mmio_write32(reg_bit(intid, GICD_ISENABLER), 1u << (intid % 32));
}

static void v2_disable(u32 intid)
{
	mmio_write32(reg_bit(intid, GICD_ICENABLER), 1u << (intid % 32));
}

static bool v2_is_enabled(u32 intid)
{
	return mmio_read32(reg_bit(intid, GICD_ISENABLER)) &
	       (1u << (intid % 32));
}

static u64 v2_spi_route(u32 intid)
{
	unsigned long reg = gic_info.gicd + GICD_ITARGETSR + (intid & ~3u);

	return (mmio_read32(reg) >> (8 * (intid % 4))) & 0xff;
}

/* CPU interface number = Aff0 on QEMU virt (clusters of 8). */
static u64 v2_route_for_cpu(u64 mpidr)
{
	return 1u << (mpidr & 7);
}

static void v2_set_spi_route(u32 intid, u64 route)
{
	unsigned long reg = gic_info.gicd + GICD_ITARGETSR + (intid & ~3u);
	unsigned int shift = 8 * (intid % 4);
	u32 v = mmio_read32(reg);

	v &= ~(0xffu << shift);
	v |= (u32)(route & 0xff) << shift;
	mmio_write32(reg, v);
}

static void v2_send_sgi(u32 intid, u64 mpidr)
{
	mmio_write32(gic_info.gicd + GICD_SGIR,
		     (1u << (16 + (mpidr & 7))) | (intid & 0xf));
}

const struct gic_ops gic_v2_ops = {
	.name = "GICv2",
	.dist_init = v2_dist_init,
	.cpu_init = v2_cpu_init,
	.ack = v2_ack,
	.eoi = v2_eoi,
	.enable = v2_enable,
	.disable = v2_disable,
	.is_enabled = v2_is_enabled,
	.spi_route = v2_spi_route,
	.set_spi_route = v2_set_spi_route,
	.route_for_cpu = v2_route_for_cpu,
	.send_sgi = v2_send_sgi,
};
