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
#endif

bool mmu_enabled(void)
{
	return enabled;
}
