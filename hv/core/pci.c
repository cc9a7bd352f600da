// SPDX-License-Identifier: GPL-2.0-only
/*
 * Physical PCI devices assigned to cells (doc/pci-passthrough.md).
 *
 * The hypervisor traps every cell's ECAM window (core/vpci.c). A cell
 * sees its virtual ivshmem functions and the physical functions it owns;
 * anything else reads all ones. Reads of an owned function go to the
 * real ECAM unchanged. Writes are filtered so that a cell can drive its
 * device but cannot make it decode addresses outside the cell's memory,
 * raise message-signalled interrupts it does not own, or reach other
 * functions:
 *
 * - command register: memory decode, bus master, parity/SERR reporting
 *   and INTx disable are the cell's; I/O decode only the root cell's;
 * - BARs and the expansion ROM: all-ones (sizing, only while memory
 *   decoding is off) and 0 (unassigned) pass; any other address must
 *   put the whole BAR inside an I/O memory region of the cell that no
 *   other cell holds, else the write is refused (the BAR keeps its
 *   value) with one warning per BAR; switching memory decoding on
 *   checks every BAR the same way;
 * - capabilities (from 0x40): the root cell writes freely; a non-root
 *   cell only inside capabilities its image lists as writable, and never
 *   sets the MSI or MSI-X enable bit (no message checking yet);
 * - identification and other read-only fields: writes dropped.
 *
 * Ownership follows the Jailhouse model used for CPUs and memory: a
 * non-root cell claims the functions (type device or bridge) its image
 * lists; the root cell owns every function no live non-root cell has
 * claimed. Whenever a function changes hands, and when its cell stops
 * or is reset, its decoding and bus mastering are switched off so that
 * it cannot DMA while nobody drives it.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <pci.h>
#include <percpu.h>
#include <printk.h>
#include <spinlock.h>
#include <string.h>

#define ECAM_FN_SHIFT		12	/* bdf << 12: its page */

#define CFG_COMMAND		0x04
#define CFG_HEADER		0x0c	/* cache line, latency, type */
#define CFG_BAR0		0x10
#define CFG_ROM_TYPE0		0x30
#define CFG_ROM_TYPE1		0x38
#define CFG_CAP_PTR		0x34
#define CFG_INTX		0x3c
#define CFG_CAPS		0x40	/* capabilities start here */

#define CMD_IO			0x0001
#define CMD_MEM			0x0002
#define CMD_MASTER		0x0004
#define CMD_PARITY		0x0040
#define CMD_SERR		0x0100
#define CMD_INTX_OFF		0x0400
#define CMD_CELL		(CMD_MEM | CMD_MASTER | CMD_PARITY | \
				 CMD_SERR | CMD_INTX_OFF)
#define CMD_ACTIVE		(CMD_IO | CMD_MEM | CMD_MASTER)
#define STATUS_CAP_LIST		(0x0010u << 16)

#define BAR_IO			0x1
#define BAR_MEM64		0x4	/* memory type field 0b10 */
#define BAR_MEM_FLAGS		0xfu
#define BAR_IO_FLAGS		0x3u
#define ROM_FLAGS		0x7ffu

#define CAP_ID_MSI		0x05
#define CAP_ID_MSIX		0x11
#define MSI_ENABLE		(1u << 16)	/* message control bit 0 */
#define MSIX_ENABLE		(1u << 31)	/* control bit 15 */

/* warn-once bits */
#define WARN_BAR(n)		(1u << (n))	/* 0..5, 6 = ROM */
#define WARN_IO			(1u << 7)
#define WARN_MSI		(1u << 8)
#define WARN_CAP		(1u << 9)
#define WARN_BRIDGE		(1u << 10)
#define WARN_SLOTS		8

#define MAX_CLAIMED		64	/* physical functions per cell */

struct warned {
	bool used;
	u16 bdf;
	u16 bits;
};

struct pci_cell {
	u64 claimed;		/* bit i: the image's pci device i */
	struct warned warned[WARN_SLOTS];
};

static struct pci_cell pci_cells[MAX_CELLS];
static spinlock_t pci_lock;
static bool ecam_mapped;

bool pci_bus_is_physical(void)
{
	return boot.system->pci_mmconfig_base && !boot.system->pci_is_virtual;
}

static u64 ecam_size(void)
{
	return ((u64)boot.system->pci_mmconfig_end_bus + 1) << 20;
}

