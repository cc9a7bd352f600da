// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shortcut for the values almost every configuration is made of: a bare
 * number (`0x8000_0000`, `42`), a number and a size unit (`64 KiB`), or
 * one flag name (`read`). Starting the flex scanner and the bison parser
 * costs several allocations per value; a big configuration has hundreds
 * of thousands of values, and the scanner then dominates the front end.
 *
 * The shortcut accepts only text the full parser reads the same way and
 * without any error; anything else (other bases, expressions, names,
 * blanks around the value, overflow, time units) returns false and goes
 * to the full parser, which then produces its usual value or message.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "expr/expr.h"
#include "simple.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Digits in `base` (10 or 16) with single `_` between digits, as the
 * scanner's number rules read them; the number of characters used, or 0
 * when the text does not start that way or the value overflows.
 */
static size_t scan_digits(const char *s, size_t n, unsigned base,
			  uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;

	while (i < n) {
		int d = hex_digit(s[i]);

		if (d < 0 || (unsigned)d >= base)
			break;
		if (__builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, (unsigned)d, &v))
			return 0;
		i++;
		/* `_` counts only when a digit follows it */
		if (i + 1 < n && s[i] == '_' && hex_digit(s[i + 1]) >= 0 &&
		    (unsigned)hex_digit(s[i + 1]) < base)
			i++;
	}
	*out = v;
	return i;
}

/* The size units of the scanner's table; time units are left to it. */
static bool size_unit(const char *s, size_t n, uint64_t *mult)
{
	static const struct {
		const char *name;
		unsigned shift;
	} units[] = {
		{ "K", 10 }, { "KiB", 10 }, { "M", 20 }, { "MiB", 20 },
		{ "G", 30 }, { "GiB", 30 }, { "T", 40 }, { "TiB", 40 },
	};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strlen(units[i].name) == n &&
		    memcmp(units[i].name, s, n) == 0) {
			*mult = 1ull << units[i].shift;
			return true;
		}
	}
	return false;
}

bool jh_expr_simple_int(const char *s, size_t n, uint64_t *out)
{
	uint64_t v, mult;
	size_t i;

	if (n == 0 || s[0] < '0' || s[0] > '9')
		return false;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		i = scan_digits(s + 2, n - 2, 16, &v);
		if (i == 0)
			return false;
		i += 2;
	} else {
		i = scan_digits(s, n, 10, &v);
		if (i == 0)
			return false;
	}
	if (i == n) {
		*out = v;
		return true;
	}
	/* `64 KiB`: spaces, then exactly a size unit */
	if (s[i] != ' ')
		return false;
	while (i < n && s[i] == ' ')
		i++;
	if (!size_unit(s + i, n - i, &mult) ||
	    __builtin_mul_overflow(v, mult, &v))
		return false;
	*out = v;
	return true;
}

bool jh_expr_simple_flag(const char *s, size_t n)
{
	if (n == 0 || !((s[0] >= 'A' && s[0] <= 'Z') ||
			(s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}
