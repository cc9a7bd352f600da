// SPDX-License-Identifier: GPL-2.0-only
/*
 * ivshmem 2.0: the inter-cell shared-memory device (doc/ivshmem.md).
 *
 * The shared memory itself is ordinary stage-2 mapped memory (state
 * table read-only for everybody, read/write section, output sections
 * writable only by their owner); the hypervisor checks those permissions
 * at boot and then stays out of the data path. What it emulates is the
 * PCI configuration space (through vpci.c) and the one-page register
 * block behind BAR0, which traps on every access: ID, max peers,
 * interrupt control, doorbell and state. A peer's state is also written
 * to its slot of the state table, so peers read each other's state
 * without a trap.
 *
 * Interrupts are INTx by default: on Arm, line SPI 32 + vpci_irq_base +
 * pin - 1 of the receiving cell, which must own that SPI and which no
 * physical device may drive. The hypervisor raises it by setting it
 * pending in the distributor; the normal interrupt path then injects it
 * into the cell, with the cell's own enable, priority and routing applied.
 *
 * When the image gives the device MSI-X vectors and a BAR1 mask, the
 * device also offers an MSI-X capability and a table behind BAR1, both
 * emulated here. Once the cell enables MSI-X, vector N of a doorbell (and
 * vector 0 for a state change) is delivered through table entry N instead
 * of INTx: the message must name the platform's MSI doorbell address
 * (on Arm the GICv2m SETSPI_NSR register) and, as data, an SPI the cell
 * owns; that SPI is then set pending like INTx. Nothing the cell wrote
 * into the table is trusted: a message failing these checks is dropped
 * with a warning, printed once per device.
 */
#include <arch.h>
#include <cell.h>
#include <ivshmem.h>
#include <printk.h>
#include <spinlock.h>
#include <string.h>
#include <vpci.h>

#define IVSHMEM_VENDOR_DEVICE	0x4106110a
#define IVSHMEM_CAP_OFFSET	0x40
#define IVSHMEM_CAP_LENGTH	0x20	/* with the base-address field */
#define PCI_CAP_ID_VENDOR	0x09
#define PCI_STATUS_CAP_LIST	0x0010
#define PCI_CMD_IO		0x0001
#define PCI_CMD_MEM		0x0002
#define PCI_CMD_MASTER		0x0004
#define PCI_CMD_INTX_OFF	0x0400
#define PCI_CMD_WRITABLE	(PCI_CMD_IO | PCI_CMD_MEM | PCI_CMD_MASTER | \
				 PCI_CMD_INTX_OFF)
#define BAR0_DEFAULT_MASK	0xfffff000u
#define CAP_CTRL_ONESHOT	0x01
#define INT_CTRL_ENABLE		0x01
#define PCI_CAP_ID_MSIX		0x11
#define MSIX_CAP_OFFSET		0x60
#define MSIX_CTRL_ENABLE	0x8000
#define MSIX_CTRL_FMASK		0x4000
#define MSIX_CTRL_WRITABLE	(MSIX_CTRL_ENABLE | MSIX_CTRL_FMASK)
#define MSIX_PBA_OFFSET		0x800	/* in BAR1, after 128 entries */
#define MSIX_VEC_MASKED		0x1
#define IVSHMEM_MSIX_MAX	8	/* vectors emulated per device */

struct msix_entry {
	u32 addr_lo, addr_hi, data, ctrl;
};

struct ivshmem_link;

struct ivshmem_endpoint {
	struct cell *cell;
	const struct jh_pci_device *dev;
	struct ivshmem_link *link;
	u32 id;
	unsigned int irq;		/* INTx SPI, 0 if the cell has none */
	u64 base;			/* guest address of the state table */
	/* emulated registers */
	u16 command;
	u8 intx_line;
	u8 cap_control;
	u32 bar0;
	u64 bar0_active;		/* where the registers trap, or 0 */
	u32 int_ctrl;
	u32 state;
	/* MSI-X, when the image offers it (msix_vectors > 0) */
	u16 msix_vectors;
	u16 msix_ctrl;			/* enable, function mask */
	u32 bar1;
	u64 bar1_active;
	bool msix_warned;		/* a bad message was reported */
	struct msix_entry msix[IVSHMEM_MSIX_MAX];
};

