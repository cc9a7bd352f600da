/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef JH_HV_STRING_H
#define JH_HV_STRING_H

#include "types.h"

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t max);

#endif
