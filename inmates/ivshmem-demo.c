// SPDX-License-Identifier: GPL-2.0-only
/*
 * ivshmem-demo: two cells exchange messages over an ivshmem 2.0 link and
 * count round trips. Peer 0 sends "ping <n>", peer 1 answers "pong <n>";
 * both are woken by doorbell interrupts (wfi), never by polling. At the
 * end peer 0 sends "bye", peer 1 shuts its cell down, and peer 0 must see
 * that as a state change (its slot in the state table drops to 0).
 *
 * Built as ivshmem-bench with -DIVSHMEM_BENCH: peer 0 streams messages
 * one way without waiting for answers and prints messages and bytes per
 * second of the virtual counter.
 *
 * Built as ivshmem-attack with -DIVSHMEM_ATTACK: the peer joins, then
 * writes into the other peer's output section, which the hypervisor maps
 * read-only for it: the cell must be stopped.
 *
 * Built as ivshmem-msix with -DIVSHMEM_MSIX: both peers program the MSI-X
 * table of BAR1 (GICv2m messages naming SPIs they own), see their own
 * doorbells and each other's doorbell and state change arrive through
 * MSI-X and never through INTx, and see masked vectors and bad messages
 * (wrong address, an SPI they do not own) dropped.
 *
 * Output (peer 0):
 *   ivshmem-demo: peer 0 of 2, device 00:01.0, INTID 141, output 16384 bytes
 *   ivshmem-demo: peer 0: 100 round trips, ... interrupts
 *   ivshmem-demo: peer 0: peer 1 went down (state 0)
 */
#include "rt.h"
#include "ivshmem.h"

#ifndef DEMO_ROUNDS
#define DEMO_ROUNDS		100
#endif
#ifndef BENCH_MESSAGES
#define BENCH_MESSAGES		2000
#endif
#define BENCH_SIZE		256
#define WAIT_US			2000000	/* 2 s of virtual time */
#define STATE_READY		1

#if defined(IVSHMEM_MSIX)
#define MODE			MODE_MSIX
#elif defined(IVSHMEM_RESET)
#define MODE			MODE_RESET
#elif defined(IVSHMEM_PROBE)
#define MODE			MODE_PROBE
#elif defined(IVSHMEM_ATTACK)
#define MODE			MODE_ATTACK
#elif defined(IVSHMEM_BENCH)
#define MODE			MODE_BENCH
#else
#define MODE			MODE_DEMO
#endif
enum { MODE_DEMO, MODE_BENCH, MODE_ATTACK, MODE_PROBE, MODE_RESET,
       MODE_MSIX };

static struct ivshmem_dev dev;
static struct ivq q;
#if defined(IVSHMEM_MSIX)
static const char *name = "ivshmem-msix";
#elif defined(IVSHMEM_RESET)
static const char *name = "ivshmem-reset";
#elif defined(IVSHMEM_PROBE)
static const char *name = "ivshmem-probe";
#elif defined(IVSHMEM_ATTACK)
static const char *name = "ivshmem-attack";
#elif defined(IVSHMEM_BENCH)
static const char *name = "ivshmem-bench";
#else
static const char *name = "ivshmem-demo";
#endif

static bool peer_ready(void *arg)
{
	(void)arg;
	return ivshmem_peer_state(&dev, q.peer) == STATE_READY &&
	       ivq_peer_ready(&q);
}

static bool peer_gone(void *arg)
{
	(void)arg;
	return ivshmem_peer_state(&dev, q.peer) == 0;
}

/* A message is waiting, or the peer left. */
static bool msg_or_gone(void *arg)
{
	return ivq_pending(&q) || peer_gone(arg);
}

static int recv_msg(char *buf, u32 size)
{
	int len;

	if (!ivshmem_wait(msg_or_gone, NULL, WAIT_US) || !ivq_pending(&q))
		return -1;
	len = ivq_recv(&q, buf, size - 1);
	if (len >= 0)
		buf[len < (int)size ? len : (int)size - 1] = 0;
	return len;
}

