// SPDX-License-Identifier: GPL-2.0-only
/*
 * INTx of virtual PCI devices on Arm: the line is a physical SPI that no
 * device drives (SPI 32 + vpci_irq_base + pin - 1). Setting it pending in
 * the distributor lets the ordinary path deliver it: the GIC honours the
 * cell's enable, priority and routing, the hypervisor injects it as the
 * cell's own hardware interrupt and the cell's EOI completes it.
 *
 * MSI-X of a virtual device is delivered the same way: its message uses
 * GICv2m semantics (address: SETSPI_NSR of QEMU virt's v2m frame, data:
 * the SPI). The hypervisor emulates the delivery, so this holds with a
 * GICv3 as well; the frame itself is never written.
 */
#include <vpci.h>
#include <asm/gic.h>

/* QEMU virt's v2m frame (gic-version=2) */
#define V2M_FRAME		0x08020000ull
#define V2M_SETSPI_NSR		0x040

void arch_vpci_raise_intx(unsigned int irq)
{
	gicd_write32(GICD_ISPENDR + (irq / 32) * 4, 1u << (irq % 32));
}

unsigned int arch_vpci_num_irqs(void)
{
	return gic_num_irqs;
}

u64 arch_vpci_msi_doorbell(void)
{
	return V2M_FRAME + V2M_SETSPI_NSR;
}
