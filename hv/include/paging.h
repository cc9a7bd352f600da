/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Translation tables, architecture-neutral: a radix tree of 4 KiB tables
 * of 512 64-bit entries, walked from the top level down. The architecture
 * describes its entry format (struct paging_format); the leaf attributes
 * are its business and pass through here untouched.
 */
#ifndef JH_HV_PAGING_H
#define JH_HV_PAGING_H

#include "types.h"

#define PAGING_MAX_LEVELS	5

/*
 * Levels are numbered as the architecture numbers them; a walk goes from
 * first_level (the root table) down to last_level (pages), so one entry
 * format serves trees of different depths. The callbacks get these
 * numbers.
 */
struct paging_format {
	unsigned int first_level, last_level;
	/* address bits below each level's index */
	unsigned int shift[PAGING_MAX_LEVELS];
	/* may an entry of this level (not the last) map a block? */
	bool block_ok[PAGING_MAX_LEVELS];
	bool (*valid)(u64 entry);
	bool (*is_table)(u64 entry, unsigned int level);
	u64 (*table_entry)(u64 table_phys);
	u64 (*leaf_entry)(unsigned int level, u64 phys, u64 attrs);
	u64 (*entry_phys)(u64 entry);
	/* the attributes of a leaf, as leaf_entry() takes them */
	u64 (*leaf_attrs)(u64 entry, unsigned int level);
	/* make table updates visible to the table walker */
	void (*sync)(void);
};

/*
 * Map [va, va+size) to pa with leaf attributes; 0, -ENOMEM, or -EINVAL
 * if the range goes beyond what the root table covers.
 */
int paging_map(const struct paging_format *f, u64 *root, u64 va, u64 pa,
	       u64 size, u64 attrs, bool huge_ok);
/* Remove [va, va+size) (whole pages), splitting larger blocks. */
int paging_unmap(const struct paging_format *f, u64 *root, u64 va,
		 u64 size);

/* Free every table of the tree, the root included (not the memory). */
void paging_destroy(const struct paging_format *f, u64 *root);

#endif
