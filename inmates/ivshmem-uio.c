// SPDX-License-Identifier: GPL-2.0-only
/*
 * ivshmem-uio: the ivshmem register page and shared memory driven from
 * EL0, as by an unprivileged (UIO-style) driver (doc/ivshmem.md).
 *
 * Peer 0 plays the driver. At EL1 (the "kernel" part) it finds the
 * device, enables its interrupt and maps the register page and the
 * shared memory for EL0 (mmu_map_user); the routines of
 * ivshmem-uio-el0.S then run at EL0 (user_call): they read ID, max peers
 * and state, write a word into peer 0's output section, write the state
 * register, read the state table and peer 1's output section; later they
 * wait for an interrupt event (peer 1's acknowledgement, taken while EL0
 * runs) and ring peer 1's doorbell. Before the mapping, an EL0 read of
 * the register page must fault at stage 1 (the option is what grants the
 * access), and the configuration space stays out of EL0's reach.
 *
 * Peer 1 stays at EL1 and checks the effects: the state change (with its
 * interrupt) and the word, then, after acknowledging with state 2, the
 * doorbell interrupt alone; state 3 tells peer 0 it saw it.
 *
 * Output:
 *   ivshmem-uio: peer 0: EL0 read of the register page before mapping:
 *     fault (ESR 0x9200000e, FAR 0xafff000)                (one line)
 *   ivshmem-uio: peer 1: peer 0 set state 0x5a from EL0, interrupt 1, ...
 *   ivshmem-uio: peer 0: at EL0: event 2 (peer 1 state 2), 1 interrupt(s)
 *     taken at EL0
 *   ivshmem-uio: peer 1: doorbell rung from EL0: interrupt 2, ...
 *   ivshmem-uio: peer 0: 19 checks at EL0, 0 failed
 */
#include "rt.h"
#include "ivshmem.h"

#define WAIT_US			2000000
#define STATE_READY		1
#define STATE_ACK		2
#define STATE_DONE		3
#define STATE_FROM_EL0		0x5a
#define WORD_FROM_EL0		0xe10e10
#define WORD_PEER1		0x1111beef
#define EL0_WAIT_LOOPS		20000000
#define ESR_EC(esr)		(((esr) >> 26) & 0x3f)
#define EC_DABT_LOWER		0x24
#define DFSC_PERM_MASK		0x3c	/* permission fault, */
#define DFSC_PERM		0x0c	/* any level */

extern char uio_el0_start[], uio_el0_end[];
extern char uio_read32[], uio_touch[], uio_ring[], uio_wait_event[];

static struct ivshmem_dev dev;
/*
 * Interrupt events as a UIO driver reads them, in a page of their own
 * that EL0 may read: [0] interrupts of the device, [1] those of them
 * that arrived while EL0 ran.
 */
static volatile u32 events[1024] __aligned(4096);
/* the registers' 2 MiB, the shared memory's 2 MiB and its GiB: 3 */
static struct mmu_table user_tables[4];
static unsigned int checks, failed;

static void check(bool ok, const char *what, u64 got, u64 want)
{
	checks++;
	if (ok)
		return;
	failed++;
	printf("ivshmem-uio: FAIL: %s: 0x%llx, expected 0x%llx\n", what,
	       (unsigned long long)got, (unsigned long long)want);
}

static void check_eq(const char *what, u64 got, u64 want)
{
	check(got == want, what, got, want);
}

static volatile u32 *out_word(u32 peer)
{
	return (volatile u32 *)ivshmem_output(&dev, peer);
}

static bool peer_state_is(void *arg)
{
	return ivshmem_peer_state(&dev, dev.id ^ 1) == *(u32 *)arg;
}

/* Counts the device's interrupts for the EL0 driver, then as usual. */
static void uio_irq(u32 intid, u64 entry_ticks)
{
	if (intid == dev.intid) {
		events[0]++;
		/* SPSR_EL1 still holds the interrupted PSTATE: M = 0 is EL0t */
		if (!(read_sysreg(spsr_el1) & 0xf))
			events[1]++;
	}
	ivshmem_default_irq(intid, entry_ticks);
}

static bool wait_peer_state(u32 state)
{
	if (ivshmem_wait(peer_state_is, &state, WAIT_US))
		return true;
	printf("ivshmem-uio: peer %u: peer %u never reached state %u\n",
	       dev.id, dev.id ^ 1, state);
	return false;
}

