/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef JH_ASM_TRAPS_H
#define JH_ASM_TRAPS_H

#include <types.h>

/* The cell's general registers, saved by vectors.S on the EL2 stack. */
struct trap_regs {
	u64 x[31];
	u64 pad;
};

void arch_handle_sync(struct trap_regs *regs);
void arch_handle_el2_sync(struct trap_regs *regs);
void arch_handle_irq(struct trap_regs *regs);
void arch_handle_serror(struct trap_regs *regs);
void __noreturn arch_handle_bad(struct trap_regs *regs, u64 kind);

#endif
