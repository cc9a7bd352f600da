// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's own EL2 translation (identity map of its memory and
 * of the few devices it drives) and the cells' stage-2 translations.
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
static u64 pa_range;	/* ID_AA64MMFR0_EL1.PARange, for TCR/VTCR.PS */

static int map(u64 *root, u64 va, u64 pa, u64 size, u64 attrs, bool huge)
{
	return paging_map(&arm64_paging, root, va, pa, size, attrs, huge);
}

static int map_device(u64 base, u64 size)
{
	if (!base)
		return 0;
	return map(hv_root, base & PAGE_MASK, base & PAGE_MASK,
		   (size + (base & ~PAGE_MASK) + PAGE_SIZE - 1) & PAGE_MASK,
		   S1_ATTR_DEVICE | PTE_XN | PTE_SH_INNER, false);
}

/* Build the EL2 map on the boot CPU (MMU still off). */
int arch_mmu_prepare(void)
{
	const struct jh_system_desc *sys = boot.system;
	const struct jh_platform_arm *arm = &sys->platform.arm;
	const struct jh_memory *hv = &sys->hypervisor_memory;
	u64 text = (u64)__hv_start, ro_end = (u64)__ro_end;

	pa_range = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	if (pa_range > 2)
		pa_range = 2;	/* 40 bits are plenty for QEMU virt */

	hv_root = page_alloc();
	/* W^X: code and constants read-only, everything else never run */
	if (!hv_root ||
	    map(hv_root, hv->phys_start, hv->phys_start, hv->size,
		S1_ATTR_NORMAL | PTE_SH_INNER | PTE_XN, true) ||
	    map(hv_root, text, text, ro_end - text,
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
		printk("jh: boot error: no memory for the EL2 page tables\n");
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
	u64 tcr = (64 - VA_BITS) | (1 << 8) | (1 << 10) | (3 << 12) |
		  (pa_range << 16) | BIT(23) | BIT(31);

	write_sysreg(mair_el2, MAIR_EL2_VALUE);
	write_sysreg(tcr_el2, tcr);
	write_sysreg(ttbr0_el2, hv_root);
	/* stage 2: 39-bit IPA, start level 1, write-back walks */
	write_sysreg(vtcr_el2, (64 - VA_BITS) | (1 << 6) | (1 << 8) |
		     (1 << 10) | (3 << 12) | (pa_range << 16) | BIT(31));
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
	return map(cell->arch.stage2_root, mem->virt_start, phys, mem->size,
		   attrs, !(mem->flags & JH_MEM_NO_HUGEPAGES));
}

int arch_unmap_memory(struct cell *cell, u64 virt, u64 size)
{
	if (!cell->arch.stage2_root)
		return 0;
	return paging_unmap(&arm64_paging, cell->arch.stage2_root, virt, size);
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

	return map(hv_root, start, start, end - start,
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
	paging_destroy(&arm64_paging, cell->arch.stage2_root);
	cell->arch.stage2_root = NULL;
	arch_flush_guest_tlbs();
}

/* Data written through the hypervisor's map reaches memory. */
void arch_clean_dcache(u64 start, u64 size)
{
	clean_invalidate(start, size);
}
