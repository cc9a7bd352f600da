/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the hypervisor takes from a cell image's jh extension block
 * (schema/jh-cell-ext.h): watchdog period, preserved regions, flags.
 */
#ifndef JH_HV_CELL_EXT_H
#define JH_HV_CELL_EXT_H

#include "types.h"
#include <jh-cell-format.h>

struct cell_ext {
	u32 flags;		/* JH_EXT_ALLOW_HV_PROBE, ... */
	u32 watchdog_ms;	/* 0: no watchdog */
	u64 preserve;		/* bit n: region n is not scrubbed */
};

/*
 * Check the block after the standard arrays (@size - @std_size bytes,
 * none is fine) and fill @ext. 0 or -EINVAL with a message naming @w.
 */
int cell_ext_parse(const char *w, const struct jh_cell_desc *c,
		   const u8 *image, u64 size, u64 std_size,
		   struct cell_ext *ext);

#endif
