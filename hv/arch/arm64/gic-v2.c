// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICv2: memory-mapped CPU interface (GICC) and virtual interface
 * control (GICH). A cell's GICC address is backed by the virtual CPU
 * interface (GICV) in stage 2; its distributor accesses are trapped: it
 * may only touch interrupts it owns, target only its own CPUs and send
 * SGIs only to its own CPUs.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <printk.h>
#include <spinlock.h>
#include <asm/gic.h>

#define GICC_CTLR		0x0000
#define GICC_PMR		0x0004
#define GICC_BPR		0x0008
#define GICC_ABPR		0x001c
#define GICC_IAR		0x000c
#define GICC_EOIR		0x0010
#define GICC_DIR		0x1000
#define GICC_CTLR_EOIMODE	BIT(9)

#define GICH_HCR		0x0000
#define GICH_VTR		0x0004
#define GICH_VMCR		0x0008
#define GICH_EISR0		0x0020
#define GICH_EISR1		0x0024
#define GICH_ELRSR0		0x0030
#define GICH_ELRSR1		0x0034
#define GICH_APR		0x00f0
#define GICH_LR0		0x0100

#define LR_HW			BIT(31)
#define LR_PENDING		BIT(28)
#define LR_ACTIVE		BIT(29)
#define LR_EOI			BIT(19)	/* HW = 0: maintenance at deactivation */

static u64 gicc_base, gich_base, gicv_base;
static spinlock_t targets_lock;

/*
 * Late launch: hardware interrupts are injected as software ones that
 * ask for a maintenance interrupt when the guest deactivates them, and
 * the hypervisor then deactivates the physical interrupt through GICC.
 *
 * Why not the LR's HW bit: QEMU's GICv2 (7.2 at least) deactivates the
 * physical interrupt when the guest writes GICV_DIR, but only
 * re-evaluates the virtual interface, not the physical one. A level
 * interrupt whose line stayed high meanwhile (Linux's timer when the
 * next deadline has already passed: likely when the host is busy) is
 * then pending and inactive, yet the CPU's IRQ line stays low until
 * some other access to the GIC. With CPU 1 off or in a cell and Linux
 * idle on CPU 0 nothing comes: Linux waits for ever (the GICv2 hang in
 * doc/late-launch-hv.md). The GICC_DIR write here makes QEMU
 * re-evaluate. Boot-time cells keep the HW bit (no extra exit per
 * interrupt); GICv3 is not affected (its CPU interface is the CPU's).
 */
static bool eoi_via_maintenance;

/* The target-list bit of a CPU (QEMU: bit n for CPU n until it runs). */
static u8 cpuif_mask(unsigned int cpu)
{
	u8 m = per_cpu(cpu)->arch.gic_cpuif_mask;

	return m ? m : (u8)(1u << (cpu & 7));
}

static u8 cell_cpuif_mask(const struct cell *cell)
{
	unsigned int cpu;
	u8 m = 0;

	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (cell_owns_cpu(cell, cpu))
			m |= cpuif_mask(cpu);
	return m;
}

static int v2_init(void)
{
	const struct jh_platform_arm *arm = &boot.system->platform.arm;
	unsigned int irq;

	gicc_base = arm->gicc_base;
	gich_base = arm->gich_base;
	gicv_base = arm->gicv_base;
	eoi_via_maintenance = boot.late;
	if (boot.late) {
		/* Linux set the distributor up: keep all of it */
		printk("jh: GICv2, %u interrupt lines, distributor kept as "
		       "Linux configured it\n", gic_num_irqs);
		return 0;
	}
	gicd_write32(GICD_CTLR, 0);
	for (irq = 32; irq < gic_num_irqs; irq += 32) {
		gicd_write32(GICD_IGROUPR + irq / 8, 0);
		gicd_write32(GICD_ICENABLER + irq / 8, ~0u);
		gicd_write32(GICD_ICPENDR + irq / 8, ~0u);
		gicd_write32(GICD_ICACTIVER + irq / 8, ~0u);
	}
	for (irq = 32; irq < gic_num_irqs; irq += 4) {
		gicd_write32(GICD_IPRIORITYR + irq, 0xa0a0a0a0);
		gicd_write32(GICD_ITARGETSR + irq, 0x01010101);
	}
	gicd_write32(GICD_CTLR, 1);
	printk("jh: GICv2, %u interrupt lines\n", gic_num_irqs);
	return 0;
}

static u32 own_ppi_mask(void)
{
	unsigned int irq;
	u32 mask = 0;

	for (irq = 16; irq < 32; irq++)
		if (gic_irq_owned(root_cell(), irq))
			mask |= 1u << irq;
	return mask;
}

