// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the YAML front end and the expression language:
 * any byte string must give diagnostics or a model, never a crash, a
 * leak, undefined behaviour or a hang.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "expr/expr.h"
#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Includes are followed relative to the input; keep the fuzzer away from
 * special file systems whose "files" are huge or have side effects. */
static bool harmless(const uint8_t *data, size_t size)
{
	static const char *const bad[] = { "/proc", "/sys", "/dev" };

	for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++) {
		size_t n = strlen(bad[b]);

		for (size_t i = 0; i + n <= size; i++)
			if (memcmp(data + i, bad[b], n) == 0)
				return false;
	}
	return true;
}

static void expressions(const uint8_t *data, size_t size)
{
	for (int mode = JH_EXPR_INT; mode <= JH_EXPR_FLAGS; mode++) {
		struct jh_expr e;

		jh_expr_init(&e, (const char *)data, size,
			     (enum jh_expr_mode)mode);
		e.allow_time = mode == JH_EXPR_INT;
		jh_expr_parse(&e);
		jh_expr_free(&e);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jh_diags d;
	struct jh_system sys;
	FILE *null;

	if (!harmless(data, size))
		return 0;
	if (size < 512)
		expressions(data, size);
	jh_diags_init(&d);
	jh_system_init(&sys);
	jh_front_load_buffer("fuzz.yaml", (const char *)data, size, &d, &sys);
	/* printing walks every location and source line too */
	null = fopen("/dev/null", "w");
	if (null) {
		jh_diags_print(&d, null, false, true);
		fclose(null);
	}
	jh_system_free(&sys);
	jh_diags_free(&d);
	return 0;
}
