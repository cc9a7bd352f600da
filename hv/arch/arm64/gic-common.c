// SPDX-License-Identifier: GPL-2.0-only
/*
 * What GICv2 and GICv3 share: filtered emulation of the per-interrupt
 * distributor registers, physical interrupt handling at EL2, injection
 * through the list registers, and virtual SGIs between a cell's CPUs.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <control.h>
#include <lifecycle.h>
#include <percpu.h>
#include <spinlock.h>
#include <asm/gic.h>
#include <asm/sysregs.h>

const struct gic_ops *gic;
u64 gicd_base;
unsigned int gic_num_irqs;
unsigned int gic_maint_irq;
static spinlock_t dist_lock;

u32 gicd_read32(u64 off)
{
	return mmio_read32(gicd_base + off);
}

void gicd_write32(u64 off, u32 v)
{
	mmio_write32(gicd_base + off, v);
}

bool gic_irq_owned(const struct cell *cell, unsigned int irq)
{
	if (irq < 16)
		return false;	/* SGIs are emulated, see gic_send_... */
	if (irq < 32)
		return irq != gic_maint_irq && irq != PPI_HYP_TIMER;
	return irq < gic_num_irqs && cell_owns_irq(cell, irq);
}

enum reg_kind { REG_WRITE_ONES, REG_RMW, REG_READ_ONLY };

struct irq_reg {
	u16 start, end;
	u8 bits;		/* per interrupt */
	u8 kind;
};

static const struct irq_reg irq_regs[] = {
	{ GICD_IGROUPR, GICD_ISENABLER, 1, REG_READ_ONLY },
	{ GICD_ISENABLER, GICD_ISPENDR, 1, REG_WRITE_ONES },
	{ GICD_ISPENDR, GICD_ISACTIVER, 1, REG_WRITE_ONES },
	{ GICD_ISACTIVER, GICD_IPRIORITYR, 1, REG_WRITE_ONES },
	{ GICD_IPRIORITYR, GICD_ITARGETSR, 8, REG_RMW },
	{ GICD_ICFGR, GICD_IGRPMODR, 2, REG_RMW },
	{ GICD_IGRPMODR, GICD_IGRPMODR + 0x80, 1, REG_READ_ONLY },
};

static u64 phys_read(u64 addr, unsigned int size)
{
	if (size == 1)
		return *(volatile u8 *)addr;
	return mmio_read32(addr);
}

static void phys_write(u64 addr, unsigned int size, u64 v)
{
	if (size == 1)
		*(volatile u8 *)addr = (u8)v;
	else
		mmio_write32(addr, (u32)v);
}

/*
 * Bit n set: interrupt @irq0 + n (n < @count) is in [@min_irq, @max_irq)
 * and the cell's, as gic_irq_owned() says, for a whole register at once
 * instead of one call per interrupt. The interrupts of one access never
 * straddle a multiple of 32 (a word of 1-bit fields is 32 aligned
 * interrupts, of 2-bit fields 16, of 8-bit fields 4), and @min_irq is 0
 * or 32.
 */
static u32 owned_irqs(const struct cell *cell, unsigned int irq0,
		      unsigned int count, unsigned int min_irq,
		      unsigned int max_irq)
{
	unsigned int base = irq0 & ~31u, limit = max_irq;
	u32 bits;

	if (limit > gic_num_irqs)
		limit = gic_num_irqs;
	if (base < min_irq || base >= limit)
		return 0;
	if (base == 0)		/* the hypervisor's PPIs; SGIs are emulated */
		bits = 0xffff0000u & ~(1u << PPI_HYP_TIMER) &
		       ~(gic_maint_irq < 32 ? 1u << gic_maint_irq : 0);
	else
		bits = cell->irqs[base / 32];
	if (limit - base < 32)
		bits &= (1u << (limit - base)) - 1;
	bits >>= irq0 - base;
	return count < 32 ? bits & ((1u << count) - 1) : bits;
}

/*
 * One access to a per-interrupt register at @base + a->address. Bits of
 * interrupts the cell does not own read as zero and are never written.
 * Interrupts outside [min_irq, max_irq) are not in this block.
 */
