/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Formatted output, own implementation. Conversions: d i u x X o s c p %,
 * length modifiers hh h l ll z, flags '-' and '0', field width and
 * precision (also as '*').
 */
#ifndef JH_RT_PRINTF_H
#define JH_RT_PRINTF_H

#include <stdarg.h>
#include "types.h"

typedef void (*format_sink_t)(void *ctx, char c);

/* Core formatter: returns the number of characters produced. */
int format_to(format_sink_t sink, void *ctx, const char *fmt, va_list ap);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* To the console, one call holding the console lock. */
int vprintf(const char *fmt, va_list ap);
int printf(const char *fmt, ...) __printf(1, 2);
int puts(const char *s);

#endif /* JH_RT_PRINTF_H */
