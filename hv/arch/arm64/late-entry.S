// SPDX-License-Identifier: GPL-2.0-only
/*
 * Late launch (schema/jh-late-launch.h, doc/late-launch-hv.md): the
 * vector table a running Linux installs at EL2 through its hyp stub
 * (HVC_SET_VECTORS), and the way back to EL1.
 *
 * The enabling hvc arrives here at EL2 with the stub's state: MMU off,
 * no usable stack. Each CPU saves every general register of the caller
 * and the stub's EL2 registers in its struct late_cpu_state (section
 * .late_state, outside .bss), takes its own stack and calls
 * late_enable_entry(cpu, state) in C, which never returns: it leaves
 * through late_return_el1 (enabled: back to the caller at EL1, now as
 * part of the root cell) or late_return_stub (the stub's EL2 state and
 * vectors back, an error in x0).
 */
#include <asm/late.h>

#define MAX_CPUS	8
#define HVC_SET_VECTORS	0

/* save/restore one EL2 register through x0 */
.macro save_el2 reg, off
	mrs	x0, \reg
	str	x0, [x1, #\off]
.endm
.macro load_el2 reg, off
	ldr	x2, [x0, #\off]
	msr	\reg, x2
.endm

	.section .text.late_vectors, "ax"
	.balign	0x800
	.global hv_late_vectors
hv_late_vectors:
	/* current EL: not expected before C takes over: stop here */
	.rept	8
	.balign	0x80
	b	late_stuck
	.endr
	/* lower EL, AArch64: synchronous (the hvc), IRQ, FIQ, SError */
	.balign	0x80
	b	late_sync
	.rept	3
	.balign	0x80
	eret
	.endr
	/* lower EL, AArch32: not used by a 64-bit kernel */
	.rept	4
	.balign	0x80
	eret
	.endr

late_stuck:
	wfe
	b	late_stuck

/*
 * x0 is the function: HVC_SET_VECTORS (the driver backs out), or
 * JH_LATE_ENABLE; anything else gets -ENOSYS. x0 is the only register
 * that may be changed before the others are saved.
 */
late_sync:
	cbz	x0, late_set_vectors
	/* x0 == JH_LATE_ENABLE, in place: subtract, rotate, compare */
	sub	x0, x0, #LATE_ENABLE_LO
	sub	x0, x0, #LATE_ENABLE_MID, lsl #12
	ror	x0, x0, #24
	cmp	x0, #LATE_ENABLE_HI
	b.eq	late_enable
	mov	x0, #-38		/* -ENOSYS */
	eret

late_set_vectors:
	msr	vbar_el2, x1
	isb
	mov	x0, #0
	eret

late_enable:
	/* FAR_EL2 means nothing outside a fault: it holds x1 a moment */
	msr	far_el2, x1
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	cmp	x0, #MAX_CPUS
	b.hs	late_bad_cpu
	adrp	x1, late_cpu_states
	add	x1, x1, :lo12:late_cpu_states
	add	x1, x1, x0, lsl #LATE_STATE_SHIFT
	str	xzr, [x1]
	stp	x2, x3, [x1, #16]
	stp	x4, x5, [x1, #32]
	stp	x6, x7, [x1, #48]
	stp	x8, x9, [x1, #64]
	stp	x10, x11, [x1, #80]
	stp	x12, x13, [x1, #96]
	stp	x14, x15, [x1, #112]
	stp	x16, x17, [x1, #128]
	stp	x18, x19, [x1, #144]
	stp	x20, x21, [x1, #160]
	stp	x22, x23, [x1, #176]
	stp	x24, x25, [x1, #192]
	stp	x26, x27, [x1, #208]
	stp	x28, x29, [x1, #224]
	str	x30, [x1, #240]
	mrs	x0, far_el2
	str	x0, [x1, #8]
	mov	x0, sp
	str	x0, [x1, #LS_SP_EL2]
	/* the stub's vectors are x3 of the call, not the current VBAR */
	str	x3, [x1, #LS_VBAR]
	save_el2 elr_el2, LS_ELR
	save_el2 spsr_el2, LS_SPSR
	save_el2 hcr_el2, LS_HCR
	save_el2 vtcr_el2, LS_VTCR
	save_el2 vttbr_el2, LS_VTTBR
	save_el2 cptr_el2, LS_CPTR
	save_el2 mdcr_el2, LS_MDCR
	save_el2 cnthctl_el2, LS_CNTHCTL
	save_el2 cntvoff_el2, LS_CNTVOFF
	save_el2 sctlr_el2, LS_SCTLR
	save_el2 tcr_el2, LS_TCR
	save_el2 mair_el2, LS_MAIR
	save_el2 ttbr0_el2, LS_TTBR0
	save_el2 tpidr_el2, LS_TPIDR
	save_el2 hstr_el2, LS_HSTR
	save_el2 vpidr_el2, LS_VPIDR
	save_el2 vmpidr_el2, LS_VMPIDR
	save_el2 cnthp_ctl_el2, LS_CNTHP_CTL

	mrs	x19, mpidr_el1
	and	x19, x19, #0xff
	mov	x20, x1
	/* the first CPU of an enable starts from a clean .bss */
	adrp	x2, hv_late_active
	ldr	w2, [x2, :lo12:hv_late_active]
	cbnz	w2, 2f
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mov	x0, x19
	bl	set_stack_and_vectors
	mov	x0, x19
	mov	x1, x20
	bl	late_enable_entry
	b	late_stuck

late_bad_cpu:
	mrs	x1, far_el2
	mov	x0, #-22		/* -EINVAL */
	eret

/*
 * late_return_stub(state, result): put the stub's EL2 registers back
 * (the MMU goes off first: the caller cleaned @state to memory), then
 * return like late_return_el1.
 */
	.global late_return_stub
late_return_stub:
	load_el2 sctlr_el2, LS_SCTLR
	isb
	load_el2 hcr_el2, LS_HCR
	load_el2 vtcr_el2, LS_VTCR
	load_el2 vttbr_el2, LS_VTTBR
	load_el2 cptr_el2, LS_CPTR
	load_el2 mdcr_el2, LS_MDCR
	load_el2 cnthctl_el2, LS_CNTHCTL
	load_el2 cntvoff_el2, LS_CNTVOFF
	load_el2 tcr_el2, LS_TCR
	load_el2 mair_el2, LS_MAIR
	load_el2 ttbr0_el2, LS_TTBR0
	load_el2 tpidr_el2, LS_TPIDR
	load_el2 hstr_el2, LS_HSTR
	load_el2 vpidr_el2, LS_VPIDR
	load_el2 vmpidr_el2, LS_VMPIDR
	load_el2 cnthp_ctl_el2, LS_CNTHP_CTL
	load_el2 vbar_el2, LS_VBAR
	/* nothing of the hypervisor's EL2 or guest translation stays */
	tlbi	alle2
	tlbi	alle1
	dsb	nsh
	isb
	ldr	x2, [x0, #LS_SP_EL2]
	mov	sp, x2
	/* fall through */

/*
 * late_return_el1(state, result): eret to the caller's ELR_EL2/SPSR_EL2
 * with its general registers from @state and x0 = @result.
 */
	.global late_return_el1
late_return_el1:
	str	x1, [x0]
	ldr	x2, [x0, #LS_ELR]
	msr	elr_el2, x2
	ldr	x2, [x0, #LS_SPSR]
	msr	spsr_el2, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0]
	eret

	.section .late_state, "aw", %nobits
	.balign	16
	.global late_cpu_states
late_cpu_states:
	.skip	(1 << LATE_STATE_SHIFT) * MAX_CPUS
