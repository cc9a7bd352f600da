// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the hypervisor's boot bundle and image checks
 * (core/bundle.c, core/image_check.c): any input, placed in a buffer of
 * exactly its size, must be accepted or rejected with a reason, without
 * reading outside the buffer or undefined behaviour.
 */
#include <stdlib.h>
#include <boot.h>
#include <string.h>
#include "host-stubs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int said_why(void)
{
	static const char why[] = "jh: boot error: ";
	size_t i;

	for (i = 0; i + sizeof(why) - 1 <= out_len; i++)
		if (!memcmp(out + i, why, sizeof(why) - 1))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	memset(&boot, 0, sizeof(boot));
	hv_image_start = 0x7fc00000;
	hv_image_end = 0x7fc40000;
	out_len = 0;
	if ((bundle_parse(copy, size) || images_check()) && !said_why())
		abort();	/* rejected without saying why */
	free(copy);
	return 0;
}