static u64 fn_base(u16 bdf)
{
	return boot.system->pci_mmconfig_base + ((u64)bdf << ECAM_FN_SHIFT);
}

static u32 rd32(u64 fn, unsigned int reg)
{
	return *(volatile u32 *)(fn + reg);
}

static u16 rd16(u64 fn, unsigned int reg)
{
	return *(volatile u16 *)(fn + reg);
}

static void wr32(u64 fn, unsigned int reg, u32 v)
{
	*(volatile u32 *)(fn + reg) = v;
}

static void wr16(u64 fn, unsigned int reg, u16 v)
{
	*(volatile u16 *)(fn + reg) = v;
}

/* A write of @size bytes at @reg (aligned), value in the low bits. */
static void wr_sized(u64 fn, unsigned int reg, unsigned int size, u32 v)
{
	if (size == 1)
		*(volatile u8 *)(fn + reg) = (u8)v;
	else if (size == 2)
		wr16(fn, reg, (u16)v);
	else
		wr32(fn, reg, v);
}

static u32 rd_sized(u64 fn, unsigned int reg, unsigned int size)
{
	if (size == 1)
		return *(volatile u8 *)(fn + reg);
	if (size == 2)
		return rd16(fn, reg);
	return rd32(fn, reg);
}

static void print_bdf(u16 bdf)
{
	printk("%02x:%02x.%x", bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
}

/* Print "jh: warning: cell 'X' CPU n: PCI bb:dd.f: " once per @bit. */
static bool warn_once(struct cell *cell, u16 bdf, u16 bit)
{
	struct warned *w = pci_cells[cell->id].warned, *slot = NULL;
	unsigned int n;

	for (n = 0; n < WARN_SLOTS; n++) {
		if (w[n].used && w[n].bdf == bdf) {
			slot = &w[n];
			break;
		}
		if (!w[n].used && !slot)
			slot = &w[n];
	}
	if (slot) {
		if (slot->used && (slot->bits & bit))
			return false;
		slot->used = true;
		slot->bdf = bdf;
		slot->bits |= bit;
	}
	/* no slot left: warn every time rather than never */
	printk("jh: warning: cell '%s' CPU %u: PCI ", cell->name,
	       this_cpu()->id);
	print_bdf(bdf);
	printk(": ");
	return true;
}

static bool is_physical_fn(const struct jh_pci_device *p)
{
	return p->type == JH_PCI_TYPE_DEVICE || p->type == JH_PCI_TYPE_BRIDGE;
}

static bool claims(const struct cell *cell, u16 bdf)
{
	const struct jh_pci_device *pci = jh_cell_pci_devices(cell->desc);
	u64 claimed = pci_cells[cell->id].claimed;
	unsigned int i;

	for (i = 0; i < cell->desc->num_pci_devices && i < MAX_CLAIMED; i++)
		if ((claimed >> i) & 1 && pci[i].bdf == bdf)
			return true;
	return false;
}

/* The live non-root cell that claimed @bdf, or NULL (the root's). */
static const struct cell *claimant(u16 bdf)
{
	unsigned int c;

	for (c = 1; c < MAX_CELLS; c++)
		if (cells[c].exists && !cells[c].released &&
		    claims(&cells[c], bdf))
			return &cells[c];
	return NULL;
}

bool pci_cell_owns(const struct cell *cell, u16 bdf)
{
	const struct cell *c;

	if (!pci_bus_is_physical())
		return false;
	c = claimant(bdf);
	return c ? c == cell : cell->id == 0;
}

/* No decoding, no DMA: what an unowned or stopped function must do. */
static void quiesce(u16 bdf)
{
	u64 fn = fn_base(bdf);
	u16 cmd = rd16(fn, CFG_COMMAND);

	if (cmd != 0xffff && (cmd & CMD_ACTIVE))
		wr16(fn, CFG_COMMAND, cmd & ~CMD_ACTIVE);
}

/*
 * Configuration space is only ever reached through the filter: a memory
 * region of the cell that covers part of the ECAM window (a board that
 * lists configuration pages as device memory, say) is taken out of the
 * cell's map again, with a warning, so that its accesses trap.
 */
static int unmap_ecam(struct cell *cell)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell->desc);
	u64 base = boot.system->pci_mmconfig_base, end = base + ecam_size();
	unsigned int i;
	int err;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		u64 s = m[i].phys_start, e = m[i].phys_start + m[i].size;

		if (m[i].flags & JH_MEM_COMM_REGION ||
		    !ranges_overlap(s, m[i].size, base, ecam_size()))
			continue;
		s = s > base ? s : base;
		e = MIN(e, end);
		printk("jh: warning: cell '%s': memory region %u maps PCI "
		       "configuration space 0x%lx-0x%lx: left unmapped, the "
		       "hypervisor filters it\n", cell->name, i, s, e - 1);
		if (region_is_subpage(&m[i])) {
			mmio_unregister(cell, m[i].virt_start);
			continue;
		}
		s &= PAGE_MASK;
		e = (e + PAGE_SIZE - 1) & PAGE_MASK;
		err = arch_unmap_memory(cell, m[i].virt_start + s -
					m[i].phys_start, e - s);
		if (err)
			return err;
		arch_flush_guest_tlbs();
	}
	return 0;
}