static enum mmio_result emulate(const struct cell *cell, u64 base,
				struct mmio_access *a, unsigned int min_irq,
				unsigned int max_irq)
{
	const struct irq_reg *reg = NULL;
	unsigned int n, irq0, count;
	u64 mask = 0, old;
	u32 owned;

	for (n = 0; n < ARRAY_SIZE(irq_regs); n++)
		if (a->address >= irq_regs[n].start &&
		    a->address < irq_regs[n].end) {
			reg = &irq_regs[n];
			break;
		}
	if (!reg) {
		if (!a->is_write)
			a->value = 0;	/* reserved: RAZ/WI */
		return MMIO_HANDLED;
	}
	if (!ALIGNED(a->address, a->size) || a->size > 4 ||
	    (a->size != 4 && reg->bits != 8))
		return MMIO_DENIED;
	irq0 = (unsigned int)(a->address - reg->start) * 8 / reg->bits;
	/* the set/clear pairs share a layout: clear is 0x80 after set */
	if (reg->kind == REG_WRITE_ONES)
		irq0 = (unsigned int)((a->address - reg->start) % 0x80) * 8;
	count = a->size * 8 / reg->bits;
	owned = owned_irqs(cell, irq0, count, min_irq, max_irq);
	if (reg->bits == 1)
		mask = owned;
	for (; reg->bits != 1 && owned; owned &= owned - 1) {
		n = (unsigned int)__builtin_ctz(owned);
		mask |= ((1ull << reg->bits) - 1) << (n * reg->bits);
	}
	if (!a->is_write) {
		a->value = phys_read(base + a->address, a->size) & mask;
		return MMIO_HANDLED;
	}
	if (!mask || reg->kind == REG_READ_ONLY)
		return MMIO_HANDLED;
	if (reg->kind == REG_WRITE_ONES) {
		phys_write(base + a->address, a->size, a->value & mask);
		return MMIO_HANDLED;
	}
	spin_lock(&dist_lock);
	old = phys_read(base + a->address, a->size);
	phys_write(base + a->address, a->size,
		   (old & ~mask) | (a->value & mask));
	spin_unlock(&dist_lock);
	return MMIO_HANDLED;
}

enum mmio_result gic_emulate_irq_regs(const struct cell *cell, u64 base,
				      struct mmio_access *a,
				      unsigned int first_irq_limit)
{
	/* first_irq_limit: 32 for the redistributor's SGI/PPI block */
	if (first_irq_limit)
		return emulate(cell, base, a, 0, first_irq_limit);
	return emulate(cell, base, a, gic->version == 3 ? 32 : 0,
		       gic_num_irqs);
}

enum mmio_result gic_dist_access(void *arg, struct mmio_access *a)
{
	struct cell *cell = arg;
	enum mmio_result res;

	if (gic->dist_special(cell, a, &res))
		return res;
	if (a->address < 0x10 || a->address >= 0xffd0) {
		/* CTLR, TYPER, IIDR and ID registers: read-only view */
		if (a->size != 4 || !ALIGNED(a->address, 4))
			return MMIO_DENIED;
		if (!a->is_write)
			a->value = gicd_read32(a->address);
		return MMIO_HANDLED;
	}
	return gic_emulate_irq_regs(cell, gicd_base, a, 0);
}

static void inject_lr(unsigned int n, unsigned int virq, bool hw,
		      unsigned int src)
{
	gic->write_lr(n, gic->make_lr(virq, hw, src));
}

bool gic_inject(struct per_cpu *cpu, unsigned int virq, bool hw,
		unsigned int src)
{
	unsigned int n, lrs = gic->num_lrs();
	u64 empty = gic->empty_lrs();

	/* an SGI already listed just becomes pending again */
	if (!hw && (~empty & (BIT(lrs) - 1))) {
		for (n = 0; n < lrs; n++) {
			unsigned int s = 0;
			u64 lr;

			if ((empty >> n) & 1)
				continue;
			lr = gic->read_lr(n);
			if (gic->lr_virq(lr, &s) == virq && s == src) {
				gic->write_lr(n, gic->lr_set_pending(lr));
				return true;
			}
		}
	}
	for (n = 0; n < lrs; n++)
		if ((empty >> n) & 1) {
			inject_lr(n, virq, hw, src);
			return true;
		}
	if (cpu->arch.queued == VIRQ_QUEUE_LEN)
		return false;
	cpu->arch.queue[cpu->arch.queued++] =
		(u16)(virq | (src << 10) | (hw ? 0x8000 : 0));
	gic->set_underflow_irq(true);
	return true;
}

static void drain_queue(struct per_cpu *cpu)
{
	unsigned int n = 0, left = 0;

	gic->set_underflow_irq(false);
	while (n < cpu->arch.queued) {
		u16 e = cpu->arch.queue[n++];
		u64 empty = gic->empty_lrs();
		unsigned int lr;

		for (lr = 0; lr < gic->num_lrs(); lr++)
			if ((empty >> lr) & 1)
				break;
		if (lr == gic->num_lrs()) {
			cpu->arch.queue[left++] = e;
			continue;
		}
		inject_lr(lr, e & 0x3ff, e & 0x8000, (e >> 10) & 7);
	}
	cpu->arch.queued = left;
	if (left)
		gic->set_underflow_irq(true);
}

