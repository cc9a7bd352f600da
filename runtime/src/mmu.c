// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Identity map, 4 KiB granule, 39-bit addresses (T0SZ 25, walk from
 * level 1): 512 level-1 entries of 1 GiB, all Device, except the GiB of
 * the image and of the comm region, which get a level-2 table of 2 MiB
 * Device blocks with one level-3 table of 4 KiB pages where the image
 * (resp. the comm region page) is Normal memory.
 */
#include "rt.h"

#define DESC_TABLE		0x3ul
#define DESC_BLOCK		0x1ul
#define DESC_PAGE		0x3ul
#define DESC_ATTR(idx)		((u64)(idx) << 2)
#define DESC_SH_INNER		(3ul << 8)
#define DESC_AP_EL0		(1ul << 6)	/* AP[1]: EL0 access */
#define DESC_AP_RO		(1ul << 7)	/* AP[2]: read-only */
#define DESC_AF			(1ul << 10)
#define DESC_PXN		(1ul << 53)
#define DESC_UXN		(1ul << 54)

/* MAIR_EL1: index 0 Device-nGnRE, index 1 Normal write-back. */
#define MAIR_VALUE		(0x04ul | 0xfful << 8)
#define ATTR_DEVICE		(DESC_ATTR(0) | DESC_AF | DESC_PXN | DESC_UXN)
#define ATTR_NORMAL		(DESC_ATTR(1) | DESC_AF | DESC_SH_INNER)

/* T0SZ 25, walks cached (inner/outer WB WA, inner shareable), no TTBR1. */
#define TCR_BASE		(25ul | 1ul << 8 | 1ul << 10 | 3ul << 12 | \
				 1ul << 23)
#define TCR_IPS_SHIFT		32

#define SZ_4K			0x1000ul
#define SZ_2M			0x200000ul
#define SZ_1G			0x40000000ul
#define ADDR_LIMIT		(1ul << 39)

struct mmu_regs rt_mmu_regs;
static bool enabled;

#ifndef JH_RT_NO_MMU
static u64 l1[512] __aligned(4096);
static u64 l2_image[512] __aligned(4096);
static u64 l3_image[512] __aligned(4096);
static u64 l2_comm[512] __aligned(4096);
static u64 l3_comm[512] __aligned(4096);

extern char __image_start[], __memory_end[];

/* A level-2 table of Device blocks for the GiB at base. */
static void fill_l2_device(u64 *l2, u64 base)
{
	for (unsigned int i = 0; i < 512; i++)
		l2[i] = (base + i * SZ_2M) | ATTR_DEVICE | DESC_BLOCK;
}

/* Pages of the 2 MiB at base: Normal inside [lo, hi), else Device. */
static void fill_l3(u64 *l3, u64 base, u64 lo, u64 hi)
{
	for (unsigned int i = 0; i < 512; i++) {
		u64 pa = base + i * SZ_4K;

		l3[i] = pa | DESC_PAGE |
			(pa >= lo && pa < hi ? ATTR_NORMAL : ATTR_DEVICE);
	}
}

/*
 * Map [lo, hi) Normal, inside one 2 MiB block: l2/l3 are the tables to
 * use if the GiB has none yet; returns false if the range crosses a
 * 2 MiB boundary or another range already claimed its block.
 */
