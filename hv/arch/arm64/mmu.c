// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own EL2 translation (identity map of its memory and
 * of the few devices it drives) and the cells' stage-2 translations.
 * EL2 addresses cover the CPU's whole physical address range (up to 48
 * bits), guest addresses the same from 44 bits on, else 39 bits: see
 * arm64_ipa_bits().
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <page_pool.h>
#include <printk.h>
#include <asm/gic.h>
#include <asm/paging.h>
#include <asm/sysregs.h>

extern u8 __hv_start[], __ro_end[];

static u64 *hv_root;
static unsigned int pa_range;	/* for TCR/VTCR.PS */
static unsigned int va_bits, ipa_bits;
static const struct paging_format *hv_format, *s2_format;

static int hv_map(u64 va, u64 size, u64 attrs, bool huge)
{
	return paging_map(hv_format, hv_root, va, va, size, attrs, huge);
}

/* Blocks where alignment permits: a PCI ECAM window is up to 256 MiB. */
static int map_device(u64 base, u64 size)
{
	if (!base)
		return 0;
	return hv_map(base & PAGE_MASK,
		      (size + (base & ~PAGE_MASK) + PAGE_SIZE - 1) & PAGE_MASK,
		      S1_ATTR_DEVICE | PTE_XN | PTE_SH_INNER, true);
}

/* Build the EL2 map on the boot CPU (MMU still off). */
int arch_mmu_prepare(void)
{
	const struct jh_system_desc *sys = boot.system;
	const struct jh_platform_arm *arm = &sys->platform.arm;
	const struct jh_memory *hv = &sys->hypervisor_memory;
	u64 text = (u64)__hv_start, ro_end = (u64)__ro_end;

	pa_range = arm64_pa_range();
	va_bits = arm64_pa_bits();
	ipa_bits = arm64_ipa_bits();
	hv_format = arm64_paging(va_bits);
	s2_format = arm64_paging(ipa_bits);
	printk("jh: %u-bit physical, %u-bit guest-physical addresses\n",
	       va_bits, ipa_bits);

	hv_root = page_alloc();
	/* W^X: code and constants read-only, everything else never run */
	if (!hv_root ||
	    hv_map(hv->phys_start, hv->size,
		   S1_ATTR_NORMAL | PTE_SH_INNER | PTE_XN, true) ||
	    hv_map(text, ro_end - text,
		   S1_ATTR_NORMAL | PTE_SH_INNER | S1_AP_RO, false) ||
	    map_device(sys->debug_console.address,
		       sys->debug_console.size ? sys->debug_console.size :
		       PAGE_SIZE) ||
	    map_device(arm->gicd_base, 0x10000) ||
	    (arm->gic_version == 3 &&
	     map_device(arm->gicr_base, 0x20000ull * MAX_CPUS)) ||
	    (arm->gic_version == 2 &&
	     (map_device(arm->gicc_base, 0x2000) ||
	      map_device(arm->gich_base, 0x1000)))) {
		printk("jh: boot error: EL2 page tables: out of memory, or a "
		       "device beyond the %u-bit physical range\n", va_bits);
		return -ENOMEM;
	}
	return 0;
}

/*
 * Everything was written with the MMU (and so the caches) off: make sure
 * no stale line of hypervisor memory survives into cacheable operation.
 */
static void clean_invalidate(u64 start, u64 size)
{
	u64 line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 a;

	for (a = start & ~(line - 1); a < start + size; a += line)
		asm volatile("dc civac, %0" : : "r"(a) : "memory");
	dsb(ish);
}

void arch_mmu_enable(void)
{
	const struct jh_memory *hv = &boot.system->hypervisor_memory;
	static bool cleaned;

	/* once, by the boot CPU, after it built everything */
	if (!cleaned) {
		clean_invalidate(hv->phys_start, hv->size);
		cleaned = true;
	}
	/* walks: write-back, inner shareable; 4 KiB granule; PS */
	u64 walk = (1 << 8) | (1 << 10) | (3 << 12) | ((u64)pa_range << 16);
	/* VTCR.SL0: the walk starts at level 0 (2) or level 1 (1) */
	u64 sl0 = s2_format->first_level ? 1 : 2;

	write_sysreg(mair_el2, MAIR_EL2_VALUE);
	write_sysreg(tcr_el2, (64 - va_bits) | walk | BIT(23) | BIT(31));
	write_sysreg(ttbr0_el2, hv_root);
	write_sysreg(vtcr_el2, (64 - ipa_bits) | (sl0 << 6) | walk | BIT(31));
	asm volatile("dsb ish\n\ttlbi alle2\n\ttlbi alle1\n\tdsb ish\n\tisb"
		     : : : "memory");
	write_sysreg(sctlr_el2, 0x30c50830 | BIT(0) | BIT(2) | BIT(12));
	isb();
}

int arch_map_hv_device(u64 phys, u64 size)
{
	return map_device(phys, size);
}

int arch_cell_create(struct cell *cell)
{
	cell->arch.vmid = (u16)(cell->id + 1);
	return gic->cell_init(cell);
}

int arch_map_memory(struct cell *cell, const struct jh_memory *mem,
		    u64 phys)
{
	u64 attrs = PTE_SH_INNER;

	if (!cell->arch.stage2_root) {
		cell->arch.stage2_root = page_alloc();
		if (!cell->arch.stage2_root)
			return -ENOMEM;
	}
	if (mem->flags & JH_MEM_READ)
		attrs |= S2_AP_READ;
	if (mem->flags & JH_MEM_WRITE)
		attrs |= S2_AP_WRITE;
	if (mem->flags & JH_MEM_IO)
		attrs |= S2_MEMATTR_DEVICE | PTE_XN;
	else
		attrs |= S2_MEMATTR_NORMAL;
	if (!(mem->flags & JH_MEM_EXECUTE))
		attrs |= PTE_XN;
	return paging_map(s2_format, cell->arch.stage2_root, mem->virt_start,
			  phys, mem->size, attrs,
			  !(mem->flags & JH_MEM_NO_HUGEPAGES));
}

int arch_unmap_memory(struct cell *cell, u64 virt, u64 size)
{
	if (!cell->arch.stage2_root)
		return 0;
	return paging_unmap(s2_format, cell->arch.stage2_root, virt, size);
}

/*
 * Cell RAM seen by the hypervisor (normal memory, never executable), so
 * that it can read images out of the root cell and scrub memory that
 * changes hands. The mapping stays: the hypervisor is trusted with all
 * memory anyway.
 */
int arch_map_hv_ram(u64 phys, u64 size)
{
	u64 start = phys & PAGE_MASK;
	u64 end = (phys + size + PAGE_SIZE - 1) & PAGE_MASK;

	return hv_map(start, end - start,
		      S1_ATTR_NORMAL | PTE_SH_INNER | PTE_XN, true);
}

/* Make stage-2 changes visible everywhere (all VMIDs, all CPUs). */
void arch_flush_guest_tlbs(void)
{
	asm volatile("dsb ishst\n\ttlbi alle1is\n\tdsb ish\n\tisb"
		     : : : "memory");
}

void arch_cell_destroy(struct cell *cell)
{
	paging_destroy(s2_format, cell->arch.stage2_root);
	cell->arch.stage2_root = NULL;
	arch_flush_guest_tlbs();
}

/* Data written through the hypervisor's map reaches memory. */
void arch_clean_dcache(u64 start, u64 size)
{
	clean_invalidate(start, size);
}