static bool send_msg(const char *text)
{
	u32 len = 0;

	while (text[len])
		len++;
	if (!ivq_send(&q, text, len))
		return false;
	ivshmem_notify(&dev, q.peer);
	return true;
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static bool starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

static int ping(void)
{
	char buf[64], want[32];
	u64 start = timer_now(), ticks;
	unsigned int n;

	for (n = 0; n < DEMO_ROUNDS; n++) {
		snprintf(buf, sizeof(buf), "ping %u", n);
		snprintf(want, sizeof(want), "pong %u", n);
		if (!send_msg(buf) || recv_msg(buf, sizeof(buf)) < 0) {
			printf("%s: peer %u: round %u: no answer\n", name,
			       dev.id, n);
			return 1;
		}
		if (!str_eq(buf, want)) {
			printf("%s: peer %u: round %u: got '%s'\n", name,
			       dev.id, n, buf);
			return 1;
		}
	}
	ticks = timer_now() - start;
	printf("%s: peer %u: %u round trips, %llu ticks each, "
	       "%u interrupts\n", name, dev.id, n,
	       (unsigned long long)(ticks / n), dev.irqs);
	return 0;
}

static int pong(void)
{
	char buf[64];
	unsigned int n = 0;

	for (;;) {
		if (recv_msg(buf, sizeof(buf)) < 0) {
			printf("%s: peer %u: nothing received\n", name,
			       dev.id);
			return 1;
		}
		if (starts_with(buf, "bye"))
			break;
		if (!starts_with(buf, "ping ")) {
			printf("%s: peer %u: got '%s'\n", name, dev.id, buf);
			return 1;
		}
		buf[1] = 'o';
		if (!send_msg(buf))
			return 1;
		n++;
	}
	printf("%s: peer %u: answered %u pings, %u interrupts\n", name,
	       dev.id, n, dev.irqs);
	return 0;
}

static bool space_or_gone(void *arg)
{
	return ivq_space(&q) >= 4 + BENCH_SIZE || peer_gone(arg);
}

static int bench_send(void)
{
	static char msg[BENCH_SIZE];
	u64 start = timer_now(), ticks, freq = timer_frequency();
	unsigned int n;

	for (n = 0; n < BENCH_MESSAGES; n++) {
		msg[0] = (char)n;
		while (!ivq_send(&q, msg, BENCH_SIZE)) {
			ivshmem_notify(&dev, q.peer);
			if (!ivshmem_wait(space_or_gone, NULL, WAIT_US) ||
			    peer_gone(NULL))
				return 1;
		}
		/* one doorbell per batch of 8 keeps interrupts affordable */
		if (n % 8 == 7)
			ivshmem_notify(&dev, q.peer);
	}
	ivshmem_notify(&dev, q.peer);
	/* the receiver answers once it has taken everything */
	if (recv_msg(msg, sizeof(msg)) < 0)
		return 1;
	ticks = timer_now() - start;
	if (!ticks)
		ticks = 1;
	printf("%s: %u messages of %u bytes in %llu ticks at %llu Hz\n",
	       name, n, BENCH_SIZE, (unsigned long long)ticks,
	       (unsigned long long)freq);
	/* under -icount these are per second of virtual time */
	printf("%s: %llu messages/s, %llu bytes/s\n", name,
	       (unsigned long long)(n * freq / ticks),
	       (unsigned long long)((u64)n * BENCH_SIZE * freq / ticks));
	return 0;
}

static int bench_receive(void)
{
	static char msg[BENCH_SIZE + 1];
	unsigned int n;

	for (n = 0; n < BENCH_MESSAGES; n++) {
		if (!ivshmem_wait(msg_or_gone, NULL, WAIT_US) ||
		    ivq_recv(&q, msg, BENCH_SIZE) != BENCH_SIZE ||
		    msg[0] != (char)n)
			return 1;
		/* the sender may wait for room */
		if (n % 8 == 7)
			ivshmem_notify(&dev, q.peer);
	}
	send_msg("done");
	printf("%s: peer %u: received %u messages\n", name, dev.id, n);
	return 0;
}

/* --- ivshmem-probe: the device as doc/ivshmem.md specifies it --------- */

static unsigned int checks, failures;

static void check(bool ok, const char *what, u64 got)
{
	checks++;
	if (ok)
		return;
	failures++;
	printf("%s: FAIL %s (got 0x%llx)\n", name, what,
	       (unsigned long long)got);
}

static u16 read16(unsigned long addr)
{
	u16 v;

	__asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static bool irq_seen(void *arg)
{
	return dev.irqs != *(u32 *)arg;
}

/* Ring our own doorbell; true if the interrupt arrived. */
static bool self_doorbell(void)
{
	u32 before = dev.irqs;

	ivshmem_notify(&dev, dev.id);
	return ivshmem_wait(irq_seen, &before, 20000);
}

/* Trapped MMIO accesses of this CPU so far (cpu get info 1001). */
static u64 mmio_exits(void)
{
	return (u64)jh_hc_cpu_get_info(cpu_hw_number(),
				       JH_CPU_INFO_STAT_BASE +
				       JH_CPU_STAT_VMEXITS_MMIO);
}

static int probe(void)
{
	unsigned long ecam = comm_region()->pci_mmconfig_base;
	unsigned long cfg = ecam + (1UL << 15), regs, moved;
	u64 traps;
	u32 v;
	unsigned int n;

	/* configuration space before the driver touched it */
	v = mmio_read32(ecam);
	check(v == 0xffffffff, "absent function 00:00.0 reads ones", v);
	v = read16(ecam + 2);
	check(v == 0xffff, "absent function, 16-bit read", v);
	v = mmio_read32(cfg);
	check(v == 0x4106110a, "vendor/device", v);
	v = read16(cfg + 2);
	check(v == 0x4106, "device id, 16-bit read", v);
	v = mmio_read8(cfg);
	check(v == 0x0a, "vendor low byte, 8-bit read", v);
	v = read16(cfg + 6);
	check(v == 0x0010, "status: capability list", v);
	v = mmio_read32(cfg + 8);
	check(v == 0xff000000, "class ff, protocol 0 (undefined), rev 0", v);
	mmio_write32(cfg + 4, 0xffff);
	v = read16(cfg + 4);
	check(v == 0x0407, "command: only I/O, memory, master, INTx-off", v);
	mmio_write32(cfg + 4, 0);
	mmio_write32(cfg + 0x10, 0xffffffff);
	v = mmio_read32(cfg + 0x10);
	check(v == 0xfffff000, "BAR0 sizing: 4 KiB", v);
	for (n = 1; n < 6; n++) {
		mmio_write32(cfg + 0x10 + 4 * n, 0xffffffff);
		v = mmio_read32(cfg + 0x10 + 4 * n);
		check(v == 0, "BAR1-5 not implemented", v);
	}
	v = mmio_read32(cfg + 0x34);
	check(v == 0x40, "capability pointer", v);
	v = mmio_read32(cfg + 0x40);
	check((v & 0x00ffffff) == 0x200009, "vendor capability, length", v);
	mmio_write8(cfg + 0x43, 0xff);
	v = mmio_read8(cfg + 0x43);
	check(v == 1, "capability control: only one-shot writable", v);
	mmio_write8(cfg + 0x43, 0);
	v = (mmio_read32(cfg + 0x3c) >> 8) & 0xff;
	check(v == 2, "interrupt pin INTB for device 1", v);
	check(mmio_read32(cfg + 0x44) == 0x1000, "state table size",
	      mmio_read32(cfg + 0x44));
	check(mmio_read32(cfg + 0x48) == 0x1000, "read/write size",
	      mmio_read32(cfg + 0x48));

	/* the driver: BAR sizing, placement, memory decoding, capability */
	if (ivshmem_find(&dev, 0, 0)) {
		printf("%s: FAIL driver did not find the device\n", name);
		return 1;
	}
	regs = dev.regs;
	check(dev.out_size == 0x4000, "output section size", dev.out_size);
	check(dev.state_table == 0x70000000, "base address",
	      dev.state_table);
	check(dev.id == 0 && dev.peers == 2, "ID 0, max peers 2",
	      dev.id << 8 | dev.peers);
	v = mmio_read32(regs + IVSHMEM_REG_DOORBELL);
	check(v == 0, "doorbell reads 0", v);
	v = mmio_read32(regs + 0x14);
	check(v == 0, "register hole reads 0", v);
	mmio_write32(regs + IVSHMEM_REG_INT_CTRL, 0xffffffff);
	v = mmio_read32(regs + IVSHMEM_REG_INT_CTRL);
	check(v == 1, "interrupt control: bit 0 only", v);
	mmio_write32(regs + IVSHMEM_REG_INT_CTRL, 0);

	/* state: register and state table (read without a trap) */
	ivshmem_set_state(&dev, 0x1234);
	v = mmio_read32(regs + IVSHMEM_REG_STATE);
	check(v == 0x1234, "state register", v);
	v = ivshmem_peer_state(&dev, 0);
	check(v == 0x1234, "own slot of the state table", v);
	v = ivshmem_peer_state(&dev, 1);
	check(v == 0, "absent peer's slot is 0", v);
	/* the state table is plain memory, the registers trap */
	traps = mmio_exits();
	for (n = 0; n < 10; n++)
		v += ivshmem_peer_state(&dev, n & 1);
	check(mmio_exits() == traps, "state table read without a trap",
	      mmio_exits() - traps);
	traps = mmio_exits();
	v = mmio_read32(regs + IVSHMEM_REG_ID);
	check(mmio_exits() == traps + 1, "a register read is one trap",
	      mmio_exits() - traps);

	/* doorbell: to ourselves (INTx), absent and invalid peers */
	irq_set_handler(ivshmem_default_irq);
	ivshmem_irq_enable(&dev, false);
	check(self_doorbell(), "self doorbell raises INTx", dev.irqs);
	check(self_doorbell(), "second doorbell too", dev.irqs);
	ivshmem_notify(&dev, 1);
	mmio_write32(regs + IVSHMEM_REG_DOORBELL, 7 << 16);
	mmio_write32(regs + IVSHMEM_REG_DOORBELL, 1);	/* vector 1 */
	checks++;
	ivshmem_irq_enable(&dev, true);
	check(self_doorbell(), "one-shot: first doorbell", dev.irqs);
	v = mmio_read32(regs + IVSHMEM_REG_INT_CTRL);
	check(v == 0, "one-shot: delivery cleared the enable bit", v);
	check(!self_doorbell(), "one-shot: no second interrupt", dev.irqs);
	mmio_write32(cfg + 0x40, mmio_read32(cfg + 0x40) & 0x00ffffff);
	mmio_write32(regs + IVSHMEM_REG_INT_CTRL, 1);
	mmio_write32(cfg + 4, mmio_read32(cfg + 4) | 0x400);
	check(!self_doorbell(), "INTx disable in the command register",
	      dev.irqs);
	mmio_write32(cfg + 4, mmio_read32(cfg + 4) & ~0x400u);
	check(self_doorbell(), "INTx enabled again", dev.irqs);

	/* moving BAR0 moves the registers */
	moved = regs - 0x10000;
	mmio_write32(cfg + 0x10, (u32)moved);
	v = mmio_read32(moved + IVSHMEM_REG_MAX_PEERS);
	check(v == 2, "registers at the new BAR0 address", v);

	printf("%s: %u checks, %u failed\n", name, checks, failures);
	return failures ? 1 : 0;
}

/* --- ivshmem-msix: doorbells and state changes through MSI-X --------- */

#define MSIX_CAP		0x60
#define MSIX_DOORBELL		0x08020040UL	/* GICv2m SETSPI_NSR */
#define MSIX_BAR1_BELOW_ECAM	0x20000UL
#define MAX_COUNTED_INTID	256

static volatile u32 arrived[MAX_COUNTED_INTID];
static unsigned long msix_table;

static void count_irq(u32 intid, u64 entry_ticks)
{
	(void)entry_ticks;
	if (intid == TIMER_VIRT_INTID)
		timer_stop();
	else if (intid < MAX_COUNTED_INTID)
		arrived[intid]++;
}

struct count_wait {
	u32 intid, before;
};

static bool count_moved(void *arg)
{
	const struct count_wait *w = arg;

	return arrived[w->intid] != w->before;
}

/* Ring @peer's doorbell on @vector; true if @intid arrived here. */
static bool ring_and_see(u32 peer, u32 vector, u32 intid)
{
	struct count_wait w = { intid, arrived[intid] };

	dsb(ish);
	mmio_write32(dev.regs + IVSHMEM_REG_DOORBELL, peer << 16 | vector);
	return ivshmem_wait(count_moved, &w, 20000);
}

static void msix_entry(u32 vector, u64 addr, u32 data, u32 ctrl)
{
	unsigned long e = msix_table + vector * 16;

	mmio_write32(e, (u32)addr);
	mmio_write32(e + 4, (u32)(addr >> 32));
	mmio_write32(e + 8, data);
	mmio_write32(e + 12, ctrl);
}

static u32 total_arrived(void)
{
	u32 sum = 0, n;

	for (n = 32; n < MAX_COUNTED_INTID; n++)
		sum += arrived[n];
	return sum;
}

static bool peer_state_is(void *arg)
{
	return ivshmem_peer_state(&dev, q.peer) == *(u32 *)arg;
}

static int msix(void)
{
	unsigned long ecam = comm_region()->pci_mmconfig_base;
	u32 spi0 = dev.intid + 1, spi1 = dev.intid + 2, v, want;
	u32 other = dev.id ? 142 : 146;	/* the other peer's vector 0 */
	struct count_wait w;

	q.peer = dev.id ? 0 : 1;
	/* capability chain: vendor capability -> MSI-X */
	v = mmio_read32(dev.cfg + 0x40);
	check(((v >> 8) & 0xff) == MSIX_CAP, "vendor cap points to MSI-X", v);
	v = mmio_read32(dev.cfg + MSIX_CAP);
	check((v & 0xffff) == 0x0011, "MSI-X capability, last", v);
	check((v >> 16) == 0x0001, "table size 2, disabled, unmasked", v);
	v = mmio_read32(dev.cfg + MSIX_CAP + 4);
	check(v == 1, "table in BAR1 at offset 0", v);
	v = mmio_read32(dev.cfg + MSIX_CAP + 8);
	check(v == 0x801, "PBA in BAR1 at offset 0x800", v);
	mmio_write32(dev.cfg + 0x14, 0xffffffff);
	v = mmio_read32(dev.cfg + 0x14);
	check(v == 0xfffff000, "BAR1 sizing: 4 KiB", v);
	msix_table = ecam - MSIX_BAR1_BELOW_ECAM;
	mmio_write32(dev.cfg + 0x14, (u32)msix_table);
	v = mmio_read32(msix_table + 12);
	check(v == 1, "vector 0 masked at reset", v);
	v = mmio_read32(msix_table + 0x800);
	check(v == 0, "PBA reads 0", v);

	/* INTx stays quiet once MSI-X is on, even with INTx enabled */
	irq_set_handler(count_irq);
	gic_enable_irq(dev.intid);
	gic_enable_irq(spi0);
	gic_enable_irq(spi1);
	mmio_write32(dev.regs + IVSHMEM_REG_INT_CTRL, 1);
	msix_entry(0, MSIX_DOORBELL, spi0, 0);
	msix_entry(1, MSIX_DOORBELL, spi1, 0);
	v = mmio_read32(msix_table + 16 + 8);
	check(v == spi1, "vector 1 data reads back", v);
	mmio_write32(dev.cfg + MSIX_CAP, 0x8000u << 16);
	v = mmio_read32(dev.cfg + MSIX_CAP) >> 16;
	check(v == 0x8001, "MSI-X enabled", v);

	/*
	 * Peer 1 rings doorbells once peer 0 is done with its own (state
	 * 1), so that no interrupt of the other peer lands in the middle of
	 * them; peer 0's state change, if it came after MSI-X was enabled,
	 * wakes it on vector 0 (and is given time to arrive).
	 */
	want = 1;
	w.intid = spi0;
	w.before = 0;
	if (dev.id == 1) {
		if (!ivshmem_wait(peer_state_is, &want, 4 * WAIT_US)) {
			printf("%s: peer 1: FAIL peer 0 never came up\n",
			       name);
			return 1;
		}
		ivshmem_wait(count_moved, &w, 20000);
	}

	check(ring_and_see(dev.id, 0, spi0), "self doorbell: vector 0",
	      arrived[spi0]);
	check(ring_and_see(dev.id, 1, spi1), "self doorbell: vector 1",
	      arrived[spi1]);
	check(!ring_and_see(dev.id, 2, spi0), "vector 2 does not exist",
	      arrived[spi0]);
	check(arrived[dev.intid] == 0, "no INTx while MSI-X is on",
	      arrived[dev.intid]);
	/* a masked vector, then the whole function masked */
	mmio_write32(msix_table + 16 + 12, 1);
	check(!ring_and_see(dev.id, 1, spi1), "masked vector 1 dropped",
	      arrived[spi1]);
	mmio_write32(msix_table + 16 + 12, 0);
	mmio_write32(dev.cfg + MSIX_CAP, 0xc000u << 16);
	check(!ring_and_see(dev.id, 0, spi0), "function mask drops vector 0",
	      arrived[spi0]);
	mmio_write32(dev.cfg + MSIX_CAP, 0x8000u << 16);
	check(ring_and_see(dev.id, 0, spi0), "function unmasked again",
	      arrived[spi0]);

	/* bad messages: the hypervisor drops them (and warns once) */
	v = total_arrived();
	msix_entry(1, MSIX_DOORBELL, 33, 0);	/* the root cell's UART */
	check(!ring_and_see(dev.id, 1, 33), "SPI 33 of another cell", v);
	msix_entry(1, MSIX_DOORBELL, other, 0);
	check(!ring_and_see(dev.id, 1, other), "the other peer's SPI", v);
	msix_entry(1, MSIX_DOORBELL, 27, 0);	/* a PPI, not an SPI */
	check(!ring_and_see(dev.id, 1, 27), "a PPI as data", v);
	msix_entry(1, MSIX_DOORBELL + 4, spi1, 0);
	check(!ring_and_see(dev.id, 1, spi1), "wrong doorbell address", v);
	msix_entry(1, (u64)1 << 32 | MSIX_DOORBELL, spi1, 0);
	check(!ring_and_see(dev.id, 1, spi1), "address above 4 GiB", v);
	check(total_arrived() == v, "nothing arrived from bad messages",
	      total_arrived() - v);
	msix_entry(1, MSIX_DOORBELL, spi1, 0);
	check(ring_and_see(dev.id, 1, spi1), "vector 1 repaired",
	      arrived[spi1]);
	printf("%s: peer %u: %u checks, %u failed\n", name, dev.id, checks,
	       failures);

	/* the peers: a state change on vector 0, a doorbell on vector 1 */
	w.intid = spi0;
	w.before = arrived[spi0];
	if (dev.id == 1) {
		w.intid = spi1;
		w.before = arrived[spi1];
		ivshmem_set_state(&dev, 1);
		if (!ivshmem_wait(count_moved, &w, WAIT_US)) {
			printf("%s: peer 1: FAIL no doorbell on vector 1\n",
			       name);
			return 1;
		}
		printf("%s: peer 1: peer 0's doorbell arrived on vector 1 "
		       "(INTID %u)\n", name, spi1);
		ivshmem_set_state(&dev, 2);
		want = 0;
		ivshmem_wait(peer_state_is, &want, WAIT_US);
		return failures ? 1 : 0;
	}
	ivshmem_set_state(&dev, 1);
	want = 1;
	if (!ivshmem_wait(peer_state_is, &want, WAIT_US) ||
	    !ivshmem_wait(count_moved, &w, WAIT_US)) {
		printf("%s: peer 0: FAIL no state change on vector 0\n",
		       name);
		return 1;
	}
	printf("%s: peer 0: peer 1's state change arrived on vector 0 "
	       "(INTID %u)\n", name, spi0);
	w.before = arrived[spi0];
	dsb(ish);
	mmio_write32(dev.regs + IVSHMEM_REG_DOORBELL, 1u << 16 | 1);
	want = 2;
	if (!ivshmem_wait(peer_state_is, &want, WAIT_US)) {
		printf("%s: peer 0: FAIL peer 1 did not see vector 1\n",
		       name);
		return 1;
	}
	printf("%s: peer 0: peer 1 saw vector 1, %u INTx interrupts\n",
	       name, arrived[dev.intid]);
	return failures || arrived[dev.intid] ? 1 : 0;
}

/* --- ivshmem-reset: a peer resets its cell (PSCI SYSTEM_RESET) -------- */

#define STATE_AGAIN		2	/* peer 1 after its reset */
#define RESET_MARK		0x52534554	/* in peer 1's section */

static bool seen_down;

static bool back_again(void *arg)
{
	u32 st = ivshmem_peer_state(&dev, q.peer);

	(void)arg;
	if (st == 0)
		seen_down = true;
	return st == STATE_AGAIN && ivq_peer_ready(&q);
}

/* Peer 1: first life resets the cell, second life answers pings. */
static int reset_peer1(void)
{
	volatile u32 *mark = (volatile u32 *)(ivshmem_output(&dev, dev.id) +
					      dev.out_size - 4);

	if (*mark != RESET_MARK) {
		*mark = RESET_MARK;
		printf("%s: peer 1: resetting my cell\n", name);
		psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
		printf("%s: peer 1: SYSTEM_RESET returned\n", name);
		return 1;
	}
	*mark = 0;
	return pong();
}

/* Peer 0: sees peer 1 go down and come back, then pings it. */
static int reset_peer0(void)
{
	if (!ivshmem_wait(back_again, NULL, WAIT_US)) {
		printf("%s: peer 0: peer 1 did not come back\n", name);
		return 1;
	}
	printf("%s: peer 0: peer 1 is back (state %u)%s\n", name,
	       ivshmem_peer_state(&dev, 1),
	       seen_down ? ", went down (state 0) on the way" : "");
	/* its queue restarted from 0: so does ours */
	ivq_init(&q, &dev, 1);
	return seen_down ? ping() : 1;
}

int inmate_main(void)
{
	int ret;

	if (MODE == MODE_PROBE)
		return probe();
	if (MODE == MODE_MSIX) {
		if (ivshmem_find(&dev, 0, 0)) {
			printf("%s: no ivshmem device\n", name);
			return 1;
		}
		return msix();
	}
	if (MODE == MODE_RESET) {
		/* after a cell reset the device is back at power-on state */
		unsigned long cfg = comm_region()->pci_mmconfig_base +
				    (1UL << 15);

		printf("%s: command 0x%x, BAR0 0x%x at start\n", name,
		       mmio_read32(cfg + 4) & 0xffff, mmio_read32(cfg + 0x10));
	}
	if (ivshmem_find(&dev, 0, 0)) {
		printf("%s: no ivshmem device\n", name);
		return 1;
	}
	printf("%s: peer %u of %u, device %02x:%02x.%x, INTID %u, output "
	       "%llu bytes\n", name, dev.id, dev.peers, dev.bdf >> 8,
	       (dev.bdf >> 3) & 0x1f, dev.bdf & 7, dev.intid,
	       (unsigned long long)dev.out_size);
	irq_set_handler(ivshmem_default_irq);
	ivshmem_irq_enable(&dev, false);
	if (ivq_init(&q, &dev, dev.id ? 0 : 1)) {
		printf("%s: output sections too small\n", name);
		return 1;
	}
	if (MODE == MODE_RESET && dev.id == 1 &&
	    *(volatile u32 *)(ivshmem_output(&dev, 1) + dev.out_size - 4) ==
	    RESET_MARK) {
		/* second life: announce it with another state value */
		ivshmem_set_state(&dev, STATE_AGAIN);
		printf("%s: peer 1: back after the reset\n", name);
		ret = reset_peer1();
		goto out;
	}
	ivshmem_set_state(&dev, STATE_READY);
	if (!ivshmem_wait(peer_ready, NULL, WAIT_US)) {
		printf("%s: peer %u: peer %u never came up\n", name, dev.id,
		       q.peer);
		return 1;
	}
	printf("%s: peer %u: peer %u is up\n", name, dev.id, q.peer);
	if (MODE == MODE_ATTACK) {
		printf("%s: peer %u: writing into peer %u's output section\n",
		       name, dev.id, q.peer);
		mmio_write32(ivshmem_output(&dev, q.peer) + 0x100, 0xbad);
		printf("%s: peer %u: write was not stopped\n", name, dev.id);
		return 1;
	}
	if (MODE == MODE_RESET)
		ret = dev.id == 0 ? reset_peer0() : reset_peer1();
	else if (MODE == MODE_BENCH)
		ret = dev.id == 0 ? bench_send() : bench_receive();
	else
		ret = dev.id == 0 ? ping() : pong();
	if (ret == 0 && dev.id == 0) {
		if (!send_msg("bye"))
			return 1;
		/* the other cell shuts down: its state slot drops to 0 */
		if (!ivshmem_wait(peer_gone, NULL, WAIT_US)) {
			printf("%s: peer 0: peer 1 did not go down\n", name);
			return 1;
		}
		printf("%s: peer 0: peer 1 went down (state %u), %u "
		       "interrupts\n", name, ivshmem_peer_state(&dev, 1),
		       dev.irqs);
	}
out:
	if (ret && peer_gone(NULL))
		printf("%s: peer %u: peer %u went down (state %u)\n", name,
		       dev.id, q.peer, ivshmem_peer_state(&dev, q.peer));
	return ret;
}
