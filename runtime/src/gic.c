// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * GIC front: picks v2 or v3 at run time and dispatches interrupts.
 */
#include "gic.h"
#include "rt.h"

struct gic_info gic_info;
static const struct gic_ops *ops;
static irq_handler_t handler;

static void gic_choose(void)
{
	volatile struct jh_comm_region *c = rt_env.comm;
	/* ID_AA64PFR0_EL1.GIC: system register interface (v3) present. */
	unsigned int cpu_version =
		((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf) ? 3 : 2;

	if (c && (c->gic_version == 2 || c->gic_version == 3)) {
		gic_info.version = c->gic_version;
		gic_info.gicd = c->gicd_base;
		gic_info.gicc = c->gicc_base;
		gic_info.gicr = c->gicr_base;
		if (gic_info.version == 3 && cpu_version != 3) {
			printf("jh-rt: comm region says GICv3, but the CPU has no GIC system registers\n");
			rt_fatal_stop();
		}
		return;
	}
	if (c)
		printf("jh-rt: warning: comm region GIC version %u unknown, using GICv%u (ID_AA64PFR0_EL1) at QEMU virt addresses\n",
		       c->gic_version, cpu_version);
	gic_info.version = cpu_version;
	gic_info.gicd = GIC_DEFAULT_GICD;
	gic_info.gicc = GIC_DEFAULT_GICC;
	gic_info.gicr = GIC_DEFAULT_GICR;
}

void gic_init(void)
{
	gic_choose();
	ops = gic_info.version == 3 ? &gic_v3_ops : &gic_v2_ops;
	ops->dist_init();
}

void gic_cpu_init(void)
{
	ops->cpu_init();
}

unsigned int gic_version(void)
{
	return gic_info.version;
}

void gic_enable_irq(u32 intid)
{
	ops->enable(intid);
}

void gic_disable_irq(u32 intid)
{
	ops->disable(intid);
}

bool gic_irq_enabled(u32 intid)
{
	return ops->is_enabled(intid);
}

u64 gic_spi_route(u32 intid)
{
	return ops->spi_route(intid);
}

void gic_set_spi_route(u32 intid, u64 route)
{
	ops->set_spi_route(intid, route);
}

u64 gic_route_for_cpu(u64 mpidr)
{
	return ops->route_for_cpu(mpidr);
}

void gic_send_sgi(u32 intid, u64 mpidr)
{
	ops->send_sgi(intid, mpidr);
}

void irq_set_handler(irq_handler_t h)
{
	handler = h;
}

void gic_handle_irq(u64 entry_ticks)
{
	u32 raw = ops->ack();
	u32 intid = raw & 0xffffff;

	/* v2 keeps the SGI source CPU in bits 12:10 of the IAR. */
	if (gic_info.version == 2)
		intid = raw & 0x3ff;
	if (intid >= 1020)
		return;
	if (handler)
		handler(intid, entry_ticks);
	else
		printf("jh-rt: CPU %u: unhandled interrupt %u\n",
		       cpu_index(), intid);
	ops->eoi(raw);
}