static bool map_normal(u64 lo, u64 hi, u64 *l2, u64 *l3)
{
	u64 gib = lo & ~(SZ_1G - 1), blk = lo & ~(SZ_2M - 1);
	u64 *l2_used, *l3_used;
	unsigned int i1 = lo / SZ_1G, i2 = (lo / SZ_2M) % 512;

	if (hi > blk + SZ_2M || hi > ADDR_LIMIT)
		return false;
	if ((l1[i1] & 3) == DESC_TABLE) {
		l2_used = (u64 *)(uintptr_t)(l1[i1] & ~0xffful);
	} else {
		fill_l2_device(l2, gib);
		l1[i1] = (u64)(uintptr_t)l2 | DESC_TABLE;
		l2_used = l2;
	}
	if ((l2_used[i2] & 3) == DESC_TABLE) {
		/* Same 2 MiB as an earlier range: add the pages. */
		l3_used = (u64 *)(uintptr_t)(l2_used[i2] & ~0xffful);
		for (u64 pa = lo; pa < hi; pa += SZ_4K)
			l3_used[(pa - blk) / SZ_4K] = pa | DESC_PAGE |
						      ATTR_NORMAL;
		return true;
	}
	fill_l3(l3, blk, lo, hi);
	l2_used[i2] = (u64)(uintptr_t)l3 | DESC_TABLE;
	return true;
}

/* --- EL0 access ---------------------------------------------------- */

#define DESC_ATTR_MASK		(7ul << 2)
#define DESC_OA_MASK		0x0000fffffffff000ul

static struct mmu_table *spare;
static unsigned int spares;

void mmu_add_tables(struct mmu_table *tables, unsigned int n)
{
	/* only the newest pool is kept: enough for the use intended */
	spare = tables;
	spares = n;
}

static u64 *take_table(void)
{
	if (!spares)
		return NULL;
	spares--;
	return spare++->entry;
}

/* Make the TLBs of every CPU forget the old entries. */
static void tlb_flush_all(void)
{
	dsb(ishst);
	__asm__ volatile("tlbi vmalle1is" : : : "memory");
	dsb(ish);
	isb();
}

/*
 * Replace the valid block entry *@slot by @table (which maps the same
 * addresses with the same attributes): invalidate, flush, then write
 * the table entry, as the architecture requires for a change of block
 * size.
 */
static void split_block(u64 *slot, u64 *table)
{
	dsb(ishst);		/* the new table is in memory */
	*slot = 0;
	tlb_flush_all();
	*slot = (u64)(uintptr_t)table | DESC_TABLE;
	dsb(ishst);
	isb();
}

/* The level-3 table of the 2 MiB at @pa, split from blocks if needed. */
static u64 *l3_for(u64 pa)
{
	unsigned int i1 = pa / SZ_1G, i2 = (pa / SZ_2M) % 512;
	u64 *l2, *l3, blk;

	if ((l1[i1] & 3) != DESC_TABLE) {
		l2 = take_table();
		if (!l2)
			return NULL;
		fill_l2_device(l2, pa & ~(SZ_1G - 1));
		split_block(&l1[i1], l2);
	}
	l2 = (u64 *)(uintptr_t)(l1[i1] & DESC_OA_MASK);
	if ((l2[i2] & 3) == DESC_TABLE)
		return (u64 *)(uintptr_t)(l2[i2] & DESC_OA_MASK);
	l3 = take_table();
	if (!l3)
		return NULL;
	/* every block outside the inmate's own pages is Device */
	blk = pa & ~(SZ_2M - 1);
	fill_l3(l3, blk, 0, 0);
	split_block(&l2[i2], l3);
	return l3;
}

/* Normal memory lives in level-3 tables only (the inmate, comm page). */
static bool is_normal(u64 pa)
{
	u64 *l2, *l3, e = l1[pa / SZ_1G];

	if ((e & 3) != DESC_TABLE)
		return false;
	l2 = (u64 *)(uintptr_t)(e & DESC_OA_MASK);
	e = l2[(pa / SZ_2M) % 512];
	if ((e & 3) != DESC_TABLE)
		return false;
	l3 = (u64 *)(uintptr_t)(e & DESC_OA_MASK);
	return (l3[(pa / SZ_4K) % 512] & DESC_ATTR_MASK) == DESC_ATTR(1);
}

