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

/*
 * Every corruption of a sample image that the reader accepts must also
 * survive the YAML: dump, front end, write gives the corrupted bytes.
 * This checks the emitter and the front end agree on every value the
 * binary format can hold (unknown flag bits and types, odd sizes, ...).
 * Under ASan every 3rd byte, under valgrind every 61st byte is tried,
 * to stay within time.
 */
START_TEST(accepted_corruptions_survive_yaml)
{
	static const uint8_t patterns[] = { 0x01, 0xff };
#ifdef __SANITIZE_ADDRESS__
	const size_t stride = 3;	/* ASan makes each try 3x dearer */
#else
	const size_t stride = getenv("JH_UNDER_VALGRIND") ? 61 : 1;
#endif
	struct jh_system sys;
	struct jh_diags d;
	uint8_t *img[3];
	size_t len[3], tried = 0;

	jh_diags_init(&d);
	sample_system(&sys, _i);
	write_all(&sys, img, len, &d);
	jh_system_free(&sys);
	jh_diags_free(&d);
	for (size_t k = 0; k < 3; k++) {
		uint8_t *copy = malloc(len[k]);

		for (size_t pos = 0; pos < len[k]; pos += stride) {
			for (size_t p = 0; p < sizeof(patterns); p++) {
				struct jh_system rb, parsed;
				uint8_t *again;
				size_t again_len;
				char *yaml = NULL;
				size_t yaml_len = 0;
				FILE *f;
				bool ok = true;

				memcpy(copy, img[k], len[k]);
				copy[pos] ^= patterns[p];
				jh_diags_init(&d);
				jh_system_init(&rb);
				for (size_t c = 0; c < 3 && ok; c++)
					ok = jh_image_read(c == k ? copy : img[c],
							   len[c], "x.cell",
							   &d, &rb);
				if (ok) {
					f = open_memstream(&yaml, &yaml_len);
					ok = jh_emit_image_form(&rb, f, &d);
					fclose(f);
				}
				if (!ok) {	/* rejected, or names clash */
					free(yaml);
					jh_system_free(&rb);
					jh_diags_free(&d);
					continue;
				}
				tried++;
				jh_system_init(&parsed);
				if (!jh_front_load_buffer("dump.yaml", yaml,
							  yaml_len, &d,
							  &parsed)) {
					jh_diags_print(&d, stderr, false,
						       false);
					ck_abort_msg("variant %d image %zu byte "
						     "%zu ^ 0x%02x: front end "
						     "rejects the dump", _i, k,
						     pos, patterns[p]);
				}
				/* the corrupted cell keeps its position */
				again = k == 0 ?
					jh_image_write_system(&parsed,
							      JH_ABI_JH, &d,
							      &again_len) :
					jh_image_write_cell(&parsed, k,
							    JH_ABI_JH, &d,
							    &again_len);
				ck_assert_msg(again && again_len == len[k] &&
					      memcmp(again, copy, len[k]) == 0,
					      "variant %d image %zu byte %zu ^ "
					      "0x%02x: not reproduced via YAML",
					      _i, k, pos, patterns[p]);
				free(again);
				free(yaml);
				jh_system_free(&parsed);
				jh_system_free(&rb);
				jh_diags_free(&d);
			}
		}
		free(copy);
	}
	for (size_t k = 0; k < 3; k++)
		free(img[k]);
	ck_assert_uint_gt(tried, 2000 / stride);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("image-yaml");
	TCase *t = tcase_create("roundtrip");
	SRunner *sr;
	int failed;

	tcase_set_timeout(t, 600);
	tcase_add_loop_test(t, yaml_roundtrip_identical, 0, SAMPLE_VARIANTS);
	tcase_add_loop_test(t, accepted_corruptions_survive_yaml, 0,
			    SAMPLE_VARIANTS);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
