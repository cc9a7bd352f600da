// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * GICv3: distributor (SPIs), one redistributor per CPU (SGIs and PPIs),
 * CPU interface through ICC_* system registers. Interrupts are put in
 * group 1 (non-secure; QEMU virt's GIC runs with one security state).
 */
#include "gic.h"
#include "mmio.h"
#include "rt.h"

#define GICD_CTLR		0x0000
#define GICD_CTLR_RWP		BIT(31)
#define GICD_CTLR_ARE		BIT(4)
#define GICD_CTLR_ENABLE_G1	BIT(1)
#define GICD_CTLR_ENABLE_G0	BIT(0)
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_IROUTER		0x6000

#define GICR_TYPER_LO		0x0008
#define GICR_TYPER_HI		0x000c
#define GICR_TYPER_VLPIS	BIT(1)
#define GICR_TYPER_LAST		BIT(4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	BIT(1)
#define GICR_WAKER_ASLEEP	BIT(2)
#define GICR_SGI		0x10000
#define GICR_IGROUPR0		(GICR_SGI + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI + 0x0180)

/* Redistributor of each logical CPU, found by its cpu_init. */
static unsigned long rd_base[JH_RT_MAX_CPUS];

static u32 mpidr_to_typer_affinity(u64 mpidr)
{
	return (u32)((mpidr & 0xffffff) | ((mpidr >> 32) & 0xff) << 24);
}

/*
 * The frame of this CPU: on QEMU virt (and usually) frame number Aff0;
 * otherwise walk the frames until GICR_TYPER.Last.
 */
static unsigned long find_redistributor(u64 mpidr)
{
	u32 want = mpidr_to_typer_affinity(mpidr);
	unsigned long rd = gic_info.gicr + GIC_GICR_STRIDE * (mpidr & 0xff);
	u32 typer;

	if (mmio_read32(rd + GICR_TYPER_HI) == want)
		return rd;
	for (rd = gic_info.gicr;; ) {
		typer = mmio_read32(rd + GICR_TYPER_LO);
		if (mmio_read32(rd + GICR_TYPER_HI) == want)
			return rd;
		if (typer & GICR_TYPER_LAST)
			return 0;
		rd += typer & GICR_TYPER_VLPIS ? 2 * GIC_GICR_STRIDE :
						 GIC_GICR_STRIDE;
	}
}

static void v3_dist_init(void)
{
	unsigned long ctlr = gic_info.gicd + GICD_CTLR;

	mmio_write32(ctlr, mmio_read32(ctlr) | GICD_CTLR_ARE |
		     GICD_CTLR_ENABLE_G1 | GICD_CTLR_ENABLE_G0);
	while (mmio_read32(ctlr) & GICD_CTLR_RWP)
		cpu_relax();
}

static void v3_cpu_init(void)
{
	unsigned long rd = find_redistributor(cpu_mpidr());

	if (!rd) {
		printf("jh-rt: CPU %u: no GICv3 redistributor for MPIDR 0x%llx\n",
		       cpu_index(), (unsigned long long)cpu_mpidr());
		rt_fatal_stop();
	}
	rd_base[cpu_index()] = rd;
	mmio_write32(rd + GICR_WAKER,
		     mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP)
		cpu_relax();
	/* SGIs and PPIs: group 1. */
	mmio_write32(rd + GICR_IGROUPR0, 0xffffffff);

	write_sysreg(ICC_SRE_EL1, read_sysreg(ICC_SRE_EL1) | 1);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xf0);
	write_sysreg(ICC_BPR1_EL1, 0);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
}

static u32 v3_ack(void)
{
	u32 v = (u32)read_sysreg(ICC_IAR1_EL1);

	dsb(sy);
	return v;
}

static void v3_eoi(u32 intid)
{
	write_sysreg(ICC_EOIR1_EL1, intid);
	isb();
}

static unsigned long enable_reg(u32 intid, bool set)
{
	if (intid < GIC_FIRST_SPI)
		return rd_base[cpu_index()] +
		       (set ? GICR_ISENABLER0 : GICR_ICENABLER0);
	return gic_info.gicd + (set ? GICD_ISENABLER : GICD_ICENABLER) +
	       4 * (intid / 32);
}

static void v3_enable(u32 intid)
{
	if (intid >= GIC_FIRST_SPI) {
		unsigned long grp = gic_info.gicd + GICD_IGROUPR +
				    4 * (intid / 32);

		mmio_write32(grp, mmio_read32(grp) | 1u << (intid % 32));
	}
	mmio_write32(enable_reg(intid, true), 1u << (intid % 32));
}

static void v3_disable(u32 intid)
{
	mmio_write32(enable_reg(intid, false), 1u << (intid % 32));
}

static bool v3_is_enabled(u32 intid)
{
	return mmio_read32(enable_reg(intid, true)) & (1u << (intid % 32));
}

static u64 v3_spi_route(u32 intid)
{
	unsigned long reg = gic_info.gicd + GICD_IROUTER + 8 * intid;

	return mmio_read32(reg) | (u64)mmio_read32(reg + 4) << 32;
}

/* IROUTER holds Aff3 in bits 39:32 and Aff2..0 in 23:0, as MPIDR. */
static u64 v3_route_for_cpu(u64 mpidr)
{
	return mpidr & 0xff00ffffffull;
}

static void v3_set_spi_route(u32 intid, u64 route)
{
	unsigned long reg = gic_info.gicd + GICD_IROUTER + 8 * intid;

	mmio_write32(reg, (u32)route);
	mmio_write32(reg + 4, (u32)(route >> 32));
}

static void v3_send_sgi(u32 intid, u64 mpidr)
{
	u64 v = (1ul << (mpidr & 0xf)) |
		((mpidr >> 8) & 0xff) << 16 |
		(u64)(intid & 0xf) << 24 |
		((mpidr >> 16) & 0xff) << 32 |
		((mpidr >> 32) & 0xff) << 48;

	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}

const struct gic_ops gic_v3_ops = {
	.name = "GICv3",
	.dist_init = v3_dist_init,
	.cpu_init = v3_cpu_init,
	.ack = v3_ack,
	.eoi = v3_eoi,
	.enable = v3_enable,
	.disable = v3_disable,
	.is_enabled = v3_is_enabled,
	.spi_route = v3_spi_route,
	.set_spi_route = v3_set_spi_route,
	.route_for_cpu = v3_route_for_cpu,
	.send_sgi = v3_send_sgi,
};
