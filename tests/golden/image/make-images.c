// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes the hand-built sample systems as image files, so the golden
 * tests can run jh-dump (and jh-compile) on them:
 *   make-images OUTDIR   ->  OUTDIR/v<N>/system.cell, <cell>.cell
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "image/image-file.h"
#include "image/image.h"
#include "sample.h"

static int write_variant(const char *dir, int v, struct jh_diags *d)
{
	struct jh_system sys;
	char path[4096];
	int rc = 0;

	sample_system(&sys, v);
	snprintf(path, sizeof(path), "%s/v%d", dir, v);
	mkdir(path, 0755);
	for (size_t c = 0; c < sys.cells.n; c++) {
		size_t len;
		uint8_t *img = c ? jh_image_write_cell(&sys, c, JH_ABI_JH, d,
						       &len)
				 : jh_image_write_system(&sys, JH_ABI_JH, d,
							 &len);

		snprintf(path, sizeof(path), "%s/v%d/%s.cell", dir, v,
			 c ? sys.cells.v[c].name : "system");
		if (!img || !jh_write_file_atomic(path, img, len, d))
			rc = 1;
		free(img);
	}
	jh_system_free(&sys);
	return rc;
}

int main(int argc, char **argv)
{
	struct jh_diags d;
	int rc = 0;

	if (argc != 2) {
		fputs("usage: make-images OUTDIR\n", stderr);
		return 2;
	}
	mkdir(argv[1], 0755);
	jh_diags_init(&d);
	for (int v = 0; v < SAMPLE_VARIANTS; v++)
		rc |= write_variant(argv[1], v, &d);
	jh_diags_print(&d, stderr, false, false);
	jh_diags_free(&d);
	return rc;
}
