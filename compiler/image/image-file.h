/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * File helpers of the image library: load a whole file, write one
 * atomically (temporary file in the same directory, then rename).
 */
#ifndef JH_IMAGE_FILE_H
#define JH_IMAGE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/diag.h"

/* Read all of `path`; NULL after reporting why. Caller frees. */
uint8_t *jh_image_load_file(const char *path, size_t *len,
			    struct jh_diags *d);

/*
 * Write `len` bytes to `path` so that readers see either the old file or
 * the complete new one, never a part: write a temporary file next to it,
 * flush it to disk, rename it over `path`. Reports and returns false on
 * failure (the temporary file is removed).
 */
bool jh_write_file_atomic(const char *path, const void *data, size_t len,
			  struct jh_diags *d);

/*
 * The two halves of that, for writing several files as a set: write every
 * temporary file first, and rename them only when all were written
 * (jh_commit_temp), else remove them (jh_discard_temp). Both take over
 * the temporary name returned by jh_write_temp and free it.
 */
char *jh_write_temp(const char *path, const void *data, size_t len,
		    struct jh_diags *d);
bool jh_commit_temp(char *tmp, const char *path, struct jh_diags *d);
void jh_discard_temp(char *tmp);

#endif /* JH_IMAGE_FILE_H */
