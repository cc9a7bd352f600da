/* SPDX-License-Identifier: GPL-2.0-only */
/* Architecture part of struct cell. */
#ifndef JH_ASM_CELL_H
#define JH_ASM_CELL_H

#include <types.h>

struct arch_cell {
	u64 *stage2_root;	/* level-1 table of the stage-2 translation */
	u16 vmid;
};

#endif
