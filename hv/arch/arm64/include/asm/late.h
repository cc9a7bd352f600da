/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Late launch, AArch64 side: what late-entry.S saves of the caller (the
 * Linux hyp stub's EL2 state and the EL1 caller's registers) per CPU.
 * Shared by assembly and C.
 */
#ifndef JH_ASM_LATE_H
#define JH_ASM_LATE_H

/* JH_LATE_ENABLE (0x4a48454e) in pieces an immediate can hold */
#define LATE_ENABLE_LO		0x54e
#define LATE_ENABLE_MID		0x484
#define LATE_ENABLE_HI		0x4a

#define LATE_STATE_SHIFT	9	/* 512 bytes per CPU */

/* struct late_cpu_state offsets */
#define LS_SP_EL2		248
#define LS_ELR			256
#define LS_SPSR			264
#define LS_HCR			272
#define LS_VTCR			280
#define LS_VTTBR		288
#define LS_CPTR			296
#define LS_MDCR			304
#define LS_CNTHCTL		312
#define LS_CNTVOFF		320
#define LS_SCTLR		328
#define LS_TCR			336
#define LS_MAIR			344
#define LS_TTBR0		352
#define LS_VBAR			360
#define LS_TPIDR		368
#define LS_HSTR			376
#define LS_VPIDR		384
#define LS_VMPIDR		392
#define LS_CNTHP_CTL		400

#ifndef __ASSEMBLER__
#include <types.h>

struct late_cpu_state {
	u64 x[31];		/* x0..x30 of the caller (x0: the result) */
	u64 sp_el2;
	u64 elr_el2, spsr_el2;	/* where the caller continues */
	u64 hcr_el2, vtcr_el2, vttbr_el2, cptr_el2, mdcr_el2;
	u64 cnthctl_el2, cntvoff_el2, sctlr_el2, tcr_el2, mair_el2;
	u64 ttbr0_el2, vbar_el2, tpidr_el2, hstr_el2, vpidr_el2;
	u64 vmpidr_el2, cnthp_ctl_el2;
	u64 reserved[13];	/* to 1 << LATE_STATE_SHIFT: late-entry.S */
} __attribute__((aligned(16)));

_Static_assert(__builtin_offsetof(struct late_cpu_state, sp_el2) ==
	       LS_SP_EL2, "late_cpu_state layout");
_Static_assert(__builtin_offsetof(struct late_cpu_state, hcr_el2) ==
	       LS_HCR, "late_cpu_state layout");
_Static_assert(__builtin_offsetof(struct late_cpu_state, vbar_el2) ==
	       LS_VBAR, "late_cpu_state layout");
_Static_assert(__builtin_offsetof(struct late_cpu_state, cnthp_ctl_el2) ==
	       LS_CNTHP_CTL, "late_cpu_state layout");
_Static_assert(sizeof(struct late_cpu_state) == (1 << LATE_STATE_SHIFT),
	       "late_cpu_state size: the array stride of late-entry.S");

extern struct late_cpu_state late_cpu_states[];
/* the first CPU's stub state: EL2 settings in late-launch mode */
extern struct late_cpu_state late_stub;
/* EL2 registers beyond late_stub a fresh CPU needs as the stub had them */
void arch_late_cpu_extras(void);

/* late-entry.S: leave EL2 for the caller; @s cleaned to memory first */
void __noreturn late_return_el1(struct late_cpu_state *s, u64 result);
void __noreturn late_return_stub(struct late_cpu_state *s, u64 result);
#endif

#endif
