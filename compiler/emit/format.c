// SPDX-License-Identifier: GPL-2.0-only
/*
 * Number, flag and list formatting for the YAML emitters.
 */
#include "format.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jh_sbuf_add(struct jh_sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Format into the free space first; grow and redo only when it
	 * did not fit (rare once the buffer has grown). */
	if (b->cap - b->n < 64) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->s = jh_xrealloc_array(b->s, b->cap, 1);
	}
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->s[b->n] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->n) {
		b->cap = (b->n + (size_t)n + 1) * 2;
		b->s = jh_xrealloc_array(b->s, b->cap, 1);
		va_start(ap, fmt);
		vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
	}
	b->n += (size_t)n;
}

void jh_sbuf_free(struct jh_sbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof(*b));
}

void jh_fmt_addr(struct jh_sbuf *b, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char out[2 + 16 + 3 + 1];	/* 0x, 16 digits, 3 separators */
	char *p = out + sizeof(out) - 1;
	int groups = 0;

	if (v == 0) {
		jh_sbuf_add(b, "0");
		return;
	}
	/* from the right: groups of 4 digits, zero-padded, joined by _ */
	*p = '\0';
	while (v) {
		if (groups++)
			*--p = '_';
		for (int i = 0; i < 4; i++, v >>= 4)
			*--p = digits[v & 0xf];
	}
	*--p = 'x';
	*--p = '0';
	jh_sbuf_add(b, "%s", p);
}

void jh_fmt_size(struct jh_sbuf *b, uint64_t v)
{
	static const struct { const char *unit; unsigned int shift; } u[] = {
		{ "TiB", 40 }, { "GiB", 30 }, { "MiB", 20 }, { "KiB", 10 },
	};

	if (v < 1024) {
		jh_sbuf_add(b, "%llu", (unsigned long long)v);
		return;
	}
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		uint64_t m = (1ull << u[i].shift) - 1;

		if ((v & m) == 0) {
			jh_sbuf_add(b, "%llu %s",
				    (unsigned long long)(v >> u[i].shift),
				    u[i].unit);
			return;
		}
	}
	jh_fmt_addr(b, v);
}

const char *jh_name_of(const struct jh_name *t, uint64_t v)
{
	for (; t->name; t++)
		if (t->value == v)
			return t->name;
	return NULL;
}

void jh_fmt_flags(struct jh_sbuf *b, uint64_t v, const struct jh_name *t)
{
	bool first = true;

	jh_sbuf_add(b, "[");
	for (; t->name; t++) {
		if ((v & t->value) != t->value || !t->value)
			continue;
		jh_sbuf_add(b, "%s%s", first ? "" : ", ", t->name);
		v &= ~t->value;
		first = false;
	}
	if (v) {
		jh_sbuf_add(b, "%s", first ? "" : ", ");
		jh_fmt_addr(b, v);
	}
	jh_sbuf_add(b, "]");
}

/* Plain scalars that a YAML reader could take for something else. */
static bool looks_special(const char *s)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "null", "y", "n",
	};
	char low[8];
	size_t n = strlen(s);

	if (n == 0 || n >= sizeof(low))
		return n == 0;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(low, words[i]) == 0)
			return true;
	return false;
}

void jh_fmt_scalar(struct jh_sbuf *b, const char *s)
{
	bool plain = !looks_special(s) && !(s[0] >= '0' && s[0] <= '9') &&
		     s[0] != '-' && s[0] != '.';

	for (const char *p = s; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
			*p == '.';
	if (plain) {
		jh_sbuf_add(b, "%s", s);
		return;
	}
	jh_sbuf_add(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			jh_sbuf_add(b, "\\%c", *p);
		else if (*p < 0x20 || *p > 0x7e)
			jh_sbuf_add(b, "\\x%02x", *p);
		else
			jh_sbuf_add(b, "%c", *p);
	}
	jh_sbuf_add(b, "\"");
}

/* Append `first-last` (or `first`) as a list element. */
static void add_span(struct jh_sbuf *b, bool *first, const char *sep,
		     uint64_t lo, uint64_t hi)
{
	jh_sbuf_add(b, "%s", *first ? "" : sep);
	*first = false;
	if (lo == hi)
		jh_sbuf_add(b, "%llu", (unsigned long long)lo);
	else
		jh_sbuf_add(b, "%llu-%llu", (unsigned long long)lo,
			    (unsigned long long)hi);
}

void jh_fmt_cpus(struct jh_sbuf *b, const uint8_t *set, uint32_t size)
{
	bool first = true;
	uint64_t bits = (uint64_t)size * 8, i = 0;

	while (i < bits) {
		uint64_t lo;

		if (!((set[i / 8] >> (i % 8)) & 1)) {
			i++;
			continue;
		}
		lo = i;
		while (i + 1 < bits && ((set[(i + 1) / 8] >> ((i + 1) % 8)) & 1))
			i++;
		add_span(b, &first, ",", lo, i);
		i++;
	}
	if (first)
		jh_sbuf_add(b, "[]");
}

void jh_fmt_pins(struct jh_sbuf *b, uint32_t base, const uint32_t bm[4])
{
	bool first = true;
	unsigned int i = 0;

	jh_sbuf_add(b, "[");
	while (i < 128) {
		unsigned int lo;

		if (!((bm[i / 32] >> (i % 32)) & 1)) {
			i++;
			continue;
		}
		lo = i;
		while (i + 1 < 128 && ((bm[(i + 1) / 32] >> ((i + 1) % 32)) & 1))
			i++;
		add_span(b, &first, ", ", (uint64_t)base + lo,
			 (uint64_t)base + i);
		i++;
	}
	jh_sbuf_add(b, "]");
}
