// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-process round trip through the YAML front end (so valgrind and ASan
 * see it): hand-built system -> images -> reader -> image-form YAML ->
 * front end -> images, byte for byte, for every sample variant, with and
 * without the extension features.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "front/front.h"
#include "image/image.h"
#include "sample.h"

/* All images of `sys`: [0] system, [i] cell i. */
static void write_all(const struct jh_system *sys, uint8_t **img,
		      size_t *len, struct jh_diags *d)
{
	img[0] = jh_image_write_system(sys, JH_ABI_JH, d, &len[0]);
	for (size_t c = 1; c < sys->cells.n; c++)
		img[c] = jh_image_write_cell(sys, c, JH_ABI_JH, d, &len[c]);
}

START_TEST(yaml_roundtrip_identical)
{
	struct jh_system sys, read_back, parsed;
	struct jh_diags d;
	uint8_t *img[3], *img2[3];
	size_t len[3], len2[3];
	char *yaml = NULL;
	size_t yaml_len = 0;
	FILE *f;

	jh_diags_init(&d);
	sample_system(&sys, _i);
	write_all(&sys, img, len, &d);
	ck_assert_uint_eq(d.errors, 0);

	/* images -> model, as jh-dump does */
	jh_system_init(&read_back);
	for (size_t c = 0; c < 3; c++)
		ck_assert(jh_image_read(img[c], len[c], "x.cell", &d,
					&read_back));
	f = open_memstream(&yaml, &yaml_len);
	ck_assert(jh_emit_image_form(&read_back, f, &d));
	fclose(f);

	/* YAML -> model -> images, as jh-compile does */
	jh_system_init(&parsed);
	if (!jh_front_load_buffer("dump.yaml", yaml, yaml_len, &d, &parsed)) {
		jh_diags_print(&d, stderr, false, false);
		fputs(yaml, stderr);
		ck_abort_msg("front end rejected the dumped YAML");
	}
	ck_assert_uint_eq(parsed.cells.n, 3);
	write_all(&parsed, img2, len2, &d);
	ck_assert_uint_eq(d.errors, 0);
	for (size_t c = 0; c < 3; c++) {
		ck_assert_msg(len2[c] == len[c], "variant %d image %zu: %zu "
			      "bytes, expected %zu", _i, c, len2[c], len[c]);
		ck_assert_msg(memcmp(img2[c], img[c], len[c]) == 0,
			      "variant %d image %zu differs", _i, c);
		free(img[c]);
		free(img2[c]);
	}
	free(yaml);
	jh_system_free(&parsed);
	jh_system_free(&read_back);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("image-yaml");
	TCase *t = tcase_create("roundtrip");
	SRunner *sr;
	int failed;

	tcase_set_timeout(t, 120);
	tcase_add_loop_test(t, yaml_roundtrip_identical, 0, SAMPLE_VARIANTS);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
