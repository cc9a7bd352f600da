// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the diagnostics engine: counting, policy, suppressions,
 * printing format, suggestions.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"

static struct jh_loc at(const char *file, uint32_t line, uint32_t col,
			uint32_t len)
{
	struct jh_loc l = JH_LOC_NONE;

	l.file = file;
	l.line = line;
	l.col = col;
	l.len = len;
	return l;
}

static char *print_all(struct jh_diags *d, bool color, bool suppressed)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	jh_diags_print(d, f, color, suppressed);
	fclose(f);
	return buf;
}

START_TEST(counts_and_policy)
{
	struct jh_diags d;

	jh_diags_init(&d);
	jh_error(&d, JH_LOC_NONE, "plain error");
	jh_diag_add(&d, JH_SEV_WARNING, "rule-a", JH_LOC_NONE, "w");
	jh_diags_set_rule_level(&d, "rule-b", JH_SEV_OFF);
	ck_assert_ptr_null(jh_diag_add(&d, JH_SEV_ERROR, "rule-b",
				       JH_LOC_NONE, "dropped"));
	jh_diags_set_rule_level(&d, "rule-c", JH_SEV_ERROR);
	jh_diag_add(&d, JH_SEV_WARNING, "rule-c", JH_LOC_NONE, "raised");
	d.werror_all = true;
	jh_diag_add(&d, JH_SEV_WARNING, "rule-d", JH_LOC_NONE, "werror");
	ck_assert_uint_eq(jh_diags_errors(&d), 3);
	ck_assert_uint_eq(d.warnings, 1);
	ck_assert_uint_eq(d.n, 4);
	jh_diags_free(&d);
}
END_TEST

START_TEST(suppression_by_line_range)
{
	struct jh_diags d;
	struct jh_diag *g;
	char *out;

	jh_diags_init(&d);
	jh_diags_add_suppression(&d, "mem-overlap", "shared on purpose",
				 at("a.yaml", 3, 5, 0), "a.yaml", 3, 6);
	g = jh_diag_add(&d, JH_SEV_ERROR, "mem-overlap", at("a.yaml", 5, 1, 0),
			"inside");
	ck_assert(g->suppressed);
	ck_assert_str_eq(g->suppress_reason, "shared on purpose");
	g = jh_diag_add(&d, JH_SEV_ERROR, "mem-overlap", at("a.yaml", 7, 1, 0),
			"outside");
	ck_assert(!g->suppressed);
	g = jh_diag_add(&d, JH_SEV_ERROR, "other", at("a.yaml", 4, 1, 0),
			"other rule");
	ck_assert(!g->suppressed);
	ck_assert_uint_eq(jh_diags_errors(&d), 2);
	ck_assert_uint_eq(d.suppressed, 1);
	ck_assert(d.supps[0].used);
	out = print_all(&d, false, false);
	ck_assert_ptr_null(strstr(out, "inside"));
	free(out);
	out = print_all(&d, false, true);
	ck_assert_ptr_nonnull(strstr(out, "suppressed: shared on purpose"));
	free(out);
	jh_diags_free(&d);
}
END_TEST

START_TEST(print_format_with_caret)
{
	struct jh_diags d;
	struct jh_diag *g;
	const char *text = "a: 1\nsize: 16 MiB\n";
	char *out;

	jh_diags_init(&d);
	jh_diags_set_source(&d, "x.yaml", text, strlen(text));
	g = jh_diag_add(&d, JH_SEV_ERROR, "some-rule", at("x.yaml", 2, 7, 6),
			"too big");
	jh_diag_note(g, at("x.yaml", 1, 1, 0), "other party");
	jh_diag_hint(g, "make it smaller");
	out = print_all(&d, false, false);
	ck_assert_str_eq(out,
		"x.yaml:2:7: error: too big [some-rule]\n"
		"     2 | size: 16 MiB\n"
		"       |       ^~~~~~\n"
		"x.yaml:1:1: note: other party\n"
		"     1 | a: 1\n"
		"       | ^\n"
		"  hint: make it smaller\n");
	free(out);
	jh_diags_free(&d);
	jh_diags_init(&d);
	jh_diags_set_source(&d, "x.yaml", text, strlen(text));
	jh_error(&d, at("x.yaml", 1, 4, 40), "long underline");
	out = print_all(&d, false, false);
	ck_assert_ptr_nonnull(strstr(out, "       |    ^\n"));
	free(out);
	out = print_all(&d, true, false);
	ck_assert_ptr_nonnull(strstr(out, "\033["));
	free(out);
	jh_diags_free(&d);
}
END_TEST

START_TEST(image_locations)
{
	struct jh_loc l = JH_LOC_NONE;
	char buf[128];

	l.file = "cell.bin";
	l.offset = 0x94;
	l.array = "memory_regions";
	l.index = 2;
	jh_loc_format(&l, buf, sizeof(buf));
	ck_assert_str_eq(buf, "cell.bin: offset 0x94: memory_regions[2]");
	l.array = NULL;
	jh_loc_format(&l, buf, sizeof(buf));
	ck_assert_str_eq(buf, "cell.bin: offset 0x94");
}
END_TEST

START_TEST(suggestions)
{
	const char *const keys[] = { "cells", "links", "system", "board" };

	ck_assert_str_eq(jh_suggest("cels", keys, 4), "cells");
	ck_assert_str_eq(jh_suggest("sytem", keys, 4), "system");
	ck_assert_ptr_null(jh_suggest("zzzzzzzz", keys, 4));
	ck_assert_ptr_null(jh_suggest("cells", keys, 4));
	ck_assert_ptr_null(jh_suggest("x", keys, 0));
}
END_TEST

START_TEST(intern_is_stable)
{
	struct jh_diags d;
	const char *a, *b;

	jh_diags_init(&d);
	a = jh_diags_intern(&d, "one.yaml");
	for (int i = 0; i < 100; i++) {
		char name[32];

		snprintf(name, sizeof(name), "f%d.yaml", i);
		jh_diags_intern(&d, name);
	}
	b = jh_diags_intern(&d, "one.yaml");
	ck_assert_ptr_eq(a, b);
	ck_assert_str_eq(a, "one.yaml");
	ck_assert_ptr_null(jh_diags_intern(&d, NULL));
	jh_diags_free(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diag");
	TCase *t = tcase_create("core");
	SRunner *r;
	int failed;

	tcase_add_test(t, counts_and_policy);
	tcase_add_test(t, suppression_by_line_range);
	tcase_add_test(t, print_format_with_caret);
	tcase_add_test(t, image_locations);
	tcase_add_test(t, suggestions);
	tcase_add_test(t, intern_is_stable);
	suite_add_tcase(s, t);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