/* An EL0 read that must fault at stage 1 with a permission fault. */
static void expect_el0_fault(const char *what, unsigned long addr)
{
	struct user_result r;
	u64 arg = addr;
	bool ok = user_call((unsigned long)uio_read32, 0, &arg, 1, &r);

	check(!ok && ESR_EC(r.esr) == EC_DABT_LOWER &&
	      (r.esr & DFSC_PERM_MASK) == DFSC_PERM && r.far == addr,
	      what, r.esr, EC_DABT_LOWER);
	if (!ok)
		printf("ivshmem-uio: peer 0: EL0 %s: fault "
		       "(ESR 0x%llx, FAR 0x%llx)\n", what,
		       (unsigned long long)r.esr,
		       (unsigned long long)r.far);
}

static bool ready_and_irq(void *arg)
{
	(void)arg;
	return ivshmem_peer_state(&dev, 1) == STATE_READY && events[0] >= 1;
}

static int driver_at_el0(void)
{
	unsigned long shm_end = ivshmem_output(&dev, dev.peers);
	struct user_result r;
	u64 args[6];
	const char *err;
	u32 seen;
	bool ok;

	mmu_add_tables(user_tables, ARRAY_SIZE(user_tables));
	err = mmu_map_user((unsigned long)uio_el0_start,
			   (unsigned long)uio_el0_end, MMU_USER_RX);
	if (err) {
		printf("ivshmem-uio: peer 0: cannot map the code for EL0: %s\n",
		       err);
		return 1;
	}
	/* without the option, the register page is not EL0's */
	expect_el0_fault("read of the register page before mapping",
			 dev.regs);
	err = mmu_map_user(dev.regs, dev.regs + 0x1000, MMU_USER_RW);
	if (!err)
		err = mmu_map_user(dev.state_table, shm_end, MMU_USER_RW);
	if (err) {
		printf("ivshmem-uio: peer 0: cannot map for EL0: %s\n", err);
		return 1;
	}
	/* the configuration space stays the "kernel's" */
	expect_el0_fault("read of the configuration space", dev.cfg);

	err = mmu_map_user((unsigned long)events,
			   (unsigned long)events + sizeof(events), MMU_USER_RW);
	if (err) {
		printf("ivshmem-uio: peer 0: cannot map the events: %s\n",
		       err);
		return 1;
	}
	/* peer 1 ready, and its state-change interrupt taken */
	if (!ivshmem_wait(ready_and_irq, NULL, WAIT_US)) {
		printf("ivshmem-uio: peer 0: peer 1 never got ready\n");
		return 1;
	}
	/*
	 * From here until peer 1's acknowledgement arrives, interrupts stay
	 * masked at EL1 and open at EL0: the acknowledgement is taken while
	 * EL0 runs, as a UIO driver waiting for an event would see it.
	 */
	seen = events[0];
	irq_disable();
	args[0] = dev.regs;
	args[1] = dev.state_table;
	args[2] = ivshmem_output(&dev, 0);
	args[3] = ivshmem_output(&dev, 1);
	args[4] = STATE_FROM_EL0;
	args[5] = WORD_FROM_EL0;
	ok = user_call((unsigned long)uio_touch, 0, args, 6, &r);
	check(ok, "uio_touch ended by svc #0", r.esr, 0);
	if (!ok)
		printf("ivshmem-uio: peer 0: EL0 routine faulted: "
		       "ESR 0x%llx FAR 0x%llx\n", (unsigned long long)r.esr,
		       (unsigned long long)r.far);
	check_eq("EL0: ID", r.x[0], 0);
	check_eq("EL0: max peers", r.x[1], 2);
	check_eq("EL0: state before", r.x[2], 0);
	check_eq("EL0: state read back", r.x[3], STATE_FROM_EL0);
	check_eq("EL0: my state-table slot", r.x[4], STATE_FROM_EL0);
	check_eq("EL0: peer's state-table slot", r.x[5], STATE_READY);
	check_eq("EL0: peer's output word", r.x[6], WORD_PEER1);
	check_eq("EL0: doorbell reads", r.x[7], 0);
	check_eq("EL1 sees the word written at EL0", *out_word(0),
		 WORD_FROM_EL0);
	printf("ivshmem-uio: peer 0: at EL0: ID %u, max peers %u, "
	       "state %u -> 0x%x, state table [0x%x, 0x%x], "
	       "peer word 0x%x\n", (u32)r.x[0], (u32)r.x[1], (u32)r.x[2],
	       (u32)r.x[3], (u32)r.x[4], (u32)r.x[5], (u32)r.x[6]);

	/* at EL0: wait for the interrupt of peer 1's acknowledgement */
	args[0] = (unsigned long)events;
	args[1] = seen;
	args[2] = EL0_WAIT_LOOPS;
	ok = user_call((unsigned long)uio_wait_event, 0, args, 3, &r);
	irq_enable();
	check(ok, "uio_wait_event ended by svc #0", r.esr, 0);
	check(r.x[0] != seen, "EL0: an interrupt event", r.x[0], seen + 1);
	check(events[1] >= 1, "interrupts taken at EL0", events[1], 1);
	check_eq("peer 1's state after the event", ivshmem_peer_state(&dev, 1),
		 STATE_ACK);
	printf("ivshmem-uio: peer 0: at EL0: event %u (peer 1 state %u), "
	       "%u interrupt(s) taken at EL0\n", (u32)r.x[0],
	       ivshmem_peer_state(&dev, 1), events[1]);

	/* peer 1 took the state-change interrupt: now the doorbell alone */
	args[0] = dev.regs;
	args[1] = 1u << 16;	/* peer 1, vector 0 */
	ok = user_call((unsigned long)uio_ring, 0, args, 2, &r);
	check(ok, "uio_ring ended by svc #0", r.esr, 0);
	check_eq("EL0: interrupt control", r.x[0], 1);
	if (!wait_peer_state(STATE_DONE))
		return 1;
	check_eq("state table after the doorbell", ivshmem_peer_state(&dev, 0),
		 STATE_FROM_EL0);
	printf("ivshmem-uio: peer 0: %u checks at EL0, %u failed\n", checks,
	       failed);
	return failed ? 1 : 0;
}