int pci_cell_create(struct cell *cell)
{
	const struct jh_pci_device *pci = jh_cell_pci_devices(cell->desc);
	struct pci_cell *pc = &pci_cells[cell->id];
	unsigned int i;
	int err;

	if (!ecam_mapped) {
		err = arch_map_hv_device(boot.system->pci_mmconfig_base,
					 ecam_size());
		if (err) {
			printk("jh: boot error: cannot map the PCI "
			       "configuration space at 0x%lx (%d)\n",
			       boot.system->pci_mmconfig_base, err);
			return err;
		}
		ecam_mapped = true;
	}
	err = unmap_ecam(cell);
	if (err) {
		printk("jh: boot error: cell '%s': cannot unmap the PCI "
		       "configuration space (%d)\n", cell->name, err);
		return err;
	}
	memset(pc, 0, sizeof(*pc));
	if (cell->id == 0)
		return 0;	/* the root owns what nobody claims */
	spin_lock(&pci_lock);
	for (i = 0; i < cell->desc->num_pci_devices; i++) {
		const struct cell *other;

		if (!is_physical_fn(&pci[i]))
			continue;
		other = claimant(pci[i].bdf);
		if (i >= MAX_CLAIMED || other ||
		    (pci[i].bdf >> 8) > boot.system->pci_mmconfig_end_bus) {
			spin_unlock(&pci_lock);
			printk("jh: boot error: cell '%s': PCI ", cell->name);
			print_bdf(pci[i].bdf);
			if (other)
				printk(" belongs to cell '%s'\n",
				       other->name);
			else if (i >= MAX_CLAIMED)
				printk(": more than %u physical functions\n",
				       MAX_CLAIMED);
			else
				printk(": beyond the host bridge's last bus "
				       "%u\n",
				       boot.system->pci_mmconfig_end_bus);
			pc->claimed = 0;
			return other ? -EBUSY : -EINVAL;
		}
		pc->claimed |= 1ull << i;
		/* taken from the root cell: nothing it started goes on */
		quiesce(pci[i].bdf);
		if (rd32(fn_base(pci[i].bdf), 0) == 0xffffffff) {
			printk("jh: warning: cell '%s': PCI ", cell->name);
			print_bdf(pci[i].bdf);
			printk(": no such function on the bus\n");
		}
	}
	spin_unlock(&pci_lock);
	return 0;
}

void pci_cell_quiesce(struct cell *cell)
{
	const struct jh_pci_device *pci;
	unsigned int i;

	if (!pci_bus_is_physical() || !ecam_mapped || cell->id == 0)
		return;
	pci = jh_cell_pci_devices(cell->desc);
	spin_lock(&pci_lock);
	for (i = 0; i < cell->desc->num_pci_devices && i < MAX_CLAIMED; i++)
		if ((pci_cells[cell->id].claimed >> i) & 1)
			quiesce(pci[i].bdf);
	spin_unlock(&pci_lock);
}

void pci_cell_destroy(struct cell *cell)
{
	pci_cell_quiesce(cell);
	/* from now on claimant() finds nobody: the root cell owns them */
	memset(&pci_cells[cell->id], 0, sizeof(pci_cells[cell->id]));
}

void pci_master_off(u16 bdf)
{
	u64 fn;
	u16 cmd;

	if (!pci_bus_is_physical() || !ecam_mapped ||
	    (bdf >> 8) > boot.system->pci_mmconfig_end_bus)
		return;
	fn = fn_base(bdf);
	spin_lock(&pci_lock);
	cmd = rd16(fn, CFG_COMMAND);
	if (cmd != 0xffff && (cmd & CMD_MASTER))
		wr16(fn, CFG_COMMAND, cmd & ~CMD_MASTER);
	spin_unlock(&pci_lock);
}

