// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * PCI configuration access for inmates (runtime/include/pci.h). Whether
 * the function behind the window is emulated (ivshmem) or a physical
 * device forwarded by the hypervisor makes no difference here.
 */
#include "rt.h"
#include "pci.h"

#define BAR_IO			0x1u
#define BAR_TYPE_MASK		0x6u
#define BAR_TYPE_64		0x4u
#define BAR_MEM_FLAGS		0xfu
#define HEADER_MULTI_FN		0x00800000u

static unsigned long ecam_override;

void pci_set_ecam(unsigned long base)
{
	ecam_override = base;
}

unsigned long pci_ecam(void)
{
	volatile struct jh_comm_region *comm;

	if (ecam_override)
		return ecam_override;
	comm = comm_region();
	return comm ? comm->pci_mmconfig_base : 0;
}

unsigned long pci_cfg_addr(u16 bdf, unsigned int reg)
{
	return pci_ecam() + ((unsigned long)bdf << 12) + (reg & 0xfff);
}

u32 pci_read32(u16 bdf, unsigned int reg)
{
	return mmio_read32(pci_cfg_addr(bdf, reg));
}

u16 pci_read16(u16 bdf, unsigned int reg)
{
	u16 v;

	__asm__ volatile("ldrh %w0, [%1]" : "=r"(v)
			 : "r"(pci_cfg_addr(bdf, reg)) : "memory");
	return v;
}

u8 pci_read8(u16 bdf, unsigned int reg)
{
	return mmio_read8(pci_cfg_addr(bdf, reg));
}

void pci_write32(u16 bdf, unsigned int reg, u32 v)
{
	mmio_write32(pci_cfg_addr(bdf, reg), v);
}

void pci_write16(u16 bdf, unsigned int reg, u16 v)
{
	__asm__ volatile("strh %w0, [%1]" : : "r"(v),
			 "r"(pci_cfg_addr(bdf, reg)) : "memory");
}

void pci_write8(u16 bdf, unsigned int reg, u8 v)
{
	mmio_write8(pci_cfg_addr(bdf, reg), v);
}

int pci_find(u16 vendor, u16 device, unsigned int index,
	     unsigned int last_bus, u16 *bdf)
{
	u32 want = (u32)device << 16 | vendor;
	unsigned int bus, dev, fn, found = 0;

	if (!pci_ecam())
		return -1;
	for (bus = 0; bus <= last_bus && bus < 256; bus++)
		for (dev = 0; dev < 32; dev++)
			for (fn = 0; fn < 8; fn++) {
				u16 b = PCI_BDF(bus, dev, fn);
				u32 id = pci_read32(b, PCI_CFG_ID);

				if ((id & 0xffff) == 0xffff) {
					if (fn == 0)
						break;
					continue;
				}
				if (id == want && found++ == index) {
					*bdf = b;
					return 0;
				}
				if (fn == 0 && !(pci_read32(b, PCI_CFG_HEADER) &
						 HEADER_MULTI_FN))
					break;
			}
	return -1;
}

