/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the architecture-neutral core asks of the architecture. Everything
 * about the interrupt controller, translation tables and firmware calls
 * stays behind these functions.
 */
#ifndef JH_HV_ARCH_H
#define JH_HV_ARCH_H

#include "types.h"
#include <jh-cell-format.h>

struct cell;
struct per_cpu;

unsigned int arch_cpu_id(void);
/* Check the architecture-specific parts of the system image. */
int arch_check_platform(const struct jh_system_desc *sys);
/* Why an irqchip entry cannot be used, or NULL when it can. */
const char *arch_irqchip_problem(const struct jh_irqchip *chip);
/* A console that works before the system image is read (or NULL). */
const struct console_driver *arch_early_console(u32 bundle_flags);
/* May this physical range be given to a cell? (not an hv-owned device) */
int arch_check_cell_region(const struct jh_memory *mem);
/* Does the guest range leave the trapped devices visible? */
int arch_check_cell_guest_range(const struct jh_memory *mem);
/* Highest physical address + 1 the translation can reach. */
u64 arch_max_phys_address(void);
/* Highest guest-physical address + 1 a cell may use. */
u64 arch_max_guest_address(void);
/* Number of interrupt lines of the platform. */
unsigned int arch_num_irqs(void);
/* Bring up the interrupt controller etc. on the boot CPU. */
int arch_init(void);
/* Translation and trapped devices for a new cell. */
int arch_cell_create(struct cell *cell);
int arch_map_memory(struct cell *cell, const struct jh_memory *mem,
		    u64 phys);
int arch_unmap_memory(struct cell *cell, u64 virt, u64 size);
/* Give the hypervisor itself device access to a physical range. */
int arch_map_hv_device(u64 phys, u64 size);
/* Free a cell's translation; flush stale guest TLB entries. */
void arch_cell_destroy(struct cell *cell);
void arch_flush_guest_tlbs(void);
/* Let the hypervisor read and write a range of cell RAM. */
int arch_map_hv_ram(u64 phys, u64 size);
void arch_clean_dcache(u64 start, u64 size);
/* Reset the SPIs set in @irqs and route them to @owner's first CPU. */
void arch_irqs_reset_for(struct cell *owner, const u32 *irqs);
/* Hypervisor timer of this CPU: fire in @ms milliseconds (0: off). */
void arch_hv_timer_set(u64 ms);
/* Generic counter in milliseconds. */
u64 arch_time_ms(void);
/* Interrupt state of a cell: reset to a clean state / silence it. */
void arch_cell_irqs_reset(struct cell *cell);
void arch_cell_irqs_stop(struct cell *cell);
/*
 * An SPI the hypervisor handles itself (an SMMU's event interrupt):
 * edge-triggered, routed to the root cell's first CPU, never a cell's.
 */
void arch_hv_irq_enable(unsigned int irq, void (*handler)(unsigned int irq));
/* Late launch, leaving: the SPI off and not pending, no handler. */
void arch_hv_irq_disable(unsigned int irq);
/* Enable the hypervisor's own address translation on this CPU. */
void arch_mmu_enable(void);
/*
 * Read a 32-bit device register that may not exist (probing a unit the
 * system image lists): 0, or -EIO when the access aborted instead of
 * panicking the hypervisor. Not for the exit paths.
 */
int arch_probe_read32(u64 addr, u32 *val);
/* Power a physical CPU on into the hypervisor (0 or -errno, -EBUSY). */
int arch_cpu_power_on(unsigned int cpu);
void __noreturn arch_cpu_power_off(void);
/* Kick another CPU so that it looks at its per_cpu events. */
void arch_send_event(unsigned int cpu);
/*
 * @cpu (powered off) changes owning cell: before it next enters a cell,
 * nothing its previous owner left in per-CPU state (the PMU) may remain.
 */
void arch_cpu_owner_changed(unsigned int cpu);
/* Enter the cell on this CPU: reset the virtual CPU, jump to entry. */
void __noreturn arch_cpu_enter(struct per_cpu *cpu);
/* End the whole machine (QEMU: exit with @code when possible). */
void __noreturn arch_system_exit(int code);
/* Per-CPU architecture statistics helper: MPIDR of a CPU index. */
u64 arch_cpu_mpidr(unsigned int cpu);

#endif
