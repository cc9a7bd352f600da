// SPDX-License-Identifier: GPL-2.0-only
#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("jh: out of memory\n", stderr);
	exit(3);
}

void *jh_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *jh_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *jh_xrealloc_array(void *ptr, size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size)
		out_of_memory();
	p = realloc(ptr, count && size ? count * size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *jh_xstrdup(const char *s)
{
	return jh_xstrndup(s, strlen(s));
}

char *jh_xstrndup(const char *s, size_t n)
{
	char *p = jh_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *jh_xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = jh_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