unsigned int pci_find_cap(u16 bdf, u8 id)
{
	unsigned int pos, hops;

	if (!(pci_read16(bdf, PCI_CFG_COMMAND + 2) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = pci_read8(bdf, PCI_CFG_CAP_PTR) & 0xfc;
	for (hops = 0; pos >= 0x40 && hops < 48; hops++) {
		u32 hdr = pci_read32(bdf, pos);

		if ((hdr & 0xff) == id)
			return pos;
		pos = (hdr >> 8) & 0xfc;
	}
	return 0;
}

bool pci_bar_is_64(u16 bdf, unsigned int bar)
{
	u32 v = pci_read32(bdf, PCI_CFG_BAR(bar));

	return !(v & BAR_IO) && (v & BAR_TYPE_MASK) == BAR_TYPE_64;
}

static u32 flag_bits(u32 v)
{
	return v & BAR_IO ? 0x3u : BAR_MEM_FLAGS;
}

u64 pci_bar_address(u16 bdf, unsigned int bar)
{
	u32 lo = pci_read32(bdf, PCI_CFG_BAR(bar));
	u64 addr = lo & ~flag_bits(lo);

	if (pci_bar_is_64(bdf, bar))
		addr |= (u64)pci_read32(bdf, PCI_CFG_BAR(bar + 1)) << 32;
	return addr;
}

u64 pci_bar_size(u16 bdf, unsigned int bar)
{
	u16 cmd = pci_read16(bdf, PCI_CFG_COMMAND);
	u32 lo = pci_read32(bdf, PCI_CFG_BAR(bar)), hi = 0, mlo, mhi = ~0u;
	bool is64 = pci_bar_is_64(bdf, bar);
	u64 mask;

	if (pci_read32(bdf, PCI_CFG_ID) == ~0u)
		return 0;	/* absent function: reads all ones */
	if (cmd & (PCI_CMD_IO | PCI_CMD_MEM))
		pci_write16(bdf, PCI_CFG_COMMAND,
			    cmd & ~(PCI_CMD_IO | PCI_CMD_MEM));
	pci_write32(bdf, PCI_CFG_BAR(bar), ~0u);
	mlo = pci_read32(bdf, PCI_CFG_BAR(bar));
	pci_write32(bdf, PCI_CFG_BAR(bar), lo);
	if (is64) {
		hi = pci_read32(bdf, PCI_CFG_BAR(bar + 1));
		pci_write32(bdf, PCI_CFG_BAR(bar + 1), ~0u);
		mhi = pci_read32(bdf, PCI_CFG_BAR(bar + 1));
		pci_write32(bdf, PCI_CFG_BAR(bar + 1), hi);
	}
	if (cmd & (PCI_CMD_IO | PCI_CMD_MEM))
		pci_write16(bdf, PCI_CFG_COMMAND, cmd);
	mlo &= ~flag_bits(mlo);
	if (!mlo && !(is64 && mhi))
		return 0;
	mask = (u64)mhi << 32 | mlo;
	return ~mask + 1;
}

int pci_bar_place(u16 bdf, unsigned int bar, u64 addr)
{
	u64 size = pci_bar_size(bdf, bar);
	u16 cmd = pci_read16(bdf, PCI_CFG_COMMAND);

	if (!size || (addr & (size - 1)))
		return -1;
	/* as when sizing: nothing decodes half-written addresses */
	if (cmd & PCI_CMD_MEM)
		pci_write16(bdf, PCI_CFG_COMMAND, cmd & ~PCI_CMD_MEM);
	if (pci_bar_is_64(bdf, bar)) {
		/*
		 * Upper half to the sizing pattern first: a hypervisor
		 * that checks placements then sees an incomplete pair
		 * until the upper half completes it.
		 */
		pci_write32(bdf, PCI_CFG_BAR(bar + 1), ~0u);
		pci_write32(bdf, PCI_CFG_BAR(bar), (u32)addr);
		pci_write32(bdf, PCI_CFG_BAR(bar + 1), (u32)(addr >> 32));
	} else {
		pci_write32(bdf, PCI_CFG_BAR(bar), (u32)addr);
	}
	if (cmd & PCI_CMD_MEM)
		pci_write16(bdf, PCI_CFG_COMMAND, cmd);
	return pci_bar_address(bdf, bar) == addr ? 0 : -1;
}

void pci_enable(u16 bdf, u16 bits)
{
	pci_write16(bdf, PCI_CFG_COMMAND,
		    pci_read16(bdf, PCI_CFG_COMMAND) | bits);
}

void pci_disable(u16 bdf, u16 bits)
{
	pci_write16(bdf, PCI_CFG_COMMAND,
		    pci_read16(bdf, PCI_CFG_COMMAND) & ~bits);
}