static void v2_cpu_init(struct per_cpu *cpu)
{
	unsigned int n;

	cpu->arch.gic_cpuif_mask = (u8)gicd_read32(GICD_ITARGETSR);
	gicd_write32(GICD_ICENABLER, ~0u);
	gicd_write32(GICD_ICPENDR, ~0u);
	gicd_write32(GICD_ICACTIVER, ~0u);
	for (n = 0; n < 32; n += 4)
		gicd_write32(GICD_IPRIORITYR + n, 0xa0a0a0a0);
	/* late launch: all SGIs, for IPIs from CPUs outside (gic-common.c) */
	gicd_write32(GICD_ISENABLER, BIT(SGI_EVENT) | BIT(gic_maint_irq) |
		     BIT(PPI_HYP_TIMER) | (boot.late ? 0xffff : 0));
	mmio_write32(gicc_base + GICC_PMR, 0xf0);
	mmio_write32(gicc_base + GICC_BPR, 0);
	mmio_write32(gicc_base + GICC_CTLR, GICC_CTLR_EOIMODE | 1);
	mmio_write32(gich_base + GICH_VMCR, 0);
	mmio_write32(gich_base + GICH_HCR, 1);
}

/*
 * Late launch: Linux configured this CPU interface and its banked
 * distributor registers. Keep the enables and priorities; Linux's view
 * of GICC (priority mask, binary points, EOI mode, enables) becomes the
 * virtual interface's (GICV, mapped at GICC); GICC is the hypervisor's.
 */
static void v2_cpu_takeover(struct per_cpu *cpu)
{
	u32 ctlr = mmio_read32(gicc_base + GICC_CTLR);
	u32 pmr = mmio_read32(gicc_base + GICC_PMR);
	u32 bpr = mmio_read32(gicc_base + GICC_BPR);
	u32 abpr = mmio_read32(gicc_base + GICC_ABPR);
	u32 own = BIT(SGI_EVENT) | BIT(gic_maint_irq) | BIT(PPI_HYP_TIMER);
	unsigned int n;

	cpu->arch.gic_cpuif_mask = (u8)gicd_read32(GICD_ITARGETSR);
	cpu->arch.late_ppis = gicd_read32(GICD_ISENABLER) & own;
	/* an IPI Linux is still handling ends physically now */
	gicd_write32(GICD_ICACTIVER, gicd_read32(GICD_ISACTIVER) & 0xffff);
	for (n = 0; n < 32; n++)
		if (own & BIT(n))
			*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + n) =
				IRQ_PRIO_DEFAULT;
	gicd_write32(GICD_ISENABLER, own | 0xffff);

	gic_cpu_reset_common(cpu);
	mmio_write32(gich_base + GICH_APR, 0);
	mmio_write32(gich_base + GICH_VMCR, (pmr >> 3) << 27 |
		     (bpr & 7) << 21 | (abpr & 7) << 18 |
		     ((ctlr >> 9) & 1) << 9 | (ctlr & 0x1f));
	mmio_write32(gich_base + GICH_HCR, 1);
	mmio_write32(gicc_base + GICC_PMR, 0xf0);
	mmio_write32(gicc_base + GICC_BPR, 0);
	mmio_write32(gicc_base + GICC_CTLR, GICC_CTLR_EOIMODE | 1);
}

/* Late launch, leaving: as v3_cpu_leave (gic-v3.c), through GICC/GICH. */
static void v2_cpu_leave(struct per_cpu *cpu)
{
	u32 vmcr = mmio_read32(gich_base + GICH_VMCR);
	u32 resend = gic_leave_collect(cpu);
	unsigned int n, lrs = MIN((mmio_read32(gich_base + GICH_VTR) & 0x3f)
				  + 1, 64u);

	for (n = 0; n < lrs; n++) {
		u32 lr = mmio_read32(gich_base + GICH_LR0 + 4 * n);

		/* a hardware interrupt Linux has not taken yet, or already
		 * deactivated (maintenance not served yet): end it here;
		 * one Linux is handling, it deactivates itself, natively */
		if ((lr & LR_EOI) && !(lr & LR_HW) && !(lr & LR_ACTIVE)) {
			mmio_write32(gicc_base + GICC_DIR, lr & 0x3ff);
			mmio_write32(gich_base + GICH_LR0 + 4 * n, 0);
			continue;
		}
		if (!(lr & (LR_PENDING | LR_ACTIVE)))
			continue;
		if ((lr & LR_HW) && (lr & LR_PENDING))
			mmio_write32(gicc_base + GICC_DIR, (lr >> 10) & 0x3ff);
		else if (!(lr & LR_HW) && (lr & LR_PENDING) &&
			 (lr & 0x3ff) < 16)
			resend |= 1u << (lr & 0xf);
		mmio_write32(gich_base + GICH_LR0 + 4 * n, 0);
	}
	mmio_write32(gich_base + GICH_HCR, 0);
	mmio_write32(gich_base + GICH_VMCR, 0);
	mmio_write32(gich_base + GICH_APR, 0);
	mmio_write32(gicc_base + GICC_PMR, (vmcr >> 27) << 3);
	mmio_write32(gicc_base + GICC_BPR, (vmcr >> 21) & 7);
	mmio_write32(gicc_base + GICC_ABPR, (vmcr >> 18) & 7);
	mmio_write32(gicc_base + GICC_CTLR, (vmcr & 0x1f) |
		     ((vmcr >> 9) & 1) << 9);
	gicd_write32(GICD_ICENABLER, (BIT(gic_maint_irq) | BIT(PPI_HYP_TIMER)) &
		     ~cpu->arch.late_ppis);
	for (n = 0; n < 16; n++)
		if (resend & BIT(n))
			gicd_write32(GICD_SGIR, 2u << 24 | n);
}