/* Late launch: SGIs left for a CPU that went outside: send them as-is. */
static void forward_pending_sgis(unsigned int target)
{
	unsigned int sgi;

	for (sgi = 0; sgi < 16; sgi++)
		if (__atomic_exchange_n(&per_cpu(target)->arch.sgi_pending[sgi],
					0, __ATOMIC_SEQ_CST))
			gic->send_sgi(target, sgi);
}

void gic_send_virtual_sgi(unsigned int src, unsigned int target,
			  unsigned int sgi)
{
	struct per_cpu *t = per_cpu(target);

	/* late launch: Linux outside the hypervisor gets a real SGI */
	if (t->native) {
		gic->send_sgi(target, sgi);
		return;
	}
	__atomic_or_fetch(&t->arch.sgi_pending[sgi & 0xf], 1u << src,
			  __ATOMIC_SEQ_CST);
	__atomic_or_fetch(&t->arch.sgi_summary, 1u << (sgi & 0xf),
			  __ATOMIC_SEQ_CST);
	gic->send_sgi(target, SGI_EVENT);
	/* it left meanwhile: whoever sees the bits first sends them */
	if (__atomic_load_n(&t->native, __ATOMIC_SEQ_CST))
		forward_pending_sgis(target);
}

/*
 * The summary says which SGI numbers to look at. A sender sets it after
 * the pending bits and before the event, so a bit that misses this
 * round is seen at the next event; a summary bit whose pending word was
 * already taken costs one empty look.
 */
static void deliver_sgis(struct per_cpu *cpu)
{
	u32 sgis = __atomic_exchange_n(&cpu->arch.sgi_summary, 0,
				       __ATOMIC_SEQ_CST);
	unsigned int sgi, src;

	for (; sgis; sgis &= sgis - 1) {
		u32 from;

		sgi = (unsigned int)__builtin_ctz(sgis);
		from = __atomic_exchange_n(&cpu->arch.sgi_pending[sgi], 0,
					   __ATOMIC_SEQ_CST);

		for (src = 0; from; src++, from >>= 1)
			if (from & 1) {
				gic_inject(cpu, sgi, false, src);
				cpu->stats[JH_CPU_STAT_VMEXITS_VSGI]++;
			}
	}
}

/* SPIs the hypervisor handles itself (arch_hv_irq_enable) */
static struct {
	unsigned int irq;
	void (*handler)(unsigned int irq);
} hv_irqs[4];

static void (*hv_irq_handler(unsigned int irq))(unsigned int)
{
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(hv_irqs); n++)
		if (hv_irqs[n].handler && hv_irqs[n].irq == irq)
			return hv_irqs[n].handler;
	return NULL;
}

void arch_hv_irq_enable(unsigned int irq, void (*handler)(unsigned int irq))
{
	u32 bit = 1u << (irq % 32), word = (irq / 32) * 4;
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(hv_irqs) && hv_irqs[n].handler; n++)
		;
	if (n == ARRAY_SIZE(hv_irqs) || irq < 32 || irq >= gic_num_irqs)
		return;
	hv_irqs[n].irq = irq;
	hv_irqs[n].handler = handler;
	spin_lock(&dist_lock);
	/* edge: the SMMU pulses its wired interrupts */
	gicd_write32(GICD_ICFGR + (irq / 16) * 4,
		     gicd_read32(GICD_ICFGR + (irq / 16) * 4) |
		     2u << ((irq % 16) * 2));
	*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + irq) =
		IRQ_PRIO_DEFAULT;
	gic->route_irq(root_cell(), irq);
	gicd_write32(GICD_ICPENDR + word, bit);
	gicd_write32(GICD_ISENABLER + word, bit);
	spin_unlock(&dist_lock);
	/* no cell may touch it through the distributor */
	for (n = 0; n < MAX_CELLS; n++)
		cells[n].irqs[irq / 32] &= ~bit;
}

void arch_hv_irq_disable(unsigned int irq)
{
	u32 bit = 1u << (irq % 32), word = (irq / 32) * 4;
	unsigned int n;

	if (irq < 32 || irq >= gic_num_irqs)
		return;
	spin_lock(&dist_lock);
	gicd_write32(GICD_ICENABLER + word, bit);
	gicd_write32(GICD_ICPENDR + word, bit);
	spin_unlock(&dist_lock);
	for (n = 0; n < ARRAY_SIZE(hv_irqs); n++)
		if (hv_irqs[n].irq == irq)
			hv_irqs[n].handler = NULL;
}

