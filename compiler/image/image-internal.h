/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared between the image reader and writer: the extension block codec.
 */
#ifndef JH_IMAGE_INTERNAL_H
#define JH_IMAGE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "image.h"

/*
 * Does `cell` use a feature that only the extension block can carry?
 * With `report`, each such feature is reported as an error at the place
 * it was asked for (for --abi=jailhouse-r14).
 */
bool jh_ext_needed(const struct jh_cell *cell, struct jh_diags *d,
		   bool report);

/* Size in bytes of the cell's extension block (0 when not needed). */
size_t jh_ext_size(const struct jh_cell *cell);

/* Write the block into `out` (jh_ext_size() bytes, zeroed by caller). */
void jh_ext_write(const struct jh_cell *cell, uint8_t *out);

/*
 * Decode the block found at image offset `off` (the bytes `buf[off..len)`
 * that follow the standard arrays) into `cell`. Reports every problem with
 * its offset; returns false when the block is malformed.
 */
bool jh_ext_read(const uint8_t *buf, size_t len, size_t off,
		 const char *file, struct jh_diags *d, struct jh_cell *cell);

/* Location in an image: file, byte offset, optional array and index. */
static inline struct jh_loc jh_image_loc(const char *file, uint64_t off,
					 const char *array, int32_t index)
{
	struct jh_loc l = JH_LOC_NONE;

	l.file = file;
	l.offset = (int64_t)off;
	l.array = array;
	l.index = index;
	return l;
}

#endif /* JH_IMAGE_INTERNAL_H */