struct ivshmem_link {
	u64 state_phys;			/* the link's identity */
	u16 bdf;
	u32 peers;
	u64 state_size, rw_size, out_size;
	struct ivshmem_endpoint *peer[IVSHMEM_MAX_PEERS];
};

static struct ivshmem_endpoint endpoints[IVSHMEM_MAX_ENDPOINTS];
static struct ivshmem_link links[IVSHMEM_MAX_ENDPOINTS];
static unsigned int num_links;
static spinlock_t ivshmem_lock;

static void bdf_print(const char *level, const struct ivshmem_endpoint *ep,
		      const char *what)
{
	u16 bdf = ep->dev->bdf;

	printk("jh: %s: cell '%s': ivshmem %02x:%02x.%x: %s\n", level,
	       ep->cell->name, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, what);
}

static volatile u32 *state_slot(const struct ivshmem_endpoint *ep)
{
	return (volatile u32 *)(ep->link->state_phys) + ep->id;
}

/* With ivshmem_lock held: deliver @ep's MSI-X vector @vector, if valid. */
static void signal_msix(struct ivshmem_endpoint *ep, u32 vector)
{
	const struct msix_entry *e;
	u64 addr;

	if (vector >= ep->msix_vectors || (ep->msix_ctrl & MSIX_CTRL_FMASK))
		return;
	e = &ep->msix[vector];
	if (e->ctrl & MSIX_VEC_MASKED)
		return;		/* no pending bit is kept: message lost */
	addr = (u64)e->addr_hi << 32 | e->addr_lo;
	if (addr != arch_vpci_msi_doorbell() || e->data < 32 ||
	    e->data >= arch_vpci_num_irqs() ||
	    !cell_owns_irq(ep->cell, e->data)) {
		if (!ep->msix_warned)
			bdf_print("warning", ep, "MSI-X message with an "
				  "address other than the doorbell or data "
				  "not an SPI of the cell: dropped");
		ep->msix_warned = true;
		return;
	}
	asm volatile("dsb ish" : : : "memory");
	arch_vpci_raise_intx(e->data);
}

/* With ivshmem_lock held: interrupt @ep on @vector (INTx: vector 0 only). */
static void signal_peer(struct ivshmem_endpoint *ep, u32 vector)
{
	if (!ep || cell_state_terminal(ep->cell->state))
		return;
	if (ep->msix_ctrl & MSIX_CTRL_ENABLE) {
		signal_msix(ep, vector);
		return;
	}
	if (vector != 0 || !ep->irq || !(ep->int_ctrl & INT_CTRL_ENABLE) ||
	    (ep->command & PCI_CMD_INTX_OFF))
		return;
	/* the sender's stores before the doorbell are seen first */
	asm volatile("dsb ish" : : : "memory");
	arch_vpci_raise_intx(ep->irq);
	if (ep->cap_control & CAP_CTRL_ONESHOT)
		ep->int_ctrl &= ~INT_CTRL_ENABLE;
}

/* With ivshmem_lock held. */
static void set_state(struct ivshmem_endpoint *ep, u32 state)
{
	volatile u32 *slot = state_slot(ep);
	u32 old = *slot;
	unsigned int n;

	ep->state = state;
	*slot = state;
	asm volatile("dsb ish" : : : "memory");
	if (old == state)
		return;
	for (n = 0; n < ep->link->peers; n++)
		if (ep->link->peer[n] != ep)
			signal_peer(ep->link->peer[n], 0);
}

static void doorbell(struct ivshmem_endpoint *ep, u32 value)
{
	u32 vector = value & 0xffff, target = value >> 16;

	/* INTx: vector 0 only; MSI-X: the vectors of the table */
	if (target >= ep->link->peers)
		return;
	signal_peer(ep->link->peer[target], vector);
}