/*
 * Size of a BAR the hardware way, with decoding off for the moment (the
 * cell's own accesses to the device must not race with this: as on
 * hardware, a driver does not touch a device while moving its BARs).
 */
static u64 bar_size(u64 fn, unsigned int lo, bool is64, u32 flags)
{
	u16 cmd = rd16(fn, CFG_COMMAND);
	u32 save_lo = rd32(fn, lo), save_hi = 0, m_lo, m_hi = ~0u;
	u64 mask;

	if (cmd & (CMD_IO | CMD_MEM))
		wr16(fn, CFG_COMMAND, cmd & ~(CMD_IO | CMD_MEM));
	wr32(fn, lo, ~0u);
	m_lo = rd32(fn, lo);
	wr32(fn, lo, save_lo);
	if (is64) {
		save_hi = rd32(fn, lo + 4);
		wr32(fn, lo + 4, ~0u);
		m_hi = rd32(fn, lo + 4);
		wr32(fn, lo + 4, save_hi);
	}
	if (cmd & (CMD_IO | CMD_MEM))
		wr16(fn, CFG_COMMAND, cmd);
	m_lo &= ~flags;
	if (!m_lo && !(is64 && m_hi))
		return 0;	/* not implemented */
	mask = (u64)m_hi << 32 | m_lo;
	return ~mask + 1;
}

/* Is [addr, addr + size) inside an I/O region of @cell nobody else has? */
static bool placement_ok(const struct cell *cell, u64 addr, u64 size)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell->desc);
	unsigned int i;

	if (addr + size < addr)
		return false;
	if (cell_mem_held_elsewhere(cell, addr, size))
		return false;
	for (i = 0; i < cell->desc->num_memory_regions; i++)
		if ((m[i].flags & JH_MEM_IO) &&
		    !(m[i].flags & JH_MEM_COMM_REGION) &&
		    range_within(addr, size, m[i].phys_start, m[i].size))
			return true;
	return false;
}

static bool all_ones(u32 v, u32 flags)
{
	return (v | flags) == ~0u;
}

/*
 * A write to a BAR register (@dw its offset, @nbars BARs, @rom the ROM
 * register's offset). @new is the register value the write would give.
 * Returns true if it may go to the hardware.
 */
static bool bar_write_ok(struct cell *cell, u16 bdf, unsigned int dw,
			 unsigned int rom, unsigned int nbars, u32 new)
{
	u64 fn = fn_base(bdf), addr, size;
	unsigned int lo = dw, idx = (dw - CFG_BAR0) / 4, i;
	bool is64 = false, upper = false, decodes, sizing;
	u32 flags = BAR_MEM_FLAGS, cur_lo, other;

	if (dw == rom) {
		flags = ROM_FLAGS;
		idx = 6;
	} else {
		/* which BAR is this? 64-bit BARs take two registers */
		for (i = 0; i < nbars; i++) {
			u32 v = rd32(fn, CFG_BAR0 + 4 * i);

			if (!(v & BAR_IO) && (v & 0x6) == BAR_MEM64) {
				if (i + 1 == idx) {
					upper = true;
					lo = dw - 4;
					idx = i;
					break;
				}
				i++;
			} else if (i == idx) {
				break;
			}
			if (i >= idx)
				break;
		}
		if (!upper && (rd32(fn, dw) & BAR_IO))
			flags = BAR_IO_FLAGS;
	}
	/* would the BAR decode after this write? (a ROM needs its enable) */
	decodes = (rd16(fn, CFG_COMMAND) & CMD_MEM) &&
		  (dw != rom || (new & 1));
	sizing = upper ? new == ~0u : all_ones(new, flags);
	if (sizing && (!decodes || flags == BAR_IO_FLAGS))
		return true;
	if (flags == BAR_IO_FLAGS) {
		if (cell->id == 0 || !(new & ~flags))
			return true;
		if (warn_once(cell, bdf, WARN_BAR(idx)))
			printk("BAR%u: I/O space 0x%x refused (I/O BARs are "
			       "the root cell's)\n", idx, new & ~flags);
		return false;
	}
	cur_lo = rd32(fn, lo);
	is64 = dw != rom && !(cur_lo & BAR_IO) && (cur_lo & 0x6) == BAR_MEM64;
	/*
	 * Half of a 64-bit BAR whose other half still holds the sizing
	 * pattern: the pair is incomplete. Accepted while memory decoding
	 * is off; enabling decoding checks the whole BAR (mem_enable_ok).
	 * While decoding is on, every write must leave the BAR inside.
	 */
	if (is64 && !decodes &&
	    (upper ? all_ones(cur_lo, flags) : rd32(fn, lo + 4) == ~0u))
		return true;
	if (upper) {
		/* decoding off: a lower half holding the sizing pattern is 0 */
		addr = (u64)new << 32;
		if (decodes || !all_ones(cur_lo, flags))
			addr |= cur_lo & ~flags;
	} else {
		addr = new & ~flags;
		if (is64) {
			other = rd32(fn, lo + 4);
			if (decodes || other != ~0u)
				addr |= (u64)other << 32;
		}
	}
	if (!addr)
		return true;		/* unassigned */
	size = bar_size(fn, lo, is64, flags);
	if (!size || placement_ok(cell, addr, size))
		return true;
	if (warn_once(cell, bdf, WARN_BAR(idx))) {
		if (idx == 6)
			printk("ROM BAR");
		else
			printk("BAR%u", idx);
		if (sizing)
			printk(": sizing while memory decoding is on: "
			       "refused\n");
		else
			printk(": placement at 0x%lx (0x%lx bytes) outside "
			       "the cell's I/O memory: refused\n", addr, size);
	}
	return false;
}

