/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The value expression language of the YAML configuration.
 *
 * One scalar is parsed in one of four modes, chosen by the field it is
 * written in:
 *   JH_EXPR_INT    integer expression: `0x4000_0000 + 16 MiB`, `(1+2)*3`,
 *                  `ram.start`, `100 ms`
 *   JH_EXPR_RANGE  `start .. end` (end exclusive) or `start .. +size`
 *   JH_EXPR_LIST   numbers and inclusive spans: `0-3,6`, `33, 40-45`
 *   JH_EXPR_FLAGS  `read|write|dma`, `rwx`, `mmio, 0x8000`
 * Integers: decimal, 0x hex, 0o octal, 0b binary, `_` between digits.
 * Units multiply: K/KiB 2^10, M/MiB 2^20, G/GiB 2^30, T/TiB 2^40; time
 * units ms (1) and s (1000) only where a time is expected.
 * Arithmetic is unsigned 64-bit: overflow, wrap-around below zero and
 * division by zero are errors.
 *
 * The parser is reentrant (pure bison parser, reentrant flex scanner):
 * everything it needs and produces is in struct jh_expr.
 */
#ifndef JH_EXPR_H
#define JH_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/xalloc.h"

enum jh_expr_mode {
	JH_EXPR_INT,
	JH_EXPR_RANGE,
	JH_EXPR_LIST,
	JH_EXPR_FLAGS,
};

/*
 * Resolves a reference such as `ram.start`. Returns true and sets *value,
 * or returns false and sets *why to a malloc'ed explanation (or NULL for
 * "unknown name").
 */
typedef bool (*jh_expr_resolver)(void *ctx, const char *name,
				 uint64_t *value, char **why);

struct jh_expr_span {
	uint64_t first, last;		/* inclusive */
	uint32_t off, len;		/* position in the text */
};

struct jh_expr_flag {
	char *name;			/* NULL for a number */
	uint64_t value;			/* the number, when name is NULL */
	uint32_t off, len;
};

struct jh_expr {
	/* input */
	const char *text;
	size_t len;
	enum jh_expr_mode mode;
	bool allow_time;		/* accept ms / s units */
	jh_expr_resolver resolve;
	void *resolve_ctx;
	/* output */
	uint64_t value;			/* INT */
	uint64_t start, size;		/* RANGE */
	JH_VEC(struct jh_expr_span) spans;	/* LIST */
	JH_VEC(struct jh_expr_flag) flags;	/* FLAGS */
	/* the first error, with its position inside text */
	char *error;
	uint32_t err_off, err_len;
};

/* Initialise for parsing `text` (not NUL-terminated; `len` bytes). */
void jh_expr_init(struct jh_expr *e, const char *text, size_t len,
		  enum jh_expr_mode mode);
/* Parse; false with e->error set on failure. */
bool jh_expr_parse(struct jh_expr *e);
void jh_expr_free(struct jh_expr *e);

/* Internal: record the first error (used by the scanner and grammar). */
void jh_expr_set_error(struct jh_expr *e, uint32_t off, uint32_t len,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif /* JH_EXPR_H */
