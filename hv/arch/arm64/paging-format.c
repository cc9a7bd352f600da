// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AArch64 translation-table format for the core's paging code: 4 KiB
 * granule, levels 0-3 (1 GiB and 2 MiB blocks at levels 1 and 2). The
 * hypervisor's EL2 stage-1 map and the cells' stage-2 maps share it and
 * differ only in the leaf attributes. A walk starts at level 1 for
 * addresses of up to 39 bits, at level 0 for up to 48 bits.
 */
#include <asm/paging.h>
#include <asm/sysregs.h>

static bool arm64_valid(u64 e)
{
	return e & PTE_VALID;
}

static bool arm64_is_table(u64 e, unsigned int level)
{
	return level < 3 && (e & (PTE_VALID | PTE_TABLE)) ==
			    (PTE_VALID | PTE_TABLE);
}

static u64 arm64_table_entry(u64 table)
{
	return table | PTE_VALID | PTE_TABLE;
}

/* attrs: everything but the address and the valid/type bits */
static u64 arm64_leaf_entry(unsigned int level, u64 pa, u64 attrs)
{
	return pa | attrs | PTE_VALID | PTE_AF | (level == 3 ? PTE_TABLE : 0);
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

#define ARM64_FORMAT(first)					\
	{							\
		.first_level = (first),				\
		.last_level = 3,				\
		.shift = { 39, 30, 21, 12 },			\
		.block_ok = { false, true, true, false },	\
		.valid = arm64_valid,				\
		.is_table = arm64_is_table,			\
		.table_entry = arm64_table_entry,		\
		.leaf_entry = arm64_leaf_entry,			\
		.entry_phys = arm64_entry_phys,			\
		.leaf_attrs = arm64_leaf_attrs,			\
		.sync = arm64_sync,				\
	}

static const struct paging_format arm64_from_level[2] = {
	ARM64_FORMAT(0), ARM64_FORMAT(1),
};

const struct paging_format *arm64_paging(unsigned int bits)
{
	return &arm64_from_level[bits <= 39];
}

/*
 * ID_AA64MMFR0_EL1.PARange, at most 5 (48 bits): 52-bit addresses need
 * FEAT_LPA2 or the 64 KiB granule, which this format does not use.
 */
unsigned int arm64_pa_range(void)
{
	u64 range = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return range < 5 ? range : 5;
}

unsigned int arm64_pa_bits(void)
{
	static const u8 bits[] = { 32, 36, 40, 42, 44, 48 };

	return bits[arm64_pa_range()];
}

/*
 * A stage-2 walk may start at level 0 only if the output size is 44 bits
 * or more; below that, start at level 1 and give guests 39 bits at most
 * (rather than concatenated root tables).
 */
unsigned int arm64_ipa_bits(void)
{
	unsigned int pa = arm64_pa_bits();

	return pa >= 44 ? pa : MIN(pa, 39);
}
