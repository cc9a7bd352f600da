// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building and trimming translation tables, whatever the architecture:
 * the walk, block splitting and table allocation live here, the entry
 * format comes from struct paging_format. Tables come from the page pool
 * and are reached through the hypervisor's identity map.
 */
#include <page_pool.h>
#include <paging.h>

#define ENTRIES		512

/* Free the tables below a table entry of @level (not the memory mapped). */
static void free_subtree(const struct paging_format *f, u64 entry,
			 unsigned int level)
{
	u64 *table;
	unsigned int n;

	if (level >= f->last_level || !f->is_table(entry, level))
		return;
	table = (u64 *)f->entry_phys(entry);
	for (n = 0; n < ENTRIES; n++)
		free_subtree(f, table[n], level + 1);
	page_free(table);
}

void paging_destroy(const struct paging_format *f, u64 *root)
{
	unsigned int n;

	if (!root)
		return;
	for (n = 0; n < ENTRIES; n++)
		free_subtree(f, root[n], f->first_level);
	page_free(root);
}

/* The end of the address space the root table covers. */
static u64 top_of(const struct paging_format *f)
{
	return 1ull << (f->shift[f->first_level] + 9);
}

static unsigned int index_of(const struct paging_format *f, u64 va,
			     unsigned int level)
{
	return (va >> f->shift[level]) & (ENTRIES - 1);
}

/* Replace a block by a table of smaller leaves with the same mapping. */
static u64 *split_block(const struct paging_format *f, u64 *entry,
			unsigned int level)
{
	u64 *table = page_alloc();
	u64 attrs = f->leaf_attrs(*entry, level);
	u64 pa = f->entry_phys(*entry);
	u64 step = 1ull << f->shift[level + 1];
	unsigned int n;

	if (!table)
		return NULL;
	for (n = 0; n < ENTRIES; n++)
		table[n] = f->leaf_entry(level + 1, pa + n * step, attrs);
	f->sync();
	*entry = f->table_entry((u64)table);
	return table;
}

/* The table below @entry, created (or split) when @create. */
static u64 *next_table(const struct paging_format *f, u64 *entry,
		       unsigned int level, bool create)
{
	u64 *table;

	if (f->is_table(*entry, level))
		return (u64 *)f->entry_phys(*entry);
	if (f->valid(*entry))
		return split_block(f, entry, level);
	if (!create)
		return NULL;
	table = page_alloc();
	if (table)
		*entry = f->table_entry((u64)table);
	return table;
}

int paging_map(const struct paging_format *f, u64 *root, u64 va, u64 pa,
	       u64 size, u64 attrs, bool huge_ok)
{
	/* indexes would wrap around and alias lower addresses */
	if (va >= top_of(f) || size > top_of(f) - va)
		return -EINVAL;
	while (size) {
		u64 *table = root;
		unsigned int level;

		for (level = f->first_level; level <= f->last_level; level++) {
			u64 block = 1ull << f->shift[level];
			u64 *entry = &table[index_of(f, va, level)];

			if (level == f->last_level ||
			    (huge_ok && f->block_ok[level] &&
			     ALIGNED(va | pa, block) && size >= block)) {
				u64 old = *entry;

				*entry = f->leaf_entry(level, pa, attrs);
				/* a block replacing a table: no table leaks */
				free_subtree(f, old, level);
				va += block;
				pa += block;
				size -= block;
				break;
			}
			table = next_table(f, entry, level, true);
			if (!table)
				return -ENOMEM;
		}
	}
	f->sync();
	return 0;
}

int paging_unmap(const struct paging_format *f, u64 *root, u64 va,
		 u64 size)
{
	/* nothing can be mapped beyond the root table's reach */
	if (va >= top_of(f))
		return 0;
	size = MIN(size, top_of(f) - va);
	while (size) {
		u64 *table = root;
		unsigned int level;

		for (level = f->first_level; level <= f->last_level; level++) {
			u64 block = 1ull << f->shift[level];
			u64 *entry = &table[index_of(f, va, level)];
			u64 span = block - (va & (block - 1));

			/* a page goes as a whole, even if partly named */
			if (!f->valid(*entry) || level == f->last_level ||
			    (ALIGNED(va, block) && size >= block)) {
				u64 old = *entry;

				*entry = 0;
				free_subtree(f, old, level);
				span = MIN(span, size);
				va += span;
				size -= span;
				break;
			}
			table = next_table(f, entry, level, false);
			if (!table)
				return -ENOMEM;
		}
	}
	f->sync();
	return 0;
}