static enum mmio_result reg_access(void *arg, struct mmio_access *a)
{
	struct ivshmem_endpoint *ep = arg;
	u32 v = (u32)a->value;

	if (a->size != 4 || !ALIGNED(a->address, 4))
		return MMIO_DENIED;
	spin_lock(&ivshmem_lock);
	if (!a->is_write) {
		switch (a->address) {
		case IVSHMEM_REG_ID:
			a->value = ep->id;
			break;
		case IVSHMEM_REG_MAX_PEERS:
			a->value = ep->link->peers;
			break;
		case IVSHMEM_REG_INT_CTRL:
			a->value = ep->int_ctrl;
			break;
		case IVSHMEM_REG_STATE:
			a->value = ep->state;
			break;
		default:		/* doorbell is write-only; holes */
			a->value = 0;
		}
	} else {
		switch (a->address) {
		case IVSHMEM_REG_INT_CTRL:
			ep->int_ctrl = v & INT_CTRL_ENABLE;
			break;
		case IVSHMEM_REG_DOORBELL:
			doorbell(ep, v);
			break;
		case IVSHMEM_REG_STATE:
			set_state(ep, v);
			break;
		}
	}
	spin_unlock(&ivshmem_lock);
	return MMIO_HANDLED;
}

static u32 bar0_mask(const struct ivshmem_endpoint *ep)
{
	return ep->dev->bar_mask[0] ? ep->dev->bar_mask[0] :
	       BAR0_DEFAULT_MASK;
}

/* BAR1: the MSI-X table (16 bytes a vector) and the PBA, dwords only. */
static enum mmio_result msix_access(void *arg, struct mmio_access *a)
{
	struct ivshmem_endpoint *ep = arg;
	u64 off = a->address;
	u32 *field;

	if (a->size != 4 || !ALIGNED(off, 4))
		return MMIO_DENIED;
	spin_lock(&ivshmem_lock);
	if (off < (u64)ep->msix_vectors * 16) {
		field = (u32 *)&ep->msix[off / 16] + (off % 16) / 4;
		if (!a->is_write)
			a->value = *field;
		else if (off % 16 == 12)
			*field = (u32)a->value & MSIX_VEC_MASKED;
		else
			*field = (u32)a->value;
	} else if (!a->is_write) {
		/* PBA and holes: nothing is ever kept pending */
		a->value = 0;
	}
	spin_unlock(&ivshmem_lock);
	return MMIO_HANDLED;
}

static void update_one(struct ivshmem_endpoint *ep, u64 want, u64 *active,
		       u32 mask, mmio_handler_fn handler, const char *what)
{
	if (want == *active)
		return;
	if (*active)
		mmio_unregister(ep->cell, *active);
	*active = 0;
	if (!want)
		return;
	if (mmio_register(ep->cell, want, ((u64)~mask + 1) & 0xffffffffull,
			  handler, ep))
		bdf_print("warning", ep, what);
	else
		*active = want;
}

/* Trap BAR0 (registers) and BAR1 (MSI-X) while memory decoding is on. */
static void update_bar(struct ivshmem_endpoint *ep)
{
	bool mem = ep->command & PCI_CMD_MEM;

	update_one(ep, mem ? ep->bar0 : 0, &ep->bar0_active, bar0_mask(ep),
		   reg_access, "no room to trap BAR0");
	if (ep->msix_vectors)
		update_one(ep, mem ? ep->bar1 : 0, &ep->bar1_active,
			   ep->dev->bar_mask[1], msix_access,
			   "no room to trap BAR1");
}

