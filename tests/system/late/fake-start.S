// SPDX-License-Identifier: GPL-2.0-only
/*
 * "Fake Linux" for the late-launch tests: QEMU enters _start at EL2 on
 * CPU 0 (and secondary_el2 on CPU 1, through PSCI CPU_ON). A tiny hyp
 * stub in the manner of Linux's takes EL2 (its own vectors and a set of
 * distinctive EL2 register values the hypervisor must give back) and
 * drops to EL1, where fake-linux.c plays the kernel and the driver.
 *
 * Stub calls (hvc #0 from EL1, x0 = function):
 *   0            HVC_SET_VECTORS: VBAR_EL2 = x1
 *   STUB_PING    returns STUB_MAGIC
 *   STUB_READ+n  returns EL2 register n (see stub_read)
 *   anything else: HVC_STUB_ERR (what Linux's stub answers)
 */
#define STUB_PING	4
#define STUB_READ	0x100
#define STUB_MAGIC	0x57ab
#define HVC_STUB_ERR	0xbadca11

#define STACK_TOP	0x44000000	/* EL1 stacks: 64 KiB per CPU */
#define STUB_SP		0x45000000	/* SP_EL2 the stub leaves: +4K/CPU */

	.section .text.start, "ax"
	.global _start
_start:
	mov	x0, #0
	b	el2_common

	.global secondary_el2
secondary_el2:
	/* x0: context = CPU index */
	b	el2_common

el2_common:
	mov	x19, x0
	adr	x1, stub_vectors
	msr	vbar_el2, x1
	mov	x1, #(1 << 31)			/* HCR_EL2.RW: EL1 is AArch64 */
	msr	hcr_el2, x1
	mov	x1, #0x33ff
	msr	cptr_el2, x1
	msr	hstr_el2, xzr
	mov	x1, #3
	msr	cnthctl_el2, x1
	mov	x1, #0x1000			/* a virtual counter offset */
	msr	cntvoff_el2, x1
	mrs	x1, pmcr_el0
	ubfx	x1, x1, #11, #5			/* HPMN = PMCR.N */
	msr	mdcr_el2, x1
	msr	vttbr_el2, xzr
	mrs	x1, midr_el1
	msr	vpidr_el2, x1
	mrs	x1, mpidr_el1
	msr	vmpidr_el2, x1
	/* values without effect while the EL2 MMU is off: must come back */
	ldr	x1, =0x80803520
	msr	tcr_el2, x1
	ldr	x1, =0x0044ff00
	msr	mair_el2, x1
	ldr	x1, =0x46000000
	msr	ttbr0_el2, x1
	ldr	x1, =0x7e570000
	add	x1, x1, x19
	msr	tpidr_el2, x1
	ldr	x1, =0x30c50830			/* SCTLR_EL2: MMU off */
	msr	sctlr_el2, x1
	/* SVE (-cpu max): not trapped, a vector length limit to keep */
	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #32, #4
	cbz	x1, 2f
	mov	x1, #0x32ff			/* CPTR_EL2.TZ clear */
	msr	cptr_el2, x1
	isb
	mov	x1, #3
	msr	S3_4_C1_C2_0, x1		/* ZCR_EL2.LEN */
2:
	/* GICv3 system registers: SRE at EL2 and allowed for EL1 */
	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #24, #4
	cbz	x1, 1f
	mov	x1, #0xf
	msr	S3_4_C12_C9_5, x1		/* ICC_SRE_EL2 */
	isb
1:	ldr	x1, =STUB_SP
	add	x1, x1, x19, lsl #12
	mov	sp, x1
	ldr	x1, =0x3c5			/* EL1h, DAIF masked */
	msr	spsr_el2, x1
	adr	x1, el1_entry
	msr	elr_el2, x1
	mov	x0, x19
	isb
	eret

/* EL1, MMU off: stack, then C. x0 = CPU index. */
el1_entry:
	ldr	x1, =STACK_TOP
	lsl	x2, x0, #16
	sub	sp, x1, x2
	bl	fake_el1_main
1:	wfe
	b	1b

/*
 * A CPU the hypervisor started for the root cell (PSCI CPU_ON while it
 * runs): EL1, MMU off, x0 = context. C checks the architected state.
 */
	.global secondary_el1
secondary_el1:
	mov	x19, x0
	mrs	x20, currentel
	mrs	x21, sctlr_el1
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	ldr	x1, =STACK_TOP
	lsl	x2, x0, #16
	sub	sp, x1, x2
	mov	x1, x19
	mov	x2, x20
	mov	x3, x21
	bl	fake_el1_restarted
1:	wfe
	b	1b

/* ------------------------------------------------------------------ */
/* the stub's EL2 vectors */
	.balign	0x800
	.global stub_vectors
stub_vectors:
	.rept	8
	.balign	0x80
	b	stub_bad
	.endr
	.balign	0x80
	b	stub_sync
	.rept	7
	.balign	0x80
	b	stub_bad
	.endr

stub_bad:
	wfe
	b	stub_bad

stub_sync:
	cbnz	x0, 1f
	msr	vbar_el2, x1			/* HVC_SET_VECTORS */
	isb
	mov	x0, #0
	eret
1:	cmp	x0, #STUB_PING
	b.ne	2f
	mov	x0, #STUB_MAGIC
	eret