static bool el0_state_and_irq(void *arg)
{
	(void)arg;
	return ivshmem_peer_state(&dev, 0) == STATE_FROM_EL0 && dev.irqs >= 1;
}

static bool another_irq(void *arg)
{
	return dev.irqs > *(u32 *)arg;
}

/* Peer 1, at EL1: sees what the EL0 driver did. */
static int observer(void)
{
	u32 irqs;

	*out_word(1) = WORD_PEER1;
	ivshmem_set_state(&dev, STATE_READY);
	if (!ivshmem_wait(el0_state_and_irq, NULL, WAIT_US)) {
		printf("ivshmem-uio: peer 1: no state change from peer 0 "
		       "(state 0x%x, %u interrupts)\n",
		       ivshmem_peer_state(&dev, 0), dev.irqs);
		return 1;
	}
	printf("ivshmem-uio: peer 1: peer 0 set state 0x%x from EL0, "
	       "interrupt %u, word 0x%x\n", ivshmem_peer_state(&dev, 0),
	       dev.irqs, *out_word(0));
	irqs = dev.irqs;
	ivshmem_set_state(&dev, STATE_ACK);
	if (!ivshmem_wait(another_irq, &irqs, WAIT_US)) {
		printf("ivshmem-uio: peer 1: no doorbell from peer 0\n");
		return 1;
	}
	printf("ivshmem-uio: peer 1: doorbell rung from EL0: interrupt %u, "
	       "state still 0x%x\n", dev.irqs, ivshmem_peer_state(&dev, 0));
	ivshmem_set_state(&dev, STATE_DONE);
	/* stay until peer 0 has seen it (its cell ends: state 0) */
	irqs = 0;
	if (!ivshmem_wait(peer_state_is, &irqs, WAIT_US)) {
		printf("ivshmem-uio: peer 1: peer 0 did not finish\n");
		return 1;
	}
	printf("ivshmem-uio: peer 1: peer 0 went down (state 0)\n");
	return 0;
}

int inmate_main(void)
{
	if (ivshmem_find(&dev, 0, 0) || dev.peers != 2) {
		printf("ivshmem-uio: no 2-peer ivshmem device\n");
		return 1;
	}
	printf("ivshmem-uio: peer %u of %u, register page 0x%lx, INTID %u\n",
	       dev.id, dev.peers, dev.regs, dev.intid);
	irq_set_handler(uio_irq);
	ivshmem_irq_enable(&dev, false);
	return dev.id == 0 ? driver_at_el0() : observer();
}
