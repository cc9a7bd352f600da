// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The runtime's printf formatter, built for the build machine and
 * compared with the C library's snprintf on the conversions inmates use.
 */
#include <check.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...);

/* Format with both implementations and require identical results. */
static void same(const char *fmt, ...)
{
	char ours[256], libc[256];
	va_list a, b;
	int n_ours, n_libc;

	va_start(a, fmt);
	va_copy(b, a);
	n_ours = rt_vsnprintf(ours, sizeof(ours), fmt, a);
	n_libc = vsnprintf(libc, sizeof(libc), fmt, b);
	va_end(b);
	va_end(a);
	ck_assert_msg(strcmp(ours, libc) == 0,
		      "format \"%s\": got \"%s\", want \"%s\"", fmt, ours,
		      libc);
	ck_assert_int_eq(n_ours, n_libc);
}

START_TEST(test_decimal)
{
	same("%d", 0);
	same("%d", 42);
	same("%d", -42);
	same("%d", INT_MIN);
	same("%d", INT_MAX);
	same("%i|%5d|%-5d|%05d", 7, -3, 12, -12);
	same("%+d % d %+d", 5, 5, -5);
	same("%.3d|%8.3d|%-8.3d|", 7, -7, 7);
	same("%.0d|", 0);
	same("%ld %lld", LONG_MIN, (long long)LLONG_MAX);
	same("%hhd %hd", 300, 70000);
}
END_TEST

START_TEST(test_unsigned_hex)
{
	same("%u %u", 0u, UINT_MAX);
	same("%x %X %#x %#X %#x", 0xdeadbeefu, 0xabcu, 255u, 255u, 0u);
	same("%08x|%-8x|%8x|", 0x1fu, 0x1fu, 0x1fu);
	same("%lx %llx", ULONG_MAX, 0x123456789abcdef0ull);
	same("%016llx", 0xabcull);
	same("%zu %zx", (size_t)12345, (size_t)0xfff);
	same("%o %#o", 8u, 8u);
	same("%hhx %hx", 0x1ffu, 0x1ffffu);
}
END_TEST

START_TEST(test_string_char_pointer)
{
	same("%s|%10s|%-10s|%.2s|", "abc", "abc", "abc", "abc");
	same("%c%c%3c%-3c|", 'a', 'b', 'c', 'd');
	same("%p", (void *)0x1234);
	same("%%|%%%d|", 1);
	same("%*d|%-*d|%.*s|", 6, 42, 6, 42, 2, "xyz");
}
END_TEST

START_TEST(test_truncation)
{
	char buf[8];
	int n;

	n = rt_snprintf(buf, sizeof(buf), "%s", "0123456789");
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(buf, "0123456");
	n = rt_snprintf(buf, 1, "%d", 12345);
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(buf, "");
	n = rt_snprintf(NULL, 0, "%x", 0x100u);
	ck_assert_int_eq(n, 3);
}
END_TEST

START_TEST(test_malformed)
{
	char buf[32];

	/* A trailing '%' and unknown conversions are shown, never skipped. */
	rt_snprintf(buf, sizeof(buf), "100%");
	ck_assert_str_eq(buf, "100%");
	rt_snprintf(buf, sizeof(buf), "%q%d", 5);
	ck_assert_str_eq(buf, "%q5");
	rt_snprintf(buf, sizeof(buf), "%s", (char *)NULL);
	ck_assert_str_eq(buf, "(null)");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("runtime-printf");
	TCase *tc = tcase_create("formats");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_decimal);
	tcase_add_test(tc, test_unsigned_hex);
	tcase_add_test(tc, test_string_char_pointer);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_malformed);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