2:	sub	x0, x0, #STUB_READ
	cmp	x0, #17
	b.hs	3f
	adr	x1, stub_read
	add	x1, x1, x0, lsl #3
	br	x1
3:	ldr	x0, =HVC_STUB_ERR
	eret

/* STUB_READ + n: two instructions each (x1 is the caller's scratch) */
stub_read:
	mrs	x0, hcr_el2		/* 0 */
	eret
	mrs	x0, vtcr_el2		/* 1 */
	eret
	mrs	x0, cptr_el2		/* 2 */
	eret
	mrs	x0, mdcr_el2		/* 3 */
	eret
	mrs	x0, cnthctl_el2		/* 4 */
	eret
	mrs	x0, cntvoff_el2		/* 5 */
	eret
	mrs	x0, sctlr_el2		/* 6 */
	eret
	mrs	x0, vbar_el2		/* 7 */
	eret
	mrs	x0, tcr_el2		/* 8 */
	eret
	mrs	x0, mair_el2		/* 9 */
	eret
	mrs	x0, ttbr0_el2		/* 10 */
	eret
	mrs	x0, hstr_el2		/* 11 */
	eret
	mrs	x0, vttbr_el2		/* 12 */
	eret
	mrs	x0, tpidr_el2		/* 13 */
	eret
	mov	x0, sp			/* 14: SP_EL2 */
	eret
	mrs	x0, cnthp_ctl_el2	/* 15 */
	eret
	b	stub_read_zcr		/* 16: ZCR_EL2, 0 without SVE */
	nop

stub_read_zcr:
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #32, #4
	cbz	x0, 1f
	mrs	x0, S3_4_C1_C2_0
1:	eret

/* ------------------------------------------------------------------ */
/* EL1 vectors: IRQs go to C, anything else is a failure */
.macro el1_save
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
	stp	x29, x30, [sp, #160]
.endm
.macro el1_restore
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
	ldp	x29, x30, [sp, #160]
	add	sp, sp, #256
.endm

	.balign	0x800
	.global el1_vectors
el1_vectors:
	.rept	4
	.balign	0x80
	b	el1_bad
	.endr
	.balign	0x80			/* current EL, SPx: sync */
	b	el1_bad
	.balign	0x80			/* IRQ */
	b	el1_irq
	.rept	10
	.balign	0x80
	b	el1_bad
	.endr

el1_irq:
	el1_save
	bl	fake_irq
	el1_restore
	eret

el1_bad:
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	fake_exception
1:	wfe
	b	1b

/* ------------------------------------------------------------------ */
/*
 * long canary_hvc0(fn, a1, a2, a3, a4, u64 *bad) and canary_hvc_jh:
 * hvc #0 / hvc #0x4a48 with every other general register set to a
 * known value; *bad gets a bit per register (31: SP) that changed.
 */
.macro canary_call imm
	stp	x29, x30, [sp, #-160]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	str	x5, [sp, #96]
	str	x1, [sp, #104]
	str	x2, [sp, #112]
	str	x3, [sp, #120]
	str	x4, [sp, #128]
	mov	x9, sp
	adrp	x10, canary_sp
	str	x9, [x10, :lo12:canary_sp]
	.irp n,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	movz	x\n, #0xc0de, lsl #16
	add	x\n, x\n, #\n
	.endr
	hvc	#\imm
	str	x0, [sp, #136]
	/* x30 first, then it collects the mask */
	movz	x0, #0xc0de, lsl #16
	add	x0, x0, #30
	cmp	x30, x0
	cset	x30, ne
	lsl	x30, x30, #30
	.irp n,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29
	movz	x0, #0xc0de, lsl #16
	add	x0, x0, #\n
	cmp	x\n, x0
	cset	x0, ne
	orr	x30, x30, x0, lsl #\n
	.endr
	.irp n,1,2,3,4
	ldr	x0, [sp, #(96 + 8 * \n)]
	cmp	x\n, x0
	cset	x0, ne
	orr	x30, x30, x0, lsl #\n
	.endr
	adrp	x0, canary_sp
	ldr	x0, [x0, :lo12:canary_sp]
	mov	x1, sp
	cmp	x1, x0
	cset	x0, ne
	orr	x30, x30, x0, lsl #31
	ldr	x5, [sp, #96]
	str	x30, [x5]
	ldr	x0, [sp, #136]
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #160
	ret
.endm

	.global canary_hvc0
canary_hvc0:
	canary_call 0

	.global canary_hvc_jh
canary_hvc_jh:
	canary_call 0x4a48

/* fp_fill(seed): v0-v31 = seed + n (both halves); FPCR/FPSR kept */
	.global fp_fill
fp_fill:
	.irp n,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #\n
	fmov	d\n, x1
	mov	v\n\().d[1], x1
	.endr
	ret

/* u64 fp_check(seed): bit n set if v<n> changed */
	.global fp_check
fp_check:
	mov	x3, #0
	.irp n,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #\n
	fmov	x2, d\n
	cmp	x2, x1
	mov	x2, v\n\().d[1]
	ccmp	x2, x1, #0, eq
	cset	x4, ne
	orr	x3, x3, x4, lsl #\n
	.endr
	mov	x0, x3
	ret

	.section .bss
	.balign	8
canary_sp:	.skip	8
