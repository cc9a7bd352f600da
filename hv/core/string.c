// SPDX-License-Identifier: GPL-2.0-only
/* The few string functions the hypervisor and the compiler need. */
#include <string.h>

void *memset(void *s, int c, size_t n)
{
	u8 *p = s;
	u64 word = 0x0101010101010101ull * (u8)c;

	/* scrubbing clears megabytes: whole aligned words where possible */
	while (n && ((u64)p & 7)) {
		*p++ = (u8)c;
		n--;
	}
	for (; n >= 8; n -= 8, p += 8)
		*(u64 *)p = word;
	while (n--)
		*p++ = (u8)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	u8 *dp = d;
	const u8 *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *pa = a, *pb = b;

	for (; n; n--, pa++, pb++)
		if (*pa != *pb)
			return *pa - *pb;
	return 0;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}
