// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading image files from disk into the model.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image-internal.h"
#include "image-file.h"

/* Images are small; anything bigger than this is not one. */
#define JH_IMAGE_MAX_FILE (256u << 20)

uint8_t *jh_image_load_file(const char *path, size_t *len,
			    struct jh_diags *d)
{
	struct jh_loc loc = JH_LOC_NONE;
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;
	FILE *f;

	loc.file = path;
	f = fopen(path, "rb");
	if (!f) {
		jh_error(d, loc, "cannot open: %s", strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			if (cap >= JH_IMAGE_MAX_FILE) {
				jh_error(d, loc, "larger than %u MiB: not an "
					 "image", JH_IMAGE_MAX_FILE >> 20);
				free(buf);
				fclose(f);
				return NULL;
			}
			cap = cap ? 2 * cap : 4096;
			buf = jh_xrealloc_array(buf, cap, 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		jh_error(d, loc, "read error: %s", strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

bool jh_image_read_files(char *const *files, size_t num,
			 struct jh_diags *d, struct jh_system *sys)
{
	bool ok = true;

	for (size_t i = 0; i < num; i++) {
		size_t len;
		uint8_t *buf = jh_image_load_file(files[i], &len, d);

		if (!buf) {
			ok = false;
			continue;
		}
		if (!jh_image_read(buf, len, files[i], d, sys))
			ok = false;
		free(buf);
	}
	return ok;
}
