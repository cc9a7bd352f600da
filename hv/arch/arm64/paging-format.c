// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch64 translation-table format for the core's paging code: 4 KiB
 * granule, 39-bit addresses, levels 1-3 (1 GiB and 2 MiB blocks). The
 * hypervisor's EL2 stage-1 map and the cells' stage-2 maps share it and
 * differ only in the leaf attributes.
 */
#include <asm/paging.h>

static bool arm64_valid(u64 e)
{
	return e & PTE_VALID;
}

static bool arm64_is_table(u64 e, unsigned int level)
{
	return level < 2 && (e & (PTE_VALID | PTE_TABLE)) ==
			    (PTE_VALID | PTE_TABLE);
}

static u64 arm64_table_entry(u64 table)
{
	return table | PTE_VALID | PTE_TABLE;
}

/* attrs: everything but the address and the valid/type bits */
static u64 arm64_leaf_entry(unsigned int level, u64 pa, u64 attrs)
{
	return pa | attrs | PTE_VALID | PTE_AF | (level == 2 ? PTE_TABLE : 0);
}

static u64 arm64_entry_phys(u64 e)
{
	return e & PTE_ADDR_MASK;
}

static u64 arm64_leaf_attrs(u64 e, unsigned int level __unused)
{
	return e & ~PTE_ADDR_MASK & ~(PTE_VALID | PTE_TABLE);
}

static void arm64_sync(void)
{
	asm volatile("dsb ishst" : : : "memory");
}

const struct paging_format arm64_paging = {
	.levels = 3,
	.shift = { 30, 21, 12 },
	.block_ok = { true, true, false },
	.valid = arm64_valid,
	.is_table = arm64_is_table,
	.table_entry = arm64_table_entry,
	.leaf_entry = arm64_leaf_entry,
	.entry_phys = arm64_entry_phys,
	.leaf_attrs = arm64_leaf_attrs,
	.sync = arm64_sync,
};