void gic_handle_irq(struct per_cpu *cpu)
{
	unsigned int rounds;

	for (rounds = 0; rounds < 16; rounds++) {
		u32 iar = gic->read_iar();
		unsigned int irq = iar & 0x3ff;

		if (irq >= GIC_SPURIOUS)
			break;
		gic->eoi(iar);
		if (irq == SGI_EVENT) {
			gic->deactivate(iar);
			cpu_handle_events(cpu);
			deliver_sgis(cpu);
		} else if (irq == gic_maint_irq) {
			gic->deactivate(iar);
			cpu->stats[JH_CPU_STAT_VMEXITS_MAINTENANCE]++;
			if (gic->eoi_maintenance)
				gic->eoi_maintenance();
			drain_queue(cpu);
		} else if (irq == PPI_HYP_TIMER) {
			gic->deactivate(iar);
			watchdog_tick(cpu);
		} else if (irq < 16 && boot.late && cpu->cell == root_cell()) {
			/* an IPI from a CPU that runs Linux outside */
			gic->deactivate(iar);
			gic_inject(cpu, irq, false, (iar >> 10) & 7);
			cpu->stats[JH_CPU_STAT_VMEXITS_VSGI]++;
		} else if (irq >= 16 && gic_irq_owned(cpu->cell, irq)) {
			/* the cell's EOI deactivates the physical interrupt;
			 * if it cannot even be queued, drop it rather than
			 * leave the line active for ever */
			if (!gic_inject(cpu, irq, true, 0))
				gic->deactivate(iar);
			cpu->stats[JH_CPU_STAT_VMEXITS_VIRQ]++;
		} else if (irq >= 32 && hv_irq_handler(irq)) {
			/* never a cell's: off the cells' interrupt path */
			gic->deactivate(iar);
			hv_irq_handler(irq)(irq);
		} else {
			gic->deactivate(iar);
		}
	}
}

void gic_cpu_reset_common(struct per_cpu *cpu)
{
	unsigned int n;

	for (n = 0; n < gic->num_lrs(); n++)
		gic->write_lr(n, 0);
	cpu->arch.queued = 0;
	for (n = 0; n < 16; n++)
		cpu->arch.sgi_pending[n] = 0;
	cpu->arch.sgi_summary = 0;
	gic->set_underflow_irq(false);
}

static void reset_spis(struct cell *cell, const u32 *irqs, bool reset)
{
	unsigned int irq;

	spin_lock(&dist_lock);
	for (irq = 32; irq < gic_num_irqs; irq++) {
		u32 bit = 1u << (irq % 32), word = (irq / 32) * 4;
		u32 rest = irqs[irq / 32] >> (irq % 32);

		/* a cell owns few lines: jump to its next one */
		if (!rest) {
			irq |= 31;
			continue;
		}
		if (!(rest & 1)) {
			irq += (unsigned int)__builtin_ctz(rest) - 1;
			continue;
		}
		gicd_write32(GICD_ICENABLER + word, bit);
		if (!reset)
			continue;
		gicd_write32(GICD_ICPENDR + word, bit);
		gicd_write32(GICD_ICACTIVER + word, bit);
		*(volatile u8 *)(gicd_base + GICD_IPRIORITYR + irq) =
			IRQ_PRIO_DEFAULT;
		gic->route_irq(cell, irq);
	}
	spin_unlock(&dist_lock);
}

u32 gic_leave_collect(struct per_cpu *cpu)
{
	unsigned int n;
	u32 sgis = 0;

	for (n = 0; n < cpu->arch.queued; n++) {
		u16 e = cpu->arch.queue[n];

		if (e & 0x8000)
			gic->deactivate(e & 0x3ff);
		else
			sgis |= 1u << (e & 0xf);
	}
	cpu->arch.queued = 0;
	for (n = 0; n < 16; n++)
		if (__atomic_exchange_n(&cpu->arch.sgi_pending[n], 0,
					__ATOMIC_SEQ_CST))
			sgis |= 1u << n;
	gic->set_underflow_irq(false);
	return sgis;
}

void arch_cell_irqs_reset(struct cell *cell)
{
	reset_spis(cell, cell->irqs, true);
}

void arch_cell_irqs_stop(struct cell *cell)
{
	reset_spis(cell, cell->irqs, false);
}

void arch_irqs_reset_for(struct cell *owner, const u32 *irqs)
{
	reset_spis(owner, irqs, true);
}