static u32 cfg_read(void *priv, unsigned int reg)
{
	struct ivshmem_endpoint *ep = priv;
	const struct ivshmem_link *l = ep->link;
	u16 proto = ep->dev->shmem_protocol;

	switch (reg) {
	case 0x00:
		return IVSHMEM_VENDOR_DEVICE;
	case 0x04:
		return ep->command | (u32)PCI_STATUS_CAP_LIST << 16;
	case 0x08:		/* class 0xff, protocol, revision 0 */
		return 0xff000000u | (u32)proto << 8;
	case 0x10:
		return ep->bar0;
	case 0x14:
		return ep->bar1;
	case 0x34:
		return IVSHMEM_CAP_OFFSET;
	case 0x3c:
		return ep->intx_line | (((ep->dev->bdf >> 3) & 3) + 1) << 8;
	case IVSHMEM_CAP_OFFSET:
		return PCI_CAP_ID_VENDOR | IVSHMEM_CAP_LENGTH << 16 |
		       (ep->msix_vectors ? MSIX_CAP_OFFSET << 8 : 0) |
		       (u32)ep->cap_control << 24;
	case IVSHMEM_CAP_OFFSET + 0x04:
		return (u32)l->state_size;
	case IVSHMEM_CAP_OFFSET + 0x08:
		return (u32)l->rw_size;
	case IVSHMEM_CAP_OFFSET + 0x0c:
		return (u32)(l->rw_size >> 32);
	case IVSHMEM_CAP_OFFSET + 0x10:
		return (u32)l->out_size;
	case IVSHMEM_CAP_OFFSET + 0x14:
		return (u32)(l->out_size >> 32);
	case IVSHMEM_CAP_OFFSET + 0x18:
		return (u32)ep->base;
	case IVSHMEM_CAP_OFFSET + 0x1c:
		return (u32)(ep->base >> 32);
	case MSIX_CAP_OFFSET:
		if (!ep->msix_vectors)
			return 0;
		return PCI_CAP_ID_MSIX |
		       (u32)(ep->msix_ctrl | (ep->msix_vectors - 1)) << 16;
	case MSIX_CAP_OFFSET + 4:	/* table at BAR1 offset 0 */
		return ep->msix_vectors ? 1 : 0;
	case MSIX_CAP_OFFSET + 8:	/* PBA in BAR1 too */
		return ep->msix_vectors ? MSIX_PBA_OFFSET | 1 : 0;
	default:		/* other BARs, holes: no BAR2 */
		return 0;
	}
}

static void cfg_write(void *priv, unsigned int reg, u32 value, u32 mask)
{
	struct ivshmem_endpoint *ep = priv;

	spin_lock(&ivshmem_lock);
	switch (reg) {
	case 0x04:
		ep->command = (u16)((ep->command & ~mask) |
				    (value & mask & PCI_CMD_WRITABLE));
		update_bar(ep);
		break;
	case 0x10:
		/* sizing writes all ones and reads the mask back */
		ep->bar0 = ((ep->bar0 & ~mask) | (value & mask)) &
			   bar0_mask(ep);
		update_bar(ep);
		break;
	case 0x14:
		if (!ep->msix_vectors)
			break;
		ep->bar1 = ((ep->bar1 & ~mask) | (value & mask)) &
			   ep->dev->bar_mask[1];
		update_bar(ep);
		break;
	case MSIX_CAP_OFFSET:
		if (ep->msix_vectors && (mask & 0xffff0000u)) {
			u32 old = (u32)ep->msix_ctrl << 16;

			ep->msix_ctrl = (u16)(((old & ~mask) |
					       (value & mask)) >> 16) &
					MSIX_CTRL_WRITABLE;
		}
		break;
	case 0x3c:
		if (mask & 0xff)
			ep->intx_line = (u8)value;
		break;
	case IVSHMEM_CAP_OFFSET:
		if (mask & 0xff000000u)
			ep->cap_control = (value >> 24) & CAP_CTRL_ONESHOT;
		break;
	}
	spin_unlock(&ivshmem_lock);
}

static const struct vpci_ops ivshmem_vpci_ops = {
	.cfg_read = cfg_read,
	.cfg_write = cfg_write,
};

