// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the value expression language: every mode, every
 * error class with its position, and reentrancy (a reference resolved by
 * parsing another expression from inside the parser).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"

static bool eval(const char *text, enum jh_expr_mode mode, struct jh_expr *e)
{
	jh_expr_init(e, text, strlen(text), mode);
	return jh_expr_parse(e);
}

static uint64_t num(const char *text)
{
	struct jh_expr e;

	ck_assert_msg(eval(text, JH_EXPR_INT, &e), "%s: %s", text,
		      e.error ? e.error : "?");
	jh_expr_free(&e);
	return e.value;
}

/* the error message of a failing expression, checked for position */
static void fails(const char *text, enum jh_expr_mode mode, const char *msg,
		  uint32_t off, uint32_t len)
{
	struct jh_expr e;

	ck_assert_msg(!eval(text, mode, &e), "accepted: %s", text);
	ck_assert_msg(strstr(e.error, msg), "%s: got '%s'", text, e.error);
	ck_assert_msg(e.err_off == off && e.err_len == len,
		      "%s: at %u+%u, expected %u+%u", text, e.err_off,
		      e.err_len, off, len);
	jh_expr_free(&e);
}

START_TEST(integers)
{
	ck_assert_uint_eq(num("42"), 42);
	ck_assert_uint_eq(num("0x0900_0000"), 0x09000000);
	ck_assert_uint_eq(num("0X1f"), 0x1f);
	ck_assert_uint_eq(num("0o755"), 0755);
	ck_assert_uint_eq(num("0b1010_1010"), 0xaa);
	ck_assert_uint_eq(num("1_000_000"), 1000000);
	ck_assert_uint_eq(num("0xffff_ffff_ffff_ffff"), UINT64_MAX);
	ck_assert_uint_eq(num("  7  "), 7);
	ck_assert_uint_eq(num("+5"), 5);
}
END_TEST

START_TEST(units_and_arithmetic)
{
	ck_assert_uint_eq(num("4 KiB"), 4096);
	ck_assert_uint_eq(num("4K"), 4096);
	ck_assert_uint_eq(num("16 MiB"), 16u << 20);
	ck_assert_uint_eq(num("1G"), 1u << 30);
	ck_assert_uint_eq(num("4KiB"), 4096);
	ck_assert_uint_eq(num("0x10K"), 16 * 1024);
	ck_assert_uint_eq(num("2 TiB"), 2ull << 40);
	ck_assert_uint_eq(num("1 + 2 * 3"), 7);
	ck_assert_uint_eq(num("(1 + 2) * 3"), 9);
	ck_assert_uint_eq(num("10 - 4 - 3"), 3);
	ck_assert_uint_eq(num("100 / 7"), 14);
	ck_assert_uint_eq(num("2 * 4 KiB"), 8192);
	ck_assert_uint_eq(num("(1 + 1) MiB"), 2u << 20);
	ck_assert_uint_eq(num("0x4000_0000 + 1 GiB - 4 MiB"), 0x7fc00000);
}
END_TEST

START_TEST(errors_with_positions)
{
	fails("0xffff_ffff_ffff_ffff + 1", JH_EXPR_INT, "64 bits", 0, 25);
	fails("1 - 2", JH_EXPR_INT, "negative", 0, 5);
	fails("8 / (2 - 2)", JH_EXPR_INT, "division by zero", 0, 11);
	fails("3 * 0x8000_0000_0000_0000", JH_EXPR_INT, "64 bits", 0, 25);
	fails("0x1_0000_0000_0000_0000", JH_EXPR_INT, "64 bits", 0, 23);
	fails("1 +", JH_EXPR_INT, "unexpected end of value", 3, 0);
	fails("12abc", JH_EXPR_INT, "malformed number", 0, 5);
	fails("1 $ 2", JH_EXPR_INT, "unexpected character `$`", 2, 1);
	fails("-4", JH_EXPR_INT, "negative values", 0, 2);
	fails("5 ms", JH_EXPR_INT, "time unit", 2, 2);
	fails("x + 1", JH_EXPR_INT, "unknown name `x`", 0, 1);
	fails("(1", JH_EXPR_INT, "unexpected end of value", 2, 0);
	fails("", JH_EXPR_INT, "unexpected end of value", 0, 0);
	fails("1 .. 2", JH_EXPR_INT, "syntax error", 2, 2);
}
END_TEST

START_TEST(time_units)
{
	struct jh_expr e;

	jh_expr_init(&e, "2 s + 5 ms", 10, JH_EXPR_INT);
	e.allow_time = true;
	ck_assert(jh_expr_parse(&e));
	ck_assert_uint_eq(e.value, 2005);
	jh_expr_free(&e);
}
END_TEST

