// SPDX-License-Identifier: GPL-2.0-only
/*
 * INTx of virtual PCI devices on Arm: the line is a physical SPI that no
 * device drives (SPI 32 + vpci_irq_base + pin - 1). Setting it pending in
 * the distributor lets the ordinary path deliver it: the GIC honours the
 * cell's enable, priority and routing, the hypervisor injects it as the
 * cell's own hardware interrupt and the cell's EOI completes it.
 */
#include <vpci.h>
#include <asm/gic.h>

void arch_vpci_raise_intx(unsigned int irq)
{
	gicd_write32(GICD_ISPENDR + (irq / 32) * 4, 1u << (irq % 32));
}

unsigned int arch_vpci_num_irqs(void)
{
	return gic_num_irqs;
}