/* The regions from shmem_regions_start must form the documented layout. */
static const char *layout_problem(const struct ivshmem_endpoint *ep)
{
	const struct jh_cell_desc *d = ep->cell->desc;
	const struct jh_memory *m = jh_cell_mem_regions(d) +
				    ep->dev->shmem_regions_start;
	u32 peers = ep->dev->shmem_peers, n;
	u64 virt;

	if (peers < 2 || peers > IVSHMEM_MAX_PEERS)
		return "number of peers not 2..8";
	if (ep->dev->shmem_dev_id >= peers)
		return "peer id not below the number of peers";
	if ((u64)ep->dev->shmem_regions_start + 2 + peers >
	    d->num_memory_regions)
		return "fewer memory regions than the layout needs";
	if (!m[0].size)
		return "the state table is empty";
	if (m[0].flags & JH_MEM_WRITE)
		return "the state table is writable (only the hypervisor "
		       "writes it)";
	if (!(m[0].flags & JH_MEM_READ))
		return "the state table is not readable";
	virt = m[0].virt_start;
	for (n = 0; n < 2 + peers; n++) {
		if (m[n].flags & (JH_MEM_IO | JH_MEM_COMM_REGION))
			return "a shared-memory region is I/O or comm region";
		if (m[n].size && m[n].virt_start != virt)
			return "shared-memory regions not contiguous";
		virt += m[n].size;
	}
	for (n = 0; n < peers; n++) {
		const struct jh_memory *out = &m[2 + n];

		if (out->size != m[2].size)
			return "output sections of different sizes";
		if (n != ep->dev->shmem_dev_id && (out->flags & JH_MEM_WRITE))
			return "another peer's output section is writable";
	}
	return NULL;
}

static int join_link(struct ivshmem_endpoint *ep)
{
	const struct jh_memory *m = jh_cell_mem_regions(ep->cell->desc) +
				    ep->dev->shmem_regions_start;
	struct ivshmem_link *l = NULL;
	unsigned int n;
	u64 phys;
	int err;

	for (n = 0; n < num_links; n++)
		if (links[n].state_phys == m[0].phys_start)
			l = &links[n];
	if (!l) {
		l = &links[num_links++];
		l->state_phys = m[0].phys_start;
		l->bdf = ep->dev->bdf;
		l->peers = ep->dev->shmem_peers;
		l->state_size = m[0].size;
		l->rw_size = m[1].size;
		l->out_size = m[2].size;
		/* the hypervisor writes the state table */
		err = arch_map_hv_ram(l->state_phys, l->state_size);
		if (err)
			return err;
		for (n = 0; n < l->state_size / sizeof(u32); n++)
			((volatile u32 *)l->state_phys)[n] = 0;
	}
	if (l->bdf != ep->dev->bdf || l->peers != ep->dev->shmem_peers ||
	    l->state_size != m[0].size || l->rw_size != m[1].size ||
	    l->out_size != m[2].size) {
		bdf_print("boot error", ep, "BDF, peers or section sizes "
			  "differ from another peer of the link");
		return -EINVAL;
	}
	if (l->peer[ep->id]) {
		bdf_print("boot error", ep, "peer id already used by "
			  "another cell");
		return -EEXIST;
	}
	for (n = 0, phys = l->state_phys; n < 2 + l->peers; n++) {
		if (m[n].size && m[n].phys_start != phys) {
			bdf_print("boot error", ep, "shared memory not at the "
				  "same physical place as another peer's");
			return -EINVAL;
		}
		phys += m[n].size;
	}
	l->peer[ep->id] = ep;
	ep->link = l;
	return 0;
}