static unsigned int tables_needed(u64 lo, u64 hi)
{
	unsigned int n = 0;
	u64 pa, gib = ~0ul;

	for (pa = lo & ~(SZ_2M - 1); pa < hi; pa += SZ_2M) {
		u64 i1 = pa / SZ_1G;
		u64 *l2;

		if ((l1[i1] & 3) != DESC_TABLE) {
			if (gib != i1)
				n++;
			gib = i1;
			n++;
			continue;
		}
		l2 = (u64 *)(uintptr_t)(l1[i1] & DESC_OA_MASK);
		if ((l2[(pa / SZ_2M) % 512] & 3) != DESC_TABLE)
			n++;
	}
	return n;
}

const char *mmu_map_user(unsigned long lo, unsigned long hi,
			 enum mmu_user_prot prot)
{
	u64 pa, set, clear = DESC_AP_EL0 | DESC_AP_RO | DESC_PXN | DESC_UXN;

	lo &= ~(SZ_4K - 1);
	hi = (hi + SZ_4K - 1) & ~(SZ_4K - 1);
	if (!enabled)
		return "the MMU is off";
	if (hi > ADDR_LIMIT || lo >= hi)
		return "the range is empty or beyond 39 bits";
	if (tables_needed(lo, hi) > spares)
		return "not enough spare tables (mmu_add_tables)";
	switch (prot) {
	case MMU_USER_RW:
		set = DESC_AP_EL0 | DESC_PXN | DESC_UXN;
		break;
	case MMU_USER_RO:
		set = DESC_AP_EL0 | DESC_AP_RO | DESC_PXN | DESC_UXN;
		break;
	default:
		set = DESC_AP_EL0 | DESC_AP_RO | DESC_PXN;
		break;
	}
	if (prot == MMU_USER_RX)
		for (pa = lo; pa < hi; pa += SZ_4K)
			if (!is_normal(pa))
				return "EL0 code outside the inmate's memory";
	for (pa = lo; pa < hi; pa += SZ_4K) {
		u64 *l3 = l3_for(pa), *e;

		if (!l3)
			return "not enough spare tables (mmu_add_tables)";
		e = &l3[(pa / SZ_4K) % 512];
		/* a change of permissions only: no break needed */
		*e = (*e & ~clear) | set;
	}
	tlb_flush_all();
	return NULL;
}

const char *mmu_init(void)
{
	u64 lo = (uintptr_t)__image_start & ~(SZ_4K - 1);
	u64 hi = ((uintptr_t)__memory_end + SZ_4K - 1) & ~(SZ_4K - 1);
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	for (unsigned int i = 0; i < 512; i++)
		l1[i] = (i * SZ_1G) | ATTR_DEVICE | DESC_BLOCK;
	if (!map_normal(lo, hi, l2_image, l3_image))
		return "the image crosses a 2 MiB boundary";
	if (rt_env.comm &&
	    !map_normal(JH_COMM_REGION_INMATE_ADDR,
			JH_COMM_REGION_INMATE_ADDR + SZ_4K, l2_comm, l3_comm))
		return "the comm region cannot be mapped";

	rt_mmu_regs.mair = MAIR_VALUE;
	rt_mmu_regs.tcr = TCR_BASE |
			  (parange > 5 ? 5 : parange) << TCR_IPS_SHIFT;
	rt_mmu_regs.ttbr0 = (uintptr_t)l1;
	/* Everything above reached memory before any CPU caches it. */
	dsb(sy);
	rt_mmu_enable(&rt_mmu_regs);
	enabled = true;
	return NULL;
}
#else
const char *mmu_init(void)
{
	return NULL;
}

void mmu_add_tables(struct mmu_table *tables, unsigned int n)
{
	(void)tables;
	(void)n;
}

const char *mmu_map_user(unsigned long lo, unsigned long hi,
			 enum mmu_user_prot prot)
{
	(void)lo;
	(void)hi;
	(void)prot;
	return "the MMU is off (built with JH_RT_NO_MMU)";
}
#endif

bool mmu_enabled(void)
{
	return enabled;
}
