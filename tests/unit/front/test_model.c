// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the typed model's construction helpers: CPU sets grow in
 * 8-byte words, names are copied and bounded, everything is freed.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

START_TEST(cpu_sets)
{
	struct jh_system sys;
	struct jh_cell *c;

	jh_system_init(&sys);
	c = jh_system_add_cell(&sys, "a");
	ck_assert_uint_eq(c->cpu_set_size, 0);
	ck_assert(!jh_cell_test_cpu(c, 0));
	jh_cell_set_cpu(c, 3);
	ck_assert_uint_eq(c->cpu_set_size, 8);
	jh_cell_set_cpu(c, 64);
	ck_assert_uint_eq(c->cpu_set_size, 16);
	ck_assert(jh_cell_test_cpu(c, 3));
	ck_assert(jh_cell_test_cpu(c, 64));
	ck_assert(!jh_cell_test_cpu(c, 63));
	ck_assert(!jh_cell_test_cpu(c, 100000));
	ck_assert_uint_eq(c->cpu_set[0], 0x08);
	ck_assert_uint_eq(c->cpu_set[8], 0x01);
	jh_system_free(&sys);
}
END_TEST

START_TEST(names_and_strings)
{
	struct jh_system sys;
	struct jh_board *b = jh_board_new();
	struct jh_cell *c;
	char buf[8] = "abc";
	const char *copy;

	jh_system_init(&sys);
	c = jh_system_add_cell(&sys, "a-name-that-is-longer-than-31-characters");
	ck_assert_uint_eq(strlen(c->name), 31);
	ck_assert_int_eq(c->console.board_dev, -1);
	copy = jh_system_strdup(&sys, buf);
	buf[0] = 'x';
	ck_assert_str_eq(copy, "abc");
	ck_assert_ptr_null(jh_system_strdup(&sys, NULL));
	ck_assert_str_eq(jh_board_strdup(b, "uart0"), "uart0");
	*jh_vec_push(&b->cpus) = (struct jh_board_cpu){ 0, 0, -1, -1,
							 JH_LOC_NONE };
	struct jh_board_device *d = jh_vec_push(&b->devices);

	memset(d, 0, sizeof(*d));
	*jh_vec_push(&d->irqs) = (struct jh_board_irq){ 0, 33, JH_LOC_NONE };
	sys.board = b;		/* freed with the system */
	ck_assert_uint_eq(sys.revision, 14);
	jh_system_free(&sys);
	ck_assert_ptr_null(sys.board);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("model");
	TCase *t = tcase_create("core");
	SRunner *r;
	int failed;

	tcase_add_test(t, cpu_sets);
	tcase_add_test(t, names_and_strings);
	suite_add_tcase(s, t);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
