// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv3: system-register CPU interface, redistributors, affinity routing.
 * A cell sees the distributor and the redistributors at their physical
 * addresses, both trapped: it may only touch interrupts it owns, route
 * them only to its own CPUs and only reach its own redistributors.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <printk.h>
#include <spinlock.h>
#include <asm/gic.h>
#include <asm/sysregs.h>

#define ICC_SRE_EL2		S3_4_C12_C9_5
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_DIR_EL1		S3_0_C12_C11_1
#define ICC_SGI1R_EL1		S3_0_C12_C11_5
#define ICC_BPR1_EL1		S3_0_C12_C12_3
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_IGRPEN0_EL1		S3_0_C12_C12_6
#define ICC_BPR0_EL1		S3_0_C12_C8_3
#define ICH_AP0R0_EL2		S3_4_C12_C8_0
#define ICH_AP1R0_EL2		S3_4_C12_C9_0
#define ICH_HCR_EL2		S3_4_C12_C11_0
#define ICH_VTR_EL2		S3_4_C12_C11_1
#define ICH_ELRSR_EL2		S3_4_C12_C11_5
#define ICH_VMCR_EL2		S3_4_C12_C11_7

#define GICD_CTLR_RWP		BIT(31)
#define GICD_CTLR_ARE		BIT(4)
#define GICD_CTLR_DS		BIT(6)
#define GICR_WAKER		0x0014
#define GICR_TYPER		0x0008
#define GICR_SGI		0x10000
#define GICR_STRIDE		0x20000
#define GICR_WAKER_SLEEP	BIT(1)
#define GICR_WAKER_ASLEEP	BIT(2)
#define GICR_TYPER_LAST		BIT(4)

#define LR_ACTIVE		BIT(63)
#define LR_PENDING		BIT(62)
#define LR_HW			BIT(61)
#define LR_GROUP1		BIT(60)

static u64 gicr_base;
static unsigned int num_gicr;	/* redistributor frames found */

#define _str(x) #x
#define sysreg_rd(r)	({ u64 __v; asm volatile("mrs %0, " _str(r) \
					 : "=r"(__v)); __v; })
#define sysreg_wr(r, v)	asm volatile("msr " _str(r) ", %0" : : \
				     "r"((u64)(v)))

static void wait_rwp(u64 reg)
{
	while (mmio_read32(reg) & GICD_CTLR_RWP)
		asm volatile("yield");
}

/* The redistributor of each CPU: match GICR_TYPER affinity to MPIDR. */
static void find_redistributors(void)
{
	unsigned int frame, cpu;

	for (frame = 0; frame < MAX_CPUS; frame++) {
		u64 base = gicr_base + (u64)frame * GICR_STRIDE;
		u64 typer = mmio_read64(base + GICR_TYPER);
		u64 aff = typer >> 32;

		for (cpu = 0; cpu < MAX_CPUS; cpu++) {
			u64 m = arch_cpu_mpidr(cpu);
			u64 want = ((m >> 8) & 0xff0000) | (m & 0xffff);

			if (aff == want)
				per_cpu(cpu)->arch.gicr_base = base;
		}
		num_gicr = frame + 1;
		if (typer & GICR_TYPER_LAST)
			break;
	}
}

static int v3_init(void)
{
	unsigned int irq;

	gicr_base = boot.system->platform.arm.gicr_base;
	if (boot.late) {
		/* Linux set the distributor up: keep all of it */
		find_redistributors();
		printk("jh: GICv3, %u interrupt lines, %u redistributors, "
		       "distributor kept as Linux configured it\n",
		       gic_num_irqs, num_gicr);
		return 0;
	}
	gicd_write32(GICD_CTLR, 0);
	wait_rwp(gicd_base + GICD_CTLR);
	for (irq = 32; irq < gic_num_irqs; irq += 32) {
		gicd_write32(GICD_IGROUPR + irq / 8, ~0u);
		gicd_write32(GICD_ICENABLER + irq / 8, ~0u);
		gicd_write32(GICD_ICPENDR + irq / 8, ~0u);
		gicd_write32(GICD_ICACTIVER + irq / 8, ~0u);
	}
	for (irq = 32; irq < gic_num_irqs; irq += 4)
		gicd_write32(GICD_IPRIORITYR + irq, 0xa0a0a0a0);
	for (irq = 32; irq < gic_num_irqs; irq++)
		mmio_write64(gicd_base + GICD_IROUTER + irq * 8, 0);
	gicd_write32(GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_DS | 3);
	wait_rwp(gicd_base + GICD_CTLR);
	find_redistributors();
	printk("jh: GICv3, %u interrupt lines, %u redistributors\n",
	       gic_num_irqs, num_gicr);
	return 0;
}

