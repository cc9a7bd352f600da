/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * ivshmem 2.0 inter-cell communication (doc/ivshmem.md): find the
 * device on the virtual PCI bus, map its sections, signal peers, and a
 * point-to-point message queue over two peers' output sections.
 *
 * Everything here uses plain aligned 32-bit loads and stores on the
 * register page, so the same code works from an unprivileged driver that
 * has the page mapped.
 */
#ifndef JH_RT_IVSHMEM_H
#define JH_RT_IVSHMEM_H

#include "types.h"

#define IVSHMEM_VENDOR		0x110a
#define IVSHMEM_DEVICE		0x4106

/* Register block (BAR0) */
#define IVSHMEM_REG_ID		0x00
#define IVSHMEM_REG_MAX_PEERS	0x04
#define IVSHMEM_REG_INT_CTRL	0x08
#define IVSHMEM_REG_DOORBELL	0x0c
#define IVSHMEM_REG_STATE	0x10

/*
 * Where the runtime places BAR0 of the n-th device it finds (n from 0):
 * the pages just below the ECAM window. The hypervisor accepts any
 * address; this one is free in every jh cell layout on QEMU virt.
 */
#define IVSHMEM_BAR0_BELOW_ECAM(n)	(((n) + 1) * 0x1000UL)

struct ivshmem_dev {
	unsigned long cfg;		/* ECAM address of the function */
	unsigned long regs;		/* register page (BAR0) */
	u16 bdf;
	u16 protocol;
	u32 id;				/* this peer */
	u32 peers;			/* maximum peers */
	u32 intid;			/* INTx interrupt (GIC INTID) */
	unsigned long state_table;
	unsigned long rw;
	unsigned long out;		/* output section of peer 0 */
	u64 state_size, rw_size, out_size;
	volatile u32 irqs;		/* interrupts taken */
};

/*
 * Find the @index-th ivshmem device (bus 0 of the ECAM window in the comm
 * region), program BAR0 at @bar0 (0: IVSHMEM_BAR0_BELOW_ECAM(index)),
 * enable memory decoding and read the sections from the vendor
 * capability. 0 on success, -1 if there is no such device.
 */
int ivshmem_find(struct ivshmem_dev *dev, unsigned int index,
		 unsigned long bar0);
/* Guest address of @peer's output section. */
unsigned long ivshmem_output(const struct ivshmem_dev *dev, u32 peer);
/* @peer's state, read from the state table (no trap). */
u32 ivshmem_peer_state(const struct ivshmem_dev *dev, u32 peer);
/* Publish this peer's state (every other peer gets vector 0). */
void ivshmem_set_state(struct ivshmem_dev *dev, u32 state);
/* Enable interrupt delivery (device and GIC); @one_shot sets the mode. */
void ivshmem_irq_enable(struct ivshmem_dev *dev, bool one_shot);
void ivshmem_irq_disable(struct ivshmem_dev *dev);
/* Ring @peer's doorbell (vector 0; INTx has no other). */
void ivshmem_notify(struct ivshmem_dev *dev, u32 peer);
/*
 * From the inmate's interrupt handler: true if @intid was this device's
 * (counted in dev->irqs).
 */
bool ivshmem_handle_irq(struct ivshmem_dev *dev, u32 intid);
/*
 * An irq handler for irq_set_handler(): counts doorbells of the devices
 * enabled with ivshmem_irq_enable(), stops the virtual timer that
 * ivshmem_wait() arms for its timeout, ignores the rest.
 */
void ivshmem_default_irq(u32 intid, u64 entry_ticks);
/*
 * Sleep (wfi) until @cond(arg) is true, with interrupts masked while
 * testing so that no doorbell is lost between the test and the wfi.
 * @timeout_us 0 means forever. Returns false on timeout.
 */
bool ivshmem_wait(bool (*cond)(void *arg), void *arg, u64 timeout_us);

/*
 * Message queue between this peer and one other peer. Each direction is
 * a ring in the sender's output section; the receiver keeps its read
 * position in its own output section (doc/ivshmem.md, "Message queue").
 */
struct ivq {
	struct ivshmem_dev *dev;
	u32 peer;
	volatile u32 *tx_head;		/* mine: bytes I have written */
	volatile u32 *rx_tail;		/* mine: peer's bytes I read */
	volatile const u32 *peer_head;
	volatile const u32 *peer_tail;	/* the peer's read position */
	volatile u8 *tx_data;
	volatile const u8 *rx_data;
	u32 capacity;			/* ring bytes, power of two */
	u32 head, tail;			/* local copies */
};

#define IVQ_MAGIC		0x51564a68	/* "hJVQ" */
#define IVQ_MAX_MSG		1024

/* Set up the queue with @peer and clear our side; 0 or -1. */
int ivq_init(struct ivq *q, struct ivshmem_dev *dev, u32 peer);
/* Append one message; false when it does not fit right now. */
bool ivq_send(struct ivq *q, const void *msg, u32 len);
/* Take one message into @buf (of @size bytes); its length, or -1 if none. */
int ivq_recv(struct ivq *q, void *buf, u32 size);
/* Is a message waiting? */
bool ivq_pending(const struct ivq *q);
/* Bytes free for sending (a message takes 4 + len rounded up to 4). */
u32 ivq_space(const struct ivq *q);
/* Is the peer's side initialised (magic present)? */
bool ivq_peer_ready(const struct ivq *q);

#endif /* JH_RT_IVSHMEM_H */
