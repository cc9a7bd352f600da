// SPDX-License-Identifier: GPL-2.0-only
/*
 * EL2 exception vectors. Exceptions from the cells (lower EL, AArch64)
 * save the general registers as struct trap_regs on the EL2 stack, call
 * C and return with eret. Anything taken at EL2 itself is a hypervisor
 * bug: it ends in arch_handle_bad, except a synchronous abort of the one
 * load in arch_probe_read32 (arch_handle_el2_sync resumes at its fixup).
 */
.macro save_regs
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
.endm

.macro vector_entry handler
	.balign	0x80
	save_regs
	bl	\handler
	b	restore_and_return
.endm

.macro vector_bad kind
	.balign	0x80
	save_regs
	mov	x1, #\kind
	bl	arch_handle_bad
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global hv_vectors
hv_vectors:
	/* current EL with SP_EL0 */
	vector_bad 0
	vector_bad 1
	vector_bad 2
	vector_bad 3
	/* current EL with SP_ELx */
	vector_entry arch_handle_el2_sync
	vector_bad 5
	vector_bad 6
	vector_bad 7
	/* lower EL, AArch64 */
	vector_entry arch_handle_sync
	vector_entry arch_handle_irq
	vector_bad 10
	vector_entry arch_handle_serror
	/* lower EL, AArch32 */
	vector_bad 12
	vector_bad 13
	vector_bad 14
	vector_bad 15

restore_and_return:
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #256
	eret

/*
 * int arch_probe_read32(u64 addr, u32 *val): the load at probe_load may
 * take a synchronous external abort (no device at @addr); the handler
 * then resumes at probe_fault. ELR_EL2 and SPSR_EL2 of an outer trap
 * (late launch runs inside Linux's hvc) are kept in x3/x4 across it.
 */
	.text
	.global arch_probe_read32, probe_load, probe_fault
arch_probe_read32:
	mrs	x3, elr_el2
	mrs	x4, spsr_el2
probe_load:
	ldr	w2, [x0]
	str	w2, [x1]
	mov	x0, #0
	b	1f
probe_fault:
	mov	x0, #-5		/* -EIO */
1:	msr	elr_el2, x3
	msr	spsr_el2, x4
	ret
