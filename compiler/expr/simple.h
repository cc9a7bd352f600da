/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fast reading of the most common values without starting the scanner
 * (see simple.c). Each returns false for anything it does not fully
 * understand; the caller then runs the full parser.
 */
#ifndef JH_EXPR_SIMPLE_H
#define JH_EXPR_SIMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A decimal or 0x number, optionally followed by blanks and a size unit. */
bool jh_expr_simple_int(const char *s, size_t n, uint64_t *out);
/* One flag name as the FLAGS mode scans it: [A-Za-z_][A-Za-z0-9_-]*. */
bool jh_expr_simple_flag(const char *s, size_t n);

#endif /* JH_EXPR_SIMPLE_H */
