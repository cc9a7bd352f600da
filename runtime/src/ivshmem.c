// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * ivshmem 2.0 driver and message queue for inmates (doc/ivshmem.md).
 *
 * The configuration space is reached through the ECAM window whose
 * address the hypervisor puts in the comm region; the register page is
 * wherever we program BAR0. The shared sections are plain memory; the
 * runtime's stage-1 map gives them Device attributes (they are not the
 * inmate's own memory), which keeps the ordering simple but makes copies
 * slower than they could be.
 */
#include "rt.h"
#include "ivshmem.h"
#include "pci.h"

#define MAX_IRQ_DEVS		4

static struct ivshmem_dev *irq_devs[MAX_IRQ_DEVS];

/* Configuration space goes through runtime/src/pci.c. */
static u32 cfg_read(const struct ivshmem_dev *dev, unsigned int reg)
{
	return pci_read32(dev->bdf, reg);
}

static void cfg_write(const struct ivshmem_dev *dev, unsigned int reg,
		      u32 v)
{
	pci_write32(dev->bdf, reg, v);
}

static u64 cfg_read64(const struct ivshmem_dev *dev, unsigned int reg)
{
	return cfg_read(dev, reg) | (u64)cfg_read(dev, reg + 4) << 32;
}

static unsigned int find_vendor_cap(const struct ivshmem_dev *dev)
{
	return pci_find_cap(dev->bdf, PCI_CAP_ID_VENDOR);
}

int ivshmem_find(struct ivshmem_dev *dev, unsigned int index,
		 unsigned long bar0)
{
	volatile struct jh_comm_region *comm = comm_region();
	unsigned int cap;
	unsigned long ecam;
	u32 mask, pin;
	u16 bdf;

	if (!comm || !comm->pci_mmconfig_base)
		return -1;
	ecam = comm->pci_mmconfig_base;
	memset(dev, 0, sizeof(*dev));
	/* bus 0 only */
	if (pci_find(IVSHMEM_VENDOR, IVSHMEM_DEVICE, index, 0, &bdf))
		return -1;
	dev->bdf = bdf;
	dev->cfg = pci_cfg_addr(bdf, 0);
	dev->protocol = (u16)(cfg_read(dev, 0x08) >> 8);

	/* BAR0: size it (write ones, read the mask), then place it */
	if (!bar0)
		bar0 = ecam - IVSHMEM_BAR0_BELOW_ECAM(index);
	cfg_write(dev, 0x10, 0xffffffff);
	mask = cfg_read(dev, 0x10) & ~0xfu;
	if (!mask || (bar0 & ~(unsigned long)mask))
		return -1;
	cfg_write(dev, 0x10, (u32)bar0);
	cfg_write(dev, 0x04, cfg_read(dev, 0x04) | PCI_CMD_MEM);
	dev->regs = bar0;

	cap = find_vendor_cap(dev);
	if (!cap || ((cfg_read(dev, cap) >> 16) & 0xff) < 0x20)
		return -1;
	dev->state_size = cfg_read(dev, cap + 0x04);
	dev->rw_size = cfg_read64(dev, cap + 0x08);
	dev->out_size = cfg_read64(dev, cap + 0x10);
	dev->state_table = cfg_read64(dev, cap + 0x18);
	dev->rw = dev->state_table + dev->state_size;
	dev->out = dev->rw + dev->rw_size;

	pin = (cfg_read(dev, 0x3c) >> 8) & 0xff;
	dev->intid = pin ? GIC_FIRST_SPI + comm->vpci_irq_base + pin - 1 : 0;
	dev->id = mmio_read32(dev->regs + IVSHMEM_REG_ID);
	dev->peers = mmio_read32(dev->regs + IVSHMEM_REG_MAX_PEERS);
	return 0;
}

unsigned long ivshmem_output(const struct ivshmem_dev *dev, u32 peer)
{
	return dev->out + peer * dev->out_size;
}

u32 ivshmem_peer_state(const struct ivshmem_dev *dev, u32 peer)
{
	return ((volatile const u32 *)dev->state_table)[peer];
}

void ivshmem_set_state(struct ivshmem_dev *dev, u32 state)
{
	/* what we wrote before is visible before peers see the state */
	dsb(ish);
	mmio_write32(dev->regs + IVSHMEM_REG_STATE, state);
}

void ivshmem_irq_enable(struct ivshmem_dev *dev, bool one_shot)
{
	unsigned int cap = find_vendor_cap(dev), n;
	u32 hdr = cfg_read(dev, cap);

	cfg_write(dev, cap, (hdr & 0x00ffffff) | (one_shot ? 1u << 24 : 0));
	for (n = 0; n < MAX_IRQ_DEVS; n++)
		if (!irq_devs[n] || irq_devs[n] == dev) {
			irq_devs[n] = dev;
			break;
		}
	if (dev->intid)
		gic_enable_irq(dev->intid);
	mmio_write32(dev->regs + IVSHMEM_REG_INT_CTRL, 1);
}

void ivshmem_irq_disable(struct ivshmem_dev *dev)
{
	mmio_write32(dev->regs + IVSHMEM_REG_INT_CTRL, 0);
}

void ivshmem_notify(struct ivshmem_dev *dev, u32 peer)
{
	/* the message is in memory before the peer's interrupt */
	dsb(ish);
	mmio_write32(dev->regs + IVSHMEM_REG_DOORBELL, peer << 16);
}