static void v2_cpu_reset(struct per_cpu *cpu)
{
	u32 ppis = own_ppi_mask();

	gic_cpu_reset_common(cpu);
	mmio_write32(gich_base + GICH_APR, 0);
	mmio_write32(gich_base + GICH_VMCR, 0);
	gicd_write32(GICD_ICENABLER, ppis);
	gicd_write32(GICD_ICPENDR, ppis);
	gicd_write32(GICD_ICACTIVER, ppis);
}

static int v2_cell_init(struct cell *cell)
{
	struct jh_memory gicv = {
		.phys_start = gicv_base,
		.virt_start = gicc_base,
		.size = 0x2000,
		.flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO,
	};
	int err;

	err = mmio_register(cell, gicd_base, 0x1000, gic_dist_access, cell);
	if (!err)
		err = arch_map_memory(cell, &gicv, gicv_base);
	if (cell->comm) {
		cell->comm->gic_version = 2;
		cell->comm->gicd_base = gicd_base;
		cell->comm->gicc_base = gicc_base;
	}
	return err;
}

static void v2_route_irq(struct cell *cell, unsigned int irq)
{
	*(volatile u8 *)(gicd_base + GICD_ITARGETSR + irq) =
		cpuif_mask(cell->first_cpu);
}

/* GICD_SGIR: the SGI reaches only the sender's own cell. */
static void v2_sgir(struct cell *cell, u32 v)
{
	unsigned int self = arch_cpu_id(), cpu;
	unsigned int filter = (v >> 24) & 3;
	u8 list = (v >> 16) & 0xff;
	u64 cpus;

	/* only the cell's CPUs can be targets: visit just those */
	for (cpus = cell->cpus & (BIT(MAX_CPUS) - 1); cpus;
	     cpus &= cpus - 1) {
		bool hit;

		cpu = (unsigned int)__builtin_ctzll(cpus);
		if (filter == 0)
			hit = list & cpuif_mask(cpu);
		else if (filter == 1)
			hit = cpu != self;
		else
			hit = filter == 2 && cpu == self;
		if (hit)
			gic_send_virtual_sgi(self, cpu, v & 0xf);
	}
}

static bool v2_dist_special(struct cell *cell, struct mmio_access *a,
			    enum mmio_result *res)
{
	unsigned int n, irq;
	u64 mask = 0;
	u32 old;

	*res = MMIO_HANDLED;
	if (a->address == GICD_SGIR) {
		if (a->size != 4)
			*res = MMIO_DENIED;
		else if (a->is_write)
			v2_sgir(cell, (u32)a->value);
		else
			a->value = 0;
		return true;
	}
	if (a->address < GICD_ITARGETSR || a->address >= GICD_ICFGR)
		return false;
	if ((a->size != 1 && a->size != 4) || !ALIGNED(a->address, a->size)) {
		*res = MMIO_DENIED;
		return true;
	}
	irq = (unsigned int)(a->address - GICD_ITARGETSR);
	for (n = 0; n < a->size; n++)
		if (irq + n < 32 || gic_irq_owned(cell, irq + n))
			mask |= 0xffull << (8 * n);
	if (!a->is_write) {
		u64 addr = gicd_base + (a->address & ~3ull);
		u64 v = mmio_read32(addr) >> (8 * (a->address & 3));

		a->value = v & mask & (a->size == 1 ? 0xff : ~0u);
		return true;
	}
	/* banked SGI/PPI targets are read-only; SPIs only to own CPUs */
	if (irq < 32)
		return true;
	/* a byte naming any CPU outside the cell is ignored as a whole */
	for (n = 0; n < a->size; n++)
		if ((a->value >> (8 * n)) & (u8)~cell_cpuif_mask(cell) & 0xff)
			mask &= ~(0xffull << (8 * n));
	spin_lock(&targets_lock);
	if (a->size == 1) {
		volatile u8 *p = (volatile u8 *)(gicd_base + a->address);

		*p = (u8)((*p & ~mask) | (a->value & mask));
	} else {
		old = gicd_read32(a->address);
		gicd_write32(a->address, (u32)((old & ~mask) |
					       (a->value & mask)));
	}
	spin_unlock(&targets_lock);
	return true;
}