static u32 own_ppi_mask(void)
{
	unsigned int irq;
	u32 mask = 0;

	for (irq = 16; irq < 32; irq++)
		if (gic_irq_owned(root_cell(), irq))	/* same for all */
			mask |= 1u << irq;
	return mask;
}

static void v3_cpu_init(struct per_cpu *cpu)
{
	u64 rd = cpu->arch.gicr_base, sgi = rd + GICR_SGI;
	unsigned int n;

	if (!rd) {
		printk("jh: CPU %u has no redistributor\n", cpu->id);
		return;
	}
	mmio_write32(rd + GICR_WAKER,
		     mmio_read32(rd + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(rd + GICR_WAKER) & GICR_WAKER_ASLEEP)
		asm volatile("yield");
	mmio_write32(sgi + GICD_IGROUPR, ~0u);
	mmio_write32(sgi + GICD_ICENABLER, ~0u);
	mmio_write32(sgi + GICD_ICPENDR, ~0u);
	mmio_write32(sgi + GICD_ICACTIVER, ~0u);
	for (n = 0; n < 32; n += 4)
		mmio_write32(sgi + GICD_IPRIORITYR + n, 0xa0a0a0a0);
	/* late launch: all SGIs, for IPIs from CPUs outside (gic-common.c) */
	mmio_write32(sgi + GICD_ISENABLER, BIT(SGI_EVENT) | BIT(gic_maint_irq) |
		     BIT(PPI_HYP_TIMER) | (boot.late ? 0xffff : 0));

	sysreg_wr(ICC_SRE_EL2, 0x9);	/* SRE, and EL1 may use it too */
	isb();
	sysreg_wr(ICC_PMR_EL1, 0xf0);
	sysreg_wr(ICC_BPR1_EL1, 0);
	/* EOImode 1: priority drop and deactivation are separate */
	sysreg_wr(ICC_CTLR_EL1, 0x2);
	sysreg_wr(ICC_IGRPEN1_EL1, 1);
	sysreg_wr(ICH_VMCR_EL2, 0);
	sysreg_wr(ICH_HCR_EL2, 1);
	isb();
}

static void v3_send_sgi(unsigned int cpu, unsigned int sgi);
static unsigned int v3_num_lrs(void);
static u64 v3_read_lr(unsigned int n);
static void v3_write_lr(unsigned int n, u64 v);

/* The hypervisor's own interrupts on this CPU (late launch). */
static u32 hv_private_irqs(void)
{
	return BIT(SGI_EVENT) | BIT(gic_maint_irq) | BIT(PPI_HYP_TIMER);
}

/*
 * Late launch: Linux configured this CPU interface and the redistributor.
 * Keep its enables, groups and priorities; its view of the CPU interface
 * (priority mask, binary points, EOI mode, group enables) becomes the
 * virtual interface's; the physical one is the hypervisor's from now on.
 */
static void v3_cpu_takeover(struct per_cpu *cpu)
{
	u64 sgi = cpu->arch.gicr_base + GICR_SGI;
	u64 pmr = sysreg_rd(ICC_PMR_EL1), ctlr = sysreg_rd(ICC_CTLR_EL1);
	u64 bpr0 = sysreg_rd(ICC_BPR0_EL1), bpr1 = sysreg_rd(ICC_BPR1_EL1);
	u64 en0 = sysreg_rd(ICC_IGRPEN0_EL1), en1 = sysreg_rd(ICC_IGRPEN1_EL1);
	u32 own = hv_private_irqs();
	unsigned int n;

	if (!cpu->arch.gicr_base) {
		printk("jh: CPU %u has no redistributor\n", cpu->id);
		return;
	}
	cpu->arch.late_ppis = mmio_read32(sgi + GICD_ISENABLER) & own;
	/* an IPI Linux is still handling: its deactivation will reach the
	 * virtual interface, so end it physically now */
	mmio_write32(sgi + GICD_ICACTIVER,
		     mmio_read32(sgi + GICD_ISACTIVER) & 0xffff);
	for (n = 0; n < 32; n++)
		if (own & BIT(n))
			*(volatile u8 *)(sgi + GICD_IPRIORITYR + n) =
				IRQ_PRIO_DEFAULT;
	mmio_write32(sgi + GICD_ISENABLER, own | 0xffff);

	gic_cpu_reset_common(cpu);
	sysreg_wr(ICH_AP0R0_EL2, 0);
	sysreg_wr(ICH_AP1R0_EL2, 0);
	sysreg_wr(ICH_VMCR_EL2, (pmr & 0xff) << 24 | (bpr0 & 7) << 21 |
		  (bpr1 & 7) << 18 | ((ctlr >> 1) & 1) << 9 |
		  (ctlr & 1) << 4 | (en1 & 1) << 1 | (en0 & 1));
	sysreg_wr(ICH_HCR_EL2, 1);
	sysreg_wr(ICC_PMR_EL1, 0xf0);
	sysreg_wr(ICC_BPR1_EL1, 0);
	sysreg_wr(ICC_CTLR_EL1, 0x2);
	sysreg_wr(ICC_IGRPEN1_EL1, 1);
	isb();
}

/*
 * Late launch, leaving: what the virtual interface holds goes back to
 * the physical one. Hardware interrupts Linux has not taken yet are
 * deactivated (a level line asserts again); SGIs still pending are sent
 * again, to this CPU, as physical SGIs.
 */
static void v3_cpu_leave(struct per_cpu *cpu)
{
	u64 sgi = cpu->arch.gicr_base + GICR_SGI;
	u64 vmcr = sysreg_rd(ICH_VMCR_EL2);
	u32 resend = gic_leave_collect(cpu);
	unsigned int n;

	for (n = 0; n < v3_num_lrs(); n++) {
		u64 lr = v3_read_lr(n);

		if (!(lr & (LR_PENDING | LR_ACTIVE)))
			continue;
		if ((lr & LR_HW) && (lr & LR_PENDING))
			sysreg_wr(ICC_DIR_EL1, (lr >> 32) & 0x3ff);
		else if (!(lr & LR_HW) && (lr & LR_PENDING) &&
			 (lr & 0xffffffff) < 16)
			resend |= 1u << (lr & 0xf);
		v3_write_lr(n, 0);
	}
	sysreg_wr(ICH_HCR_EL2, 0);
	sysreg_wr(ICH_VMCR_EL2, 0);
	sysreg_wr(ICH_AP0R0_EL2, 0);
	sysreg_wr(ICH_AP1R0_EL2, 0);
	sysreg_wr(ICC_PMR_EL1, vmcr >> 24);
	sysreg_wr(ICC_BPR0_EL1, (vmcr >> 21) & 7);
	sysreg_wr(ICC_BPR1_EL1, (vmcr >> 18) & 7);
	sysreg_wr(ICC_CTLR_EL1, ((vmcr >> 9) & 1) << 1 | ((vmcr >> 4) & 1));
	sysreg_wr(ICC_IGRPEN0_EL1, vmcr & 1);
	sysreg_wr(ICC_IGRPEN1_EL1, (vmcr >> 1) & 1);
	isb();
	/* the hypervisor's PPIs as Linux had them; SGIs stay enabled */
	mmio_write32(sgi + GICD_ICENABLER,
		     (BIT(gic_maint_irq) | BIT(PPI_HYP_TIMER)) &
		     ~cpu->arch.late_ppis);
	for (n = 0; n < 16; n++)
		if (resend & BIT(n))
			v3_send_sgi(cpu->id, n);
}

static void v3_cpu_reset(struct per_cpu *cpu)
{
	u64 sgi = cpu->arch.gicr_base + GICR_SGI;
	u32 ppis = own_ppi_mask();

	gic_cpu_reset_common(cpu);
	sysreg_wr(ICH_AP0R0_EL2, 0);
	sysreg_wr(ICH_AP1R0_EL2, 0);
	sysreg_wr(ICH_VMCR_EL2, 0);
	mmio_write32(sgi + GICD_ICENABLER, ppis);
	mmio_write32(sgi + GICD_ICPENDR, ppis);
	mmio_write32(sgi + GICD_ICACTIVER, ppis);
	isb();
}

/* Guest access to the redistributor region. */
static enum mmio_result v3_gicr_access(void *arg, struct mmio_access *a)
{
	struct cell *cell = arg;
	u64 frame = a->address / GICR_STRIDE;
	u64 off = a->address % GICR_STRIDE;
	u64 base = gicr_base + frame * GICR_STRIDE;
	unsigned int cpu;

	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (per_cpu(cpu)->arch.gicr_base == base)
			break;
	if (off < GICR_SGI) {
		/* control frame: identification is visible, nothing else */
		if (!ALIGNED(off, a->size) || a->size < 4)
			return MMIO_DENIED;
		if (a->is_write)
			return MMIO_HANDLED;
		a->value = 0;
		if (frame < num_gicr &&
		    (off < 0x10 || off == GICR_WAKER || off >= 0xffd0))
			a->value = a->size == 8 ? mmio_read64(base + off) :
						  mmio_read32(base + off);
		return MMIO_HANDLED;
	}
	if (cpu == MAX_CPUS || !cell_owns_cpu(cell, cpu)) {
		if (!a->is_write)
			a->value = 0;
		return MMIO_HANDLED;
	}
	a->address = off - GICR_SGI;
	return gic_emulate_irq_regs(cell, base + GICR_SGI, a, 32);
}

static int v3_cell_init(struct cell *cell)
{
	int err;

	err = mmio_register(cell, gicd_base, 0x10000, gic_dist_access, cell);
	if (!err)
		err = mmio_register(cell, gicr_base,
				    (u64)num_gicr * GICR_STRIDE,
				    v3_gicr_access, cell);
	if (cell->comm) {
		cell->comm->gic_version = 3;
		cell->comm->gicd_base = gicd_base;
		cell->comm->gicr_base = gicr_base;
	}
	return err;
}

static void v3_route_irq(struct cell *cell, unsigned int irq)
{
	mmio_write64(gicd_base + GICD_IROUTER + irq * 8,
		     arch_cpu_mpidr(cell->first_cpu));
}

/* IROUTER: only own interrupts, only to own CPUs, no 1-of-N. */
static bool v3_dist_special(struct cell *cell, struct mmio_access *a,
			    enum mmio_result *res)
{
	u64 reg = gicd_base + (a->address & ~7ull);
	unsigned int irq, cpu;
	u64 v;

	if (a->address < GICD_IROUTER || a->address >= GICD_IROUTER + 0x2000)
		return false;
	*res = MMIO_HANDLED;
	irq = (unsigned int)(a->address - GICD_IROUTER) / 8;
	if (a->size < 4 || !ALIGNED(a->address, a->size)) {
		*res = MMIO_DENIED;
		return true;
	}
	if (irq < 32 || !gic_irq_owned(cell, irq)) {
		if (!a->is_write)
			a->value = 0;
		return true;
	}
	if (!a->is_write) {
		v = mmio_read64(reg);
		a->value = a->size == 8 ? v :
			   (a->address & 4) ? v >> 32 : (u32)v;
		return true;
	}
	if (a->address & 4)
		return true;	/* Aff3 half: always 0 on this platform */
	v = a->value & MPIDR_AFF_MASK;
	if (a->value & BIT(31))
		return true;	/* 1-of-N routing could reach other cells */
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (cell_owns_cpu(cell, cpu) && arch_cpu_mpidr(cpu) == v) {
			mmio_write64(reg, v);
			break;
		}
	return true;
}

/* A cell wrote ICC_SGI1R_EL1: only its own CPUs receive the SGI. */
static void v3_sgi_sysreg(struct per_cpu *cpu, u64 v)
{
	unsigned int sgi = (v >> 24) & 0xf, target;
	u64 aff321 = ((v >> 48) & 0xff) << 32 | ((v >> 32) & 0xff) << 16 |
		     ((v >> 16) & 0xff) << 8;
	u64 rs = (v >> 44) & 0xf, cpus;

	/* only the cell's CPUs can be targets: visit just those */
	for (cpus = cpu->cell->cpus & (BIT(MAX_CPUS) - 1); cpus;
	     cpus &= cpus - 1) {
		u64 m, aff0;
		bool hit;

		target = (unsigned int)__builtin_ctzll(cpus);
		m = arch_cpu_mpidr(target);
		aff0 = m & 0xff;
		if (v & BIT(40))
			hit = target != cpu->id;
		else
			hit = (m & ~0xffull) == aff321 && aff0 / 16 == rs &&
			      ((v >> (aff0 % 16)) & 1);
		if (hit)
			gic_send_virtual_sgi(cpu->id, target, sgi);
	}
}

static u32 v3_read_iar(void)
{
	return (u32)sysreg_rd(ICC_IAR1_EL1);
}

static void v3_eoi(u32 iar)
{
	sysreg_wr(ICC_EOIR1_EL1, iar);
}

static void v3_deactivate(u32 iar)
{
	sysreg_wr(ICC_DIR_EL1, iar);
}

static void v3_send_sgi(unsigned int cpu, unsigned int sgi)
{
	u64 m = arch_cpu_mpidr(cpu);

	dsb(ish);
	sysreg_wr(ICC_SGI1R_EL1, ((m >> 32) & 0xff) << 48 |
		  ((m >> 16) & 0xff) << 32 | ((m >> 8) & 0xff) << 16 |
		  (u64)sgi << 24 | BIT(m & 0xf));
	isb();
}

static unsigned int v3_num_lrs(void)
{
	return MIN((unsigned int)(sysreg_rd(ICH_VTR_EL2) & 0x1f) + 1, 16u);
}

#define LR_CASE(n, op) case n: op(S3_4_C12_C12_##n); break
#define LR_CASE2(n, m, op) case n: op(S3_4_C12_C13_##m); break

static u64 v3_read_lr(unsigned int n)
{
	u64 v = 0;
#define RD(r) v = sysreg_rd(r)
	switch (n) {
	LR_CASE(0, RD); LR_CASE(1, RD); LR_CASE(2, RD); LR_CASE(3, RD);
	LR_CASE(4, RD); LR_CASE(5, RD); LR_CASE(6, RD); LR_CASE(7, RD);
	LR_CASE2(8, 0, RD); LR_CASE2(9, 1, RD); LR_CASE2(10, 2, RD);
	LR_CASE2(11, 3, RD); LR_CASE2(12, 4, RD); LR_CASE2(13, 5, RD);
	LR_CASE2(14, 6, RD); LR_CASE2(15, 7, RD);
	}
#undef RD
	return v;
}

static void v3_write_lr(unsigned int n, u64 v)
{
#define WR(r) sysreg_wr(r, v)
	switch (n) {
	LR_CASE(0, WR); LR_CASE(1, WR); LR_CASE(2, WR); LR_CASE(3, WR);
	LR_CASE(4, WR); LR_CASE(5, WR); LR_CASE(6, WR); LR_CASE(7, WR);
	LR_CASE2(8, 0, WR); LR_CASE2(9, 1, WR); LR_CASE2(10, 2, WR);
	LR_CASE2(11, 3, WR); LR_CASE2(12, 4, WR); LR_CASE2(13, 5, WR);
	LR_CASE2(14, 6, WR); LR_CASE2(15, 7, WR);
	}
#undef WR
}

static u64 v3_empty_lrs(void)
{
	return sysreg_rd(ICH_ELRSR_EL2);
}

static u64 v3_make_lr(unsigned int virq, bool hw, unsigned int src __unused)
{
	u64 lr = LR_PENDING | LR_GROUP1 | (u64)IRQ_PRIO_DEFAULT << 48 | virq;

	if (hw)
		lr |= LR_HW | (u64)virq << 32;
	return lr;
}

static unsigned int v3_lr_virq(u64 lr, unsigned int *src)
{
	*src = 0;
	return (u32)lr;
}

static u64 v3_lr_set_pending(u64 lr)
{
	return lr | LR_PENDING;
}

static void v3_set_underflow_irq(bool on)
{
	sysreg_wr(ICH_HCR_EL2, on ? 3 : 1);
}

const struct gic_ops gic_v3_ops = {
	.version = 3,
	.init = v3_init,
	.cpu_init = v3_cpu_init,
	.cpu_takeover = v3_cpu_takeover,
	.cpu_leave = v3_cpu_leave,
	.cpu_reset = v3_cpu_reset,
	.cell_init = v3_cell_init,
	.route_irq = v3_route_irq,
	.read_iar = v3_read_iar,
	.eoi = v3_eoi,
	.deactivate = v3_deactivate,
	.send_sgi = v3_send_sgi,
	.num_lrs = v3_num_lrs,
	.read_lr = v3_read_lr,
	.write_lr = v3_write_lr,
	.empty_lrs = v3_empty_lrs,
	.make_lr = v3_make_lr,
	.lr_virq = v3_lr_virq,
	.lr_set_pending = v3_lr_set_pending,
	.set_underflow_irq = v3_set_underflow_irq,
	.sgi_sysreg = v3_sgi_sysreg,
	.dist_special = v3_dist_special,
};