START_TEST(ranges)
{
	struct jh_expr e;

	ck_assert(eval("0x0900_0000 .. +4 KiB", JH_EXPR_RANGE, &e));
	ck_assert_uint_eq(e.start, 0x09000000);
	ck_assert_uint_eq(e.size, 4096);
	jh_expr_free(&e);
	ck_assert(eval("0x1000..0x3000", JH_EXPR_RANGE, &e));
	ck_assert_uint_eq(e.start, 0x1000);
	ck_assert_uint_eq(e.size, 0x2000);
	jh_expr_free(&e);
	ck_assert(eval("0xffff_ffff_ffff_f000 .. +4 KiB", JH_EXPR_RANGE, &e));
	ck_assert_uint_eq(e.size, 4096);
	jh_expr_free(&e);
	fails("0x2000 .. 0x1000", JH_EXPR_RANGE, "ends before", 0, 16);
	fails("0xffff_ffff_ffff_f000 .. +8 KiB", JH_EXPR_RANGE, "wraps", 0,
	      31);
	fails("0x1000", JH_EXPR_RANGE, "unexpected end of value", 6, 0);
}
END_TEST

START_TEST(lists)
{
	struct jh_expr e;

	ck_assert(eval("0-3,6", JH_EXPR_LIST, &e));
	ck_assert_uint_eq(e.spans.n, 2);
	ck_assert_uint_eq(e.spans.v[0].first, 0);
	ck_assert_uint_eq(e.spans.v[0].last, 3);
	ck_assert_uint_eq(e.spans.v[1].first, 6);
	ck_assert_uint_eq(e.spans.v[1].off, 4);
	jh_expr_free(&e);
	ck_assert(eval("33, 40 - 45, (2*20)", JH_EXPR_LIST, &e));
	ck_assert_uint_eq(e.spans.n, 3);
	ck_assert_uint_eq(e.spans.v[1].last, 45);
	ck_assert_uint_eq(e.spans.v[2].first, 40);
	jh_expr_free(&e);
	fails("3-1", JH_EXPR_LIST, "ends before", 0, 3);
	fails("1,,2", JH_EXPR_LIST, "syntax error", 2, 1);
}
END_TEST

START_TEST(flags)
{
	struct jh_expr e;

	ck_assert(eval("read|write|dma", JH_EXPR_FLAGS, &e));
	ck_assert_uint_eq(e.flags.n, 3);
	ck_assert_str_eq(e.flags.v[2].name, "dma");
	ck_assert_uint_eq(e.flags.v[2].off, 11);
	jh_expr_free(&e);
	ck_assert(eval("comm-region, 0x8000", JH_EXPR_FLAGS, &e));
	ck_assert_uint_eq(e.flags.n, 2);
	ck_assert_str_eq(e.flags.v[0].name, "comm-region");
	ck_assert_ptr_null(e.flags.v[1].name);
	ck_assert_uint_eq(e.flags.v[1].value, 0x8000);
	jh_expr_free(&e);
	ck_assert(eval("rwx", JH_EXPR_FLAGS, &e));
	ck_assert_str_eq(e.flags.v[0].name, "rwx");
	jh_expr_free(&e);
	fails("read||write", JH_EXPR_FLAGS, "syntax error", 5, 1);
}
END_TEST

/* A resolver that parses another expression: the parser must be
 * reentrant for this to work. */
static bool nested(void *ctx, const char *name, uint64_t *out, char **why)
{
	struct jh_expr inner;
	bool ok;

	(void)ctx;
	if (strcmp(name, "ram.start") == 0) {
		jh_expr_init(&inner, "0x4000_0000 + 0", 15, JH_EXPR_INT);
		inner.resolve = nested;
		ok = jh_expr_parse(&inner);
		*out = inner.value;
		jh_expr_free(&inner);
		return ok;
	}
	if (strcmp(name, "bad") == 0) {
		*why = strdup("bad has no value");
		return false;
	}
	return false;
}

START_TEST(references_reentrant)
{
	struct jh_expr e;

	jh_expr_init(&e, "ram.start + 16 MiB", 18, JH_EXPR_INT);
	e.resolve = nested;
	ck_assert(jh_expr_parse(&e));
	ck_assert_uint_eq(e.value, 0x41000000);
	jh_expr_free(&e);
	jh_expr_init(&e, "1 + bad", 7, JH_EXPR_INT);
	e.resolve = nested;
	ck_assert(!jh_expr_parse(&e));
	ck_assert_str_eq(e.error, "bad has no value");
	ck_assert_uint_eq(e.err_off, 4);
	jh_expr_free(&e);
}
END_TEST

START_TEST(not_nul_terminated)
{
	struct jh_expr e;
	char buf[8] = { '1', '2', '3', '4', '5', '6', '7', '8' };

	jh_expr_init(&e, buf, 3, JH_EXPR_INT);
	ck_assert(jh_expr_parse(&e));
	ck_assert_uint_eq(e.value, 123);
	jh_expr_free(&e);
	jh_expr_init(&e, "1\0002", 3, JH_EXPR_INT);
	ck_assert(!jh_expr_parse(&e));
	ck_assert_uint_eq(e.err_off, 1);
	jh_expr_free(&e);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("expr");
	TCase *t = tcase_create("core");
	SRunner *r;
	int failed;

	tcase_add_test(t, integers);
	tcase_add_test(t, units_and_arithmetic);
	tcase_add_test(t, errors_with_positions);
	tcase_add_test(t, time_units);
	tcase_add_test(t, ranges);
	tcase_add_test(t, lists);
	tcase_add_test(t, flags);
	tcase_add_test(t, references_reentrant);
	tcase_add_test(t, not_nul_terminated);
	suite_add_tcase(s, t);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
