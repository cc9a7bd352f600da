// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building and trimming 4 KiB-granule translation tables (levels 1-3).
 * Tables come from the page pool and are identity-mapped at EL2.
 */
#include <page_pool.h>
#include <asm/paging.h>

/* 30, 21, 12 for levels 1-3 */
#define LEVEL_SHIFT(l)	(39 - 9 * (l))
#define INDEX(va, l)	(((va) >> LEVEL_SHIFT(l)) & 0x1ff)

static bool is_table(u64 pte, unsigned int level)
{
	return level < 3 && (pte & (PTE_VALID | PTE_TABLE)) ==
			    (PTE_VALID | PTE_TABLE);
}

/* Replace a block by a table of smaller blocks with the same mapping. */
static u64 *split_block(u64 *pte, unsigned int level)
{
	u64 *table = page_alloc();
	u64 attrs = *pte & ~PTE_ADDR_MASK & ~(u64)(PTE_TABLE);
	u64 pa = *pte & PTE_ADDR_MASK;
	u64 step = 1ull << LEVEL_SHIFT(level + 1);
	unsigned int n;

	if (!table)
		return NULL;
	for (n = 0; n < 512; n++)
		table[n] = (pa + n * step) | attrs |
			   (level + 1 == 3 ? PTE_TABLE : 0);
	asm volatile("dsb ishst" : : : "memory");
	*pte = (u64)table | PTE_VALID | PTE_TABLE;
	return table;
}

/* The table one level below @pte, created (or split) when @create. */
static u64 *next_table(u64 *pte, unsigned int level, bool create)
{
	if (is_table(*pte, level))
		return (u64 *)(*pte & PTE_ADDR_MASK);
	if (*pte & PTE_VALID)
		return split_block(pte, level);
	if (!create)
		return NULL;
	u64 *table = page_alloc();

	if (table)
		*pte = (u64)table | PTE_VALID | PTE_TABLE;
	return table;
}

int paging_map(u64 *root, u64 va, u64 pa, u64 size, u64 attrs,
	       bool huge_ok)
{
	while (size) {
		u64 *table = root;
		unsigned int level;

		for (level = 1; level <= 3; level++) {
			u64 block = 1ull << LEVEL_SHIFT(level);
			u64 *pte = &table[INDEX(va, level)];

			if (level == 3 ||
			    (huge_ok && ALIGNED(va | pa, block) &&
			     size >= block)) {
				*pte = pa | attrs | PTE_VALID | PTE_AF |
				       (level == 3 ? PTE_TABLE : 0);
				va += block;
				pa += block;
				size -= block;
				break;
			}
			table = next_table(pte, level, true);
			if (!table)
				return -ENOMEM;
		}
	}
	return 0;
}

int paging_unmap(u64 *root, u64 va, u64 size)
{
	while (size) {
		u64 *table = root;
		unsigned int level;

		for (level = 1; level <= 3; level++) {
			u64 block = 1ull << LEVEL_SHIFT(level);
			u64 *pte = &table[INDEX(va, level)];
			u64 span = block - (va & (block - 1));

			/* a page goes as a whole, even if partly named */
			if (!(*pte & PTE_VALID) || level == 3 ||
			    (ALIGNED(va, block) && size >= block)) {
				/* nothing here, or all of it goes */
				*pte = 0;
				span = MIN(span, size);
				va += span;
				size -= span;
				break;
			}
			table = next_table(pte, level, false);
			if (!table)
				return -ENOMEM;
		}
	}
	return 0;
}