/*
 * Memory decoding is being switched on: every implemented memory BAR
 * must be unassigned (0) or inside the cell's I/O memory.
 */
static bool mem_enable_ok(struct cell *cell, u16 bdf, unsigned int nbars)
{
	u64 fn = fn_base(bdf), addr, size;
	unsigned int i;

	for (i = 0; i < nbars; i++) {
		u32 lo = rd32(fn, CFG_BAR0 + 4 * i);
		bool is64 = !(lo & BAR_IO) && (lo & 0x6) == BAR_MEM64;

		if (lo & BAR_IO)
			continue;
		addr = lo & ~BAR_MEM_FLAGS;
		if (is64 && i + 1 < nbars)
			addr |= (u64)rd32(fn, CFG_BAR0 + 4 * (i + 1)) << 32;
		size = addr ? bar_size(fn, CFG_BAR0 + 4 * i, is64,
				       BAR_MEM_FLAGS) : 0;
		if (size && !placement_ok(cell, addr, size)) {
			if (warn_once(cell, bdf, WARN_BAR(i)))
				printk("BAR%u at 0x%lx (0x%lx bytes) outside "
				       "the cell's I/O memory: memory "
				       "decoding refused\n", i, addr, size);
			return false;
		}
		if (is64)
			i++;
	}
	return true;
}

/* Offsets of the MSI and MSI-X capabilities (0 if absent). */
static void find_msi(u64 fn, unsigned int *msi, unsigned int *msix)
{
	unsigned int pos, hops;

	*msi = *msix = 0;
	if (!(rd32(fn, CFG_COMMAND) & STATUS_CAP_LIST))
		return;
	pos = rd32(fn, CFG_CAP_PTR) & 0xfc;
	for (hops = 0; pos >= CFG_CAPS && hops < 48; hops++) {
		u32 hdr = rd32(fn, pos);

		if ((hdr & 0xff) == CAP_ID_MSI)
			*msi = pos;
		else if ((hdr & 0xff) == CAP_ID_MSIX)
			*msix = pos;
		pos = (hdr >> 8) & 0xfc;
	}
}

/* Do the written bytes lie in a capability the image lists writable? */
static bool cap_writable(const struct cell *cell, u16 bdf, unsigned int reg,
			 unsigned int size)
{
	const struct jh_cell_desc *d = cell->desc;
	const struct jh_pci_device *pci = jh_cell_pci_devices(d);
	const struct jh_pci_capability *cap = jh_cell_pci_caps(d);
	unsigned int i, c;

	for (i = 0; i < d->num_pci_devices; i++) {
		if (!is_physical_fn(&pci[i]) || pci[i].bdf != bdf)
			continue;
		for (c = pci[i].caps_start;
		     c < (unsigned int)pci[i].caps_start + pci[i].num_caps &&
		     c < d->num_pci_caps; c++)
			if ((cap[c].flags & JH_PCICAPS_WRITE) &&
			    range_within(reg, size, cap[c].start, cap[c].len))
				return true;
	}
	return false;
}

