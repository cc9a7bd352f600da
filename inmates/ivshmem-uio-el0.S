// SPDX-License-Identifier: GPL-2.0-only
/*
 * The EL0 half of ivshmem-uio: what an unprivileged (UIO-style) driver
 * does with the ivshmem register page and shared memory mapped into it.
 * Plain loads and stores only; each routine ends with `svc #0` and its
 * results in x0-x7 (user_call(), runtime/include/user.h).
 *
 * The routines sit alone in page-aligned pages, so that the inmate can
 * make exactly these pages executable at EL0 (MMU_USER_RX).
 */

/* ivshmem registers (doc/ivshmem.md) */
#define REG_ID			0x00
#define REG_MAX_PEERS		0x04
#define REG_INT_CTRL		0x08
#define REG_DOORBELL		0x0c
#define REG_STATE		0x10

	.section .text.el0, "ax"
	.balign	4096
	.globl uio_el0_start
uio_el0_start:

/* x0 = address: x0 = the 32-bit word there. */
	.globl uio_read32
uio_read32:
	ldr	w0, [x0]
	svc	#0

/*
 * x0 = register page, x1 = state table, x2 = my output section,
 * x3 = the other peer's output section, x4 = state to set, x5 = word to
 * write at the start of my output section. Returns x0 ID, x1 max peers,
 * x2 state before, x3 state read back after the write, x4 my slot and
 * x5 the other peer's slot of the state table, x6 the other peer's first
 * output word, x7 the doorbell register (reads 0).
 */
	.globl uio_touch
uio_touch:
	mov	x9, x0
	ldr	w0, [x9, #REG_ID]
	ldr	w10, [x9, #REG_MAX_PEERS]
	ldr	w11, [x9, #REG_STATE]
	str	w5, [x2]
	/* the word is visible before the peer hears of the new state */
	dsb	ish
	str	w4, [x9, #REG_STATE]
	ldr	w12, [x9, #REG_STATE]
	ldr	w13, [x1, w0, uxtw #2]
	eor	w14, w0, #1
	ldr	w14, [x1, w14, uxtw #2]
	ldr	w15, [x3]
	ldr	w16, [x9, #REG_DOORBELL]
	mov	x1, x10
	mov	x2, x11
	mov	x3, x12
	mov	x4, x13
	mov	x5, x14
	mov	x6, x15
	mov	x7, x16
	svc	#0

/*
 * x0 = register page, x1 = doorbell value (peer << 16 | vector).
 * Returns x0 = the interrupt-control register.
 */
	.globl uio_ring
uio_ring:
	dsb	ish
	str	w1, [x0, #REG_DOORBELL]
	ldr	w0, [x0, #REG_INT_CTRL]
	svc	#0

/*
 * Wait for an interrupt event, as a UIO driver's read() does: x0 = the
 * event counter (the interrupt handler increments it), x1 = the count
 * already seen, x2 = how many times to look. Returns x0 = the count,
 * x1 = looks left (0: gave up).
 */
	.globl uio_wait_event
uio_wait_event:
1:	ldr	w3, [x0]
	cmp	w3, w1
	b.ne	2f
	yield
	subs	x2, x2, #1
	b.ne	1b
2:	mov	x0, x3
	mov	x1, x2
	svc	#0

	.balign	4096
	.globl uio_el0_end
uio_el0_end:
