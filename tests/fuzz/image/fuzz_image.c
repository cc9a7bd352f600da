// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the image reader. Any input must be either
 * rejected with at least one error at a byte offset, or accepted; an
 * accepted image must be written back byte for byte (the reader accepts
 * only canonical images) and must print as YAML and as a raw listing.
 * Violations abort, which libFuzzer reports as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "image/image-raw.h"
#include "image/image.h"
#include "jh-cell-format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_accepted(const uint8_t *data, size_t size,
			   struct jh_system *sys, struct jh_diags *d)
{
	size_t len = 0;
	uint8_t *again;
	FILE *null = fopen("/dev/null", "w");

	if (memcmp(data, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE) == 0)
		again = jh_image_write_system(sys, JH_ABI_JH, d, &len);
	else
		again = jh_image_write_cell(sys, sys->cells.n - 1, JH_ABI_JH,
					    d, &len);
	if (!again || len != size || memcmp(again, data, size) != 0) {
		fprintf(stderr, "accepted image not reproduced (%zu vs %zu "
			"bytes)\n", len, size);
		abort();
	}
	free(again);
	if (!null)
		abort();
	if (!jh_emit_image_form(sys, null, d) ||
	    !jh_image_print_raw(data, size, "fuzz.cell", d, null))
		abort();
	fclose(null);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jh_diags d;
	struct jh_system sys;

	jh_diags_init(&d);
	jh_system_init(&sys);
	if (jh_image_read(data, size, "fuzz.cell", &d, &sys)) {
		if (d.errors)
			abort();
		check_accepted(data, size, &sys, &d);
	} else if (d.errors == 0 || d.v[0].loc.offset < 0) {
		fputs("rejected without an error at an offset\n", stderr);
		abort();
	}
	jh_system_free(&sys);
	jh_diags_free(&d);
	return 0;
}
