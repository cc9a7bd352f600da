// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the hypervisor's bundle and image checks need from the rest of the
 * hypervisor, for running them on the build machine (unit test, fuzzer):
 * a console that collects output, no-op locks and an architecture that
 * looks like QEMU virt with GICv3.
 */
#include <arch.h>
#include <boot.h>
#include <console.h>
#include <printk.h>
#include <spinlock.h>
#include "host-stubs.h"

char out[16384];
size_t out_len;

/* --- what the checks need from the rest of the hypervisor --- */
void console_putc(char c)
{
	if (out_len < sizeof(out) - 1)
		out[out_len++] = c;
	out[out_len] = 0;
}

void console_ring_begin(void)
{
}

void console_ring_end(void)
{
}

int console_select_checked(const struct jh_console *con)
{
	(void)con;
	return 0;
}

void spin_lock(spinlock_t *l)
{
	(void)l;
}

void spin_unlock(spinlock_t *l)
{
	(void)l;
}

const char *arch_irqchip_problem(const struct jh_irqchip *chip)
{
	return chip->address == boot.system->platform.arm.gicd_base ?
	       NULL : "not the GIC distributor";
}

int arch_check_platform(const struct jh_system_desc *sys)
{
	if (sys->platform.arm.gic_version != 2 &&
	    sys->platform.arm.gic_version != 3)
		return boot_error("system image", "gic_version %u",
				  sys->platform.arm.gic_version);
	return 0;
}

int arch_check_cell_region(const struct jh_memory *mem)
{
	return ranges_overlap(mem->phys_start, mem->size, 0x08000000, 0x10000)
	       ? -EBUSY : 0;
}

int arch_check_cell_guest_range(const struct jh_memory *mem)
{
	return ranges_overlap(mem->virt_start, mem->size, 0x08000000,
			      0x10000) ? -EBUSY : 0;
}

/* QEMU's cortex-a57: 44-bit physical and guest-physical addresses */
u64 arch_max_phys_address(void)
{
	return 1ull << 44;
}

u64 arch_max_guest_address(void)
{
	return 1ull << 44;
}

unsigned int arch_num_irqs(void)
{
	return 288;
}