int ivshmem_endpoint_create(struct cell *cell,
			    const struct jh_pci_device *dev)
{
	struct ivshmem_endpoint *ep;
	const char *problem;
	unsigned int n;
	u64 irq;
	int err;

	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS && endpoints[n].cell; n++)
		;
	if (n == IVSHMEM_MAX_ENDPOINTS) {
		printk("jh: boot error: cell '%s': more than %u ivshmem "
		       "devices in the system\n", cell->name,
		       IVSHMEM_MAX_ENDPOINTS);
		return -ENOMEM;
	}
	ep = &endpoints[n];
	memset(ep, 0, sizeof(*ep));
	ep->cell = cell;
	ep->dev = dev;
	ep->id = dev->shmem_dev_id;
	problem = layout_problem(ep);
	if (problem) {
		bdf_print("boot error", ep, problem);
		ep->cell = NULL;
		return -EINVAL;
	}
	ep->base = jh_cell_mem_regions(cell->desc)
		   [dev->shmem_regions_start].virt_start;
	/* MSI-X needs a BAR1 that holds table and PBA */
	if (dev->num_msix_vectors && dev->bar_mask[1] &&
	    (u64)((~dev->bar_mask[1] + 1) & 0xffffffffu) >
	    MSIX_PBA_OFFSET) {
		ep->msix_vectors = dev->num_msix_vectors;
		if (ep->msix_vectors > IVSHMEM_MSIX_MAX) {
			bdf_print("warning", ep, "more MSI-X vectors than "
				  "emulated: offering 8");
			ep->msix_vectors = IVSHMEM_MSIX_MAX;
		}
		for (n = 0; n < IVSHMEM_MSIX_MAX; n++)
			ep->msix[n].ctrl = MSIX_VEC_MASKED;
	} else if (dev->num_msix_vectors) {
		bdf_print("warning", ep, "MSI-X vectors without a BAR1 of "
			  "at least 4 KiB: INTx only");
	}
	irq = 32 + (u64)cell->desc->vpci_irq_base + ((dev->bdf >> 3) & 3);
	if (irq < arch_vpci_num_irqs() && cell_owns_irq(cell, (u32)irq))
		ep->irq = (unsigned int)irq;
	else
		bdf_print("warning", ep, "the cell does not own its INTx "
			  "SPI (32 + vpci_irq_base + pin - 1): no "
			  "interrupts");
	err = join_link(ep);
	if (err) {
		ep->cell = NULL;
		return err;
	}
	err = vpci_add_device(cell, dev->bdf, &ivshmem_vpci_ops, ep);
	if (err) {
		ep->link->peer[ep->id] = NULL;
		ep->cell = NULL;
	}
	return err;
}

void ivshmem_links_report(void)
{
	unsigned int n, p, present;

	for (n = 0; n < num_links; n++) {
		const struct ivshmem_link *l = &links[n];

		for (p = 0, present = 0; p < l->peers; p++)
			present += l->peer[p] != NULL;
		printk("jh: ivshmem %02x:%02x.%x: %u of %u peers, %lu KiB "
		       "state, %lu KiB read/write, %lu KiB output each\n",
		       l->bdf >> 8, (l->bdf >> 3) & 0x1f, l->bdf & 7,
		       present, l->peers, l->state_size >> 10,
		       l->rw_size >> 10, l->out_size >> 10);
	}
}

void ivshmem_cell_disconnect(struct cell *cell, bool reset)
{
	unsigned int n, n2;

	spin_lock(&ivshmem_lock);
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++) {
		struct ivshmem_endpoint *ep = &endpoints[n];

		if (ep->cell != cell)
			continue;
		ep->int_ctrl = 0;
		set_state(ep, 0);
		if (!reset)
			continue;
		ep->command = 0;
		ep->bar0 = 0;
		ep->intx_line = 0;
		ep->cap_control = 0;
		ep->bar1 = 0;
		ep->msix_ctrl = 0;
		for (n2 = 0; n2 < IVSHMEM_MSIX_MAX; n2++) {
			memset(&ep->msix[n2], 0, sizeof(ep->msix[n2]));
			ep->msix[n2].ctrl = MSIX_VEC_MASKED;
		}
		update_bar(ep);
	}
	spin_unlock(&ivshmem_lock);
}

void ivshmem_cell_remove(struct cell *cell)
{
	unsigned int n;

	ivshmem_cell_disconnect(cell, true);
	spin_lock(&ivshmem_lock);
	for (n = 0; n < IVSHMEM_MAX_ENDPOINTS; n++) {
		struct ivshmem_endpoint *ep = &endpoints[n];

		if (ep->cell != cell)
			continue;
		if (ep->link && ep->link->peer[ep->id] == ep)
			ep->link->peer[ep->id] = NULL;
		ep->cell = NULL;
	}
	spin_unlock(&ivshmem_lock);
}