/*
 * Filter a write: returns false to drop it, else *out holds the dword
 * whose bytes under @bytes go to the hardware.
 */
static bool filter_write(struct cell *cell, u16 bdf, unsigned int reg,
			 unsigned int size, u32 bytes, u32 val, u32 *out)
{
	u64 fn = fn_base(bdf);
	unsigned int dw = reg & ~3u, type, nbars, rom, msi, msix;
	bool root = cell->id == 0;
	u32 cur = rd32(fn, dw), new = (cur & ~bytes) | (val & bytes);
	u16 cmd;

	type = (rd32(fn, CFG_HEADER) >> 16) & 0x7f;
	nbars = type == 0 ? 6 : type == 1 ? 2 : 0;
	rom = type == 0 ? CFG_ROM_TYPE0 : type == 1 ? CFG_ROM_TYPE1 : 0;
	*out = new;
	if (dw == CFG_COMMAND) {
		if (!(bytes & 0xffff))
			return true;
		cmd = (u16)(root ? new : (cur & ~CMD_CELL) | (new & CMD_CELL));
		if ((cmd & CMD_MEM) && !(cur & CMD_MEM) &&
		    !mem_enable_ok(cell, bdf, nbars))
			cmd &= ~CMD_MEM;
		if (root) {
			*out = (new & 0xffff0000u) | cmd;
			return true;
		}
		if ((new & CMD_IO) && !(cur & CMD_IO) &&
		    warn_once(cell, bdf, WARN_IO))
			printk("I/O decoding refused (I/O space is the root "
			       "cell's)\n");
		/* status bits are write-one-to-clear: only what was written */
		*out = (val & bytes & 0xffff0000u) | cmd;
		return true;
	}
	if ((dw >= CFG_BAR0 && dw < CFG_BAR0 + 4 * nbars) ||
	    (rom && dw == rom))
		return bar_write_ok(cell, bdf, dw, rom, nbars, new);
	if (dw == CFG_HEADER) {
		/* cache line size and latency timer only */
		*out = (cur & ~0xffffu) | (new & 0xffffu);
		return (bytes & 0xffffu) != 0;
	}
	if (dw == CFG_INTX) {
		/* interrupt line (scratch); a bridge's control: root only */
		*out = root ? new : (cur & ~0xffu) | (new & 0xffu);
		return true;
	}
	if (type == 1 && dw >= 0x18 && dw < 0x34) {
		/* bus numbers and forwarding windows */
		if (root)
			return true;
		if (warn_once(cell, bdf, WARN_BRIDGE))
			printk("bridge bus numbers and windows are the root "
			       "cell's: write ignored\n");
		return false;
	}
	if (dw < CFG_CAPS)
		return false;	/* IDs, class, read-only fields */
	if (root)
		return true;
	if (!cap_writable(cell, bdf, reg, size)) {
		if (warn_once(cell, bdf, WARN_CAP))
			printk("write at configuration offset 0x%x outside "
			       "the capabilities its image lists writable: "
			       "ignored\n", reg);
		return false;
	}
	find_msi(fn, &msi, &msix);
	if ((msi && dw == msi && (new & MSI_ENABLE) && !(cur & MSI_ENABLE)) ||
	    (msix && dw == msix && (new & MSIX_ENABLE) &&
	     !(cur & MSIX_ENABLE))) {
		if (warn_once(cell, bdf, WARN_MSI))
			printk("MSI/MSI-X enable refused (assigned devices use "
			       "INTx)\n");
		*out = new & ~(dw == msi ? MSI_ENABLE : MSIX_ENABLE);
	}
	return true;
}

enum mmio_result pci_cfg_access(struct cell *cell, u16 bdf,
				struct mmio_access *a)
{
	unsigned int reg = (unsigned int)a->address & 0xfff;
	unsigned int shift = (reg & 3) * 8;
	u32 bytes = (a->size == 4 ? ~0u : (1u << (a->size * 8)) - 1) << shift;
	u64 fn = fn_base(bdf);
	u32 out;

	spin_lock(&pci_lock);
	if (!a->is_write)
		a->value = rd_sized(fn, reg, a->size);
	else if (filter_write(cell, bdf, reg, a->size, bytes,
			      (u32)a->value << shift, &out))
		wr_sized(fn, reg, a->size, (out & bytes) >> shift);
	spin_unlock(&pci_lock);
	return MMIO_HANDLED;
}
