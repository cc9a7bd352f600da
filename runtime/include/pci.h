/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * PCI configuration space through the ECAM window (doc/pci-passthrough.md):
 * the window the hypervisor names in the comm region (virtual or
 * physical host bridge alike), or one set with pci_set_ecam() (bare
 * QEMU). Every access is a single aligned load or store of its width,
 * so a trapping hypervisor can decode it.
 */
#ifndef JH_RT_PCI_H
#define JH_RT_PCI_H

#include "types.h"

#define PCI_BDF(bus, dev, fn)	((u16)((bus) << 8 | (dev) << 3 | (fn)))
#define PCI_BDF_BUS(bdf)	((bdf) >> 8)
#define PCI_BDF_DEV(bdf)	(((bdf) >> 3) & 0x1f)
#define PCI_BDF_FN(bdf)		((bdf) & 7)

#define PCI_CFG_ID		0x00	/* vendor (low), device (high) */
#define PCI_CFG_COMMAND		0x04	/* command, status (+2) */
#define PCI_CFG_CLASS		0x08
#define PCI_CFG_HEADER		0x0c	/* header type: bits 16-22 */
#define PCI_CFG_BAR(n)		(0x10 + 4 * (n))
#define PCI_CFG_CAP_PTR		0x34
#define PCI_CFG_INTX		0x3c	/* line, pin (+1) */

#define PCI_CMD_IO		0x0001
#define PCI_CMD_MEM		0x0002
#define PCI_CMD_MASTER		0x0004
#define PCI_CMD_INTX_OFF	0x0400
#define PCI_STATUS_CAP_LIST	0x0010

#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_MSIX		0x11
#define PCI_CAP_ID_VENDOR	0x09

/* Use @base as the ECAM window (0: back to the comm region's). */
void pci_set_ecam(unsigned long base);
/* The ECAM window in use, 0 if there is none. */
unsigned long pci_ecam(void);
/* Address of register @reg of function @bdf in the window. */
unsigned long pci_cfg_addr(u16 bdf, unsigned int reg);

u32 pci_read32(u16 bdf, unsigned int reg);
u16 pci_read16(u16 bdf, unsigned int reg);
u8 pci_read8(u16 bdf, unsigned int reg);
void pci_write32(u16 bdf, unsigned int reg, u32 v);
void pci_write16(u16 bdf, unsigned int reg, u16 v);
void pci_write8(u16 bdf, unsigned int reg, u8 v);

/*
 * Find the @index-th function (from 0) with @vendor and @device on buses
 * 0..@last_bus (functions 1-7 only of multi-function devices). 0 and
 * *bdf set, or -1.
 */
int pci_find(u16 vendor, u16 device, unsigned int index,
	     unsigned int last_bus, u16 *bdf);
/* Offset of the first capability with @id, 0 if none. */
unsigned int pci_find_cap(u16 bdf, u8 id);

/*
 * Size of BAR @bar in bytes (both registers of a 64-bit BAR), 0 if it is
 * not implemented. Memory decoding is switched off while sizing and
 * restored after; the BAR keeps its value.
 */
u64 pci_bar_size(u16 bdf, unsigned int bar);
/* Is BAR @bar a 64-bit memory BAR (it uses register @bar + 1 too)? */
bool pci_bar_is_64(u16 bdf, unsigned int bar);
/* Address BAR @bar decodes now (without the flag bits). */
u64 pci_bar_address(u16 bdf, unsigned int bar);
/*
 * Program memory BAR @bar with @addr (aligned to its size) and read it
 * back: 0 if the BAR now holds @addr, -1 if it does not (the hypervisor
 * refused the placement, or @addr is not aligned). Memory decoding is
 * off while the registers are written and restored after (a hypervisor
 * may refuse that if the BAR is left outside the cell).
 */
int pci_bar_place(u16 bdf, unsigned int bar, u64 addr);
/* Set @bits (PCI_CMD_MEM, PCI_CMD_MASTER, ...) in the command register. */
void pci_enable(u16 bdf, u16 bits);
/* Clear @bits in the command register. */
void pci_disable(u16 bdf, u16 bits);

#endif /* JH_RT_PCI_H */
