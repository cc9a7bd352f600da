/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The interrupt controller behind one interface: gic-v2.c and gic-v3.c
 * each provide a struct gic_ops, chosen at run time from the system
 * image (and checked against ID_AA64PFR0_EL1.GIC). gic-common.c holds
 * what both share: distributor filtering, injection, the event SGI.
 */
#ifndef JH_ASM_GIC_H
#define JH_ASM_GIC_H

#include <cell.h>
#include <mmio.h>
#include <percpu.h>
#include <types.h>

/*
 * hypervisor-internal kick; the last SGI, so that in late launch it does
 * not collide with Linux's IPIs (SGIs 0-7) sent while a CPU is outside
 */
#define SGI_EVENT		15
#define IRQ_PRIO_DEFAULT	0xa0
#define GIC_SPURIOUS		1020

/* Distributor register offsets common to GICv2 and GICv3 */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
#define GICD_SGIR		0x0f00
#define GICD_IROUTER		0x6000

struct gic_ops {
	unsigned int version;
	int (*init)(void);			/* boot CPU, distributor */
	void (*cpu_init)(struct per_cpu *cpu);	/* each CPU, once */
	/* late launch: take over / give back the CPU interface of Linux */
	void (*cpu_takeover)(struct per_cpu *cpu);
	void (*cpu_leave)(struct per_cpu *cpu);
	/* before a CPU enters a cell */
	void (*cpu_reset)(struct per_cpu *cpu);
	int (*cell_init)(struct cell *cell);	/* trapped regions, maps */
	void (*route_irq)(struct cell *cell, unsigned int irq);
	u32 (*read_iar)(void);
	void (*eoi)(u32 iar);			/* priority drop */
	void (*deactivate)(u32 iar);
	void (*send_sgi)(unsigned int cpu, unsigned int sgi);
	/* list registers */
	unsigned int (*num_lrs)(void);
	u64 (*read_lr)(unsigned int n);
	void (*write_lr)(unsigned int n, u64 v);
	u64 (*empty_lrs)(void);
	u64 (*make_lr)(unsigned int virq, bool hw, unsigned int src);
	unsigned int (*lr_virq)(u64 lr, unsigned int *src);
	u64 (*lr_set_pending)(u64 lr);
	void (*set_underflow_irq)(bool on);
	/* maintenance interrupt: list registers the guest deactivated that
	 * asked for it (GICv2 late launch, gic-v2.c; else NULL) */
	void (*eoi_maintenance)(void);
	/* a cell wrote an SGI system register (GICv3 only, else NULL) */
	void (*sgi_sysreg)(struct per_cpu *cpu, u64 value);
	/* extra distributor registers (IROUTER, ITARGETSR, SGIR) */
	bool (*dist_special)(struct cell *cell, struct mmio_access *a,
			     enum mmio_result *res);
};

extern const struct gic_ops gic_v2_ops, gic_v3_ops;
extern const struct gic_ops *gic;
extern u64 gicd_base;
extern unsigned int gic_num_irqs;
extern unsigned int gic_maint_irq;

/* EL2 physical timer: the hypervisor's (cell watchdogs) */
#define PPI_HYP_TIMER		26

/* Is this interrupt the cell's to touch (SGIs never, PPIs mostly)? */
bool gic_irq_owned(const struct cell *cell, unsigned int irq);
/* Filtered emulation of one per-interrupt register block. */
enum mmio_result gic_emulate_irq_regs(const struct cell *cell, u64 base,
				      struct mmio_access *a,
				      unsigned int first_irq_limit);
enum mmio_result gic_dist_access(void *arg, struct mmio_access *a);
/* false: no list register and no queue slot was free */
bool gic_inject(struct per_cpu *cpu, unsigned int virq, bool hw,
		unsigned int src);
/* Virtual SGI @sgi from @src to the cell's CPU @target. */
void gic_send_virtual_sgi(unsigned int src, unsigned int target,
			  unsigned int sgi);
void gic_handle_irq(struct per_cpu *cpu);
void gic_cpu_reset_common(struct per_cpu *cpu);
/*
 * Late launch, leaving: SGIs still waiting for this CPU (queue and
 * pending bits) as a bitmap to send again physically; queued hardware
 * interrupts are deactivated.
 */
u32 gic_leave_collect(struct per_cpu *cpu);
u32 gicd_read32(u64 off);
void gicd_write32(u64 off, u32 v);

static inline u32 mmio_read32(u64 a)
{
	return *(volatile u32 *)a;
}

static inline void mmio_write32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}

static inline u64 mmio_read64(u64 a)
{
	return *(volatile u64 *)a;
}

static inline void mmio_write64(u64 a, u64 v)
{
	*(volatile u64 *)a = v;
}

#endif