static u32 v2_read_iar(void)
{
	return mmio_read32(gicc_base + GICC_IAR);
}

static void v2_eoi(u32 iar)
{
	mmio_write32(gicc_base + GICC_EOIR, iar);
}

static void v2_deactivate(u32 iar)
{
	mmio_write32(gicc_base + GICC_DIR, iar);
}

static void v2_send_sgi(unsigned int cpu, unsigned int sgi)
{
	asm volatile("dsb ish" : : : "memory");
	gicd_write32(GICD_SGIR, (u32)cpuif_mask(cpu) << 16 | sgi);
}

static unsigned int v2_num_lrs(void)
{
	return MIN((mmio_read32(gich_base + GICH_VTR) & 0x3f) + 1, 64u);
}

static u64 v2_read_lr(unsigned int n)
{
	return mmio_read32(gich_base + GICH_LR0 + 4 * n);
}

static void v2_write_lr(unsigned int n, u64 v)
{
	mmio_write32(gich_base + GICH_LR0 + 4 * n, (u32)v);
}

static u64 v2_eisr(void)
{
	return mmio_read32(gich_base + GICH_EISR0) |
	       (u64)mmio_read32(gich_base + GICH_EISR1) << 32;
}

static u64 v2_empty_lrs(void)
{
	u64 empty = mmio_read32(gich_base + GICH_ELRSR0) |
		    (u64)mmio_read32(gich_base + GICH_ELRSR1) << 32;

	/* deactivated, but the physical interrupt is not ended yet */
	if (eoi_via_maintenance)
		empty &= ~v2_eisr();
	return empty;
}

/* Deactivate what the guest deactivated (eoi_via_maintenance). */
static void v2_eoi_maintenance(void)
{
	u64 eisr;

	if (!eoi_via_maintenance)
		return;
	for (eisr = v2_eisr(); eisr; eisr &= eisr - 1) {
		unsigned int n = (unsigned int)__builtin_ctzll(eisr);
		u32 lr = mmio_read32(gich_base + GICH_LR0 + 4 * n);

		mmio_write32(gich_base + GICH_LR0 + 4 * n, 0);
		if ((lr & LR_EOI) && !(lr & LR_HW))
			mmio_write32(gicc_base + GICC_DIR, lr & 0x3ff);
	}
}

static u64 v2_make_lr(unsigned int virq, bool hw, unsigned int src)
{
	u64 lr = LR_PENDING | (IRQ_PRIO_DEFAULT >> 3) << 23 | virq;

	if (hw && eoi_via_maintenance)
		lr |= LR_EOI;
	else if (hw)
		lr |= LR_HW | (u64)virq << 10;
	else
		lr |= (u64)(src & 7) << 10;
	return lr;
}

static unsigned int v2_lr_virq(u64 lr, unsigned int *src)
{
	*src = (lr & (LR_HW | LR_EOI)) ? 0 : (lr >> 10) & 7;
	return lr & 0x3ff;
}

static u64 v2_lr_set_pending(u64 lr)
{
	return lr | LR_PENDING;
}

static void v2_set_underflow_irq(bool on)
{
	mmio_write32(gich_base + GICH_HCR, on ? 3 : 1);
}

const struct gic_ops gic_v2_ops = {
	.version = 2,
	.init = v2_init,
	.cpu_init = v2_cpu_init,
	.cpu_takeover = v2_cpu_takeover,
	.cpu_leave = v2_cpu_leave,
	.cpu_reset = v2_cpu_reset,
	.cell_init = v2_cell_init,
	.route_irq = v2_route_irq,
	.read_iar = v2_read_iar,
	.eoi = v2_eoi,
	.deactivate = v2_deactivate,
	.send_sgi = v2_send_sgi,
	.num_lrs = v2_num_lrs,
	.read_lr = v2_read_lr,
	.write_lr = v2_write_lr,
	.empty_lrs = v2_empty_lrs,
	.make_lr = v2_make_lr,
	.lr_virq = v2_lr_virq,
	.lr_set_pending = v2_lr_set_pending,
	.set_underflow_irq = v2_set_underflow_irq,
	.eoi_maintenance = v2_eoi_maintenance,
	.dist_special = v2_dist_special,
};
