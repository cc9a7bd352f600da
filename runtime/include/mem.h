/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The few string and memory functions the compiler and inmates need.
 */
#ifndef JH_RT_MEM_H
#define JH_RT_MEM_H

#include "types.h"

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strncmp(const char *a, const char *b, size_t n);

#endif /* JH_RT_MEM_H */