bool ivshmem_handle_irq(struct ivshmem_dev *dev, u32 intid)
{
	if (!dev->intid || intid != dev->intid)
		return false;
	dev->irqs++;
	return true;
}

/*
 * Usable as the inmate's irq handler: counts doorbells of the devices
 * enabled with ivshmem_irq_enable() and silences the virtual timer that
 * ivshmem_wait() arms for its timeout.
 */
void ivshmem_default_irq(u32 intid, u64 entry_ticks)
{
	unsigned int n;

	(void)entry_ticks;
	if (intid == TIMER_VIRT_INTID) {
		timer_stop();
		return;
	}
	for (n = 0; n < MAX_IRQ_DEVS && irq_devs[n]; n++)
		if (ivshmem_handle_irq(irq_devs[n], intid))
			return;
}

bool ivshmem_wait(bool (*cond)(void *arg), void *arg, u64 timeout_us)
{
	u64 deadline = 0;
	bool ok;

	if (timeout_us) {
		deadline = timer_now() + timer_us_to_ticks(timeout_us);
		gic_enable_irq(TIMER_VIRT_INTID);
	}
	for (;;) {
		irq_disable();
		ok = cond(arg);
		if (ok || (deadline && timer_now() >= deadline))
			break;
		if (deadline)
			timer_set_deadline(deadline);
		/* a pending interrupt ends wfi even while masked */
		wfi();
		irq_enable();
	}
	if (deadline)
		timer_stop();
	irq_enable();
	return ok;
}

/* --- message queue ------------------------------------------------- */

/* Header at the start of each peer's output section (u32 words). */
#define IVQ_W_MAGIC		0
#define IVQ_W_CAPACITY		1
#define IVQ_W_HEAD		2	/* bytes this peer wrote, mod 2^32 */
#define IVQ_W_TAIL		3	/* bytes it took from the other */
#define IVQ_DATA_OFFSET		64

static u32 ring_capacity(u64 out_size)
{
	u32 cap = 4;

	if (out_size < IVQ_DATA_OFFSET + 8)
		return 0;
	while ((u64)cap * 2 <= out_size - IVQ_DATA_OFFSET && cap < (1u << 30))
		cap *= 2;
	return cap;
}

int ivq_init(struct ivq *q, struct ivshmem_dev *dev, u32 peer)
{
	volatile u32 *mine = (volatile u32 *)ivshmem_output(dev, dev->id);
	volatile const u32 *theirs =
		(volatile const u32 *)ivshmem_output(dev, peer);

	if (peer >= dev->peers || peer == dev->id)
		return -1;
	q->dev = dev;
	q->peer = peer;
	q->capacity = ring_capacity(dev->out_size);
	if (!q->capacity)
		return -1;
	q->tx_head = &mine[IVQ_W_HEAD];
	q->rx_tail = &mine[IVQ_W_TAIL];
	q->peer_head = &theirs[IVQ_W_HEAD];
	q->peer_tail = &theirs[IVQ_W_TAIL];
	q->tx_data = (volatile u8 *)mine + IVQ_DATA_OFFSET;
	q->rx_data = (volatile const u8 *)theirs + IVQ_DATA_OFFSET;
	q->head = 0;
	q->tail = 0;
	mine[IVQ_W_MAGIC] = 0;
	dmb(ish);
	*q->tx_head = 0;
	*q->rx_tail = 0;
	mine[IVQ_W_CAPACITY] = q->capacity;
	dmb(ish);
	mine[IVQ_W_MAGIC] = IVQ_MAGIC;
	return 0;
}

bool ivq_peer_ready(const struct ivq *q)
{
	const volatile u32 *theirs = q->peer_head - IVQ_W_HEAD;

	return theirs[IVQ_W_MAGIC] == IVQ_MAGIC &&
	       theirs[IVQ_W_CAPACITY] == q->capacity;
}

static u32 record_size(u32 len)
{
	return 4 + ((len + 3) & ~3u);
}

u32 ivq_space(const struct ivq *q)
{
	return q->capacity - (q->head - *q->peer_tail);
}

bool ivq_send(struct ivq *q, const void *msg, u32 len)
{
	const u8 *src = msg;
	u32 need = record_size(len), mask = q->capacity - 1, n;

	if (len > IVQ_MAX_MSG || need > ivq_space(q))
		return false;
	/* the consumer's tail was read before we overwrite its old data */
	dmb(ish);
	*(volatile u32 *)(q->tx_data + (q->head & mask)) = len;
	for (n = 0; n < len; n++)
		q->tx_data[(q->head + 4 + n) & mask] = src[n];
	q->head += need;
	/* data before head: the consumer reads head, then the data */
	dmb(ish);
	*q->tx_head = q->head;
	return true;
}

bool ivq_pending(const struct ivq *q)
{
	return *q->peer_head != q->tail;
}

int ivq_recv(struct ivq *q, void *buf, u32 size)
{
	u8 *dst = buf;
	u32 mask = q->capacity - 1, len, n, avail;

	avail = *q->peer_head - q->tail;
	if (!avail)
		return -1;
	dmb(ish);
	len = *(volatile const u32 *)(q->rx_data + (q->tail & mask));
	if (len > IVQ_MAX_MSG || record_size(len) > avail)
		return -1;	/* corrupt: never read past the data */
	for (n = 0; n < len && n < size; n++)
		dst[n] = q->rx_data[(q->tail + 4 + n) & mask];
	q->tail += record_size(len);
	/* done reading before the producer may reuse the space */
	dmb(ish);
	*q->rx_tail = q->tail;
	return (int)len;
}
