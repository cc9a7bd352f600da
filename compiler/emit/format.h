/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Formatting numbers and names the way the language writes them.
 */
#ifndef JH_EMIT_FORMAT_H
#define JH_EMIT_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/xalloc.h"

/* A growing text buffer. */
struct jh_sbuf {
	char *s;
	size_t n, cap;
};

void jh_sbuf_add(struct jh_sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void jh_sbuf_free(struct jh_sbuf *b);

/* 0x0900_0000: hex, digits padded to groups of 4 joined by '_'. */
void jh_fmt_addr(struct jh_sbuf *b, uint64_t v);
/* 4 KiB / 16 MiB / 1 GiB when exact, small values decimal, else hex. */
void jh_fmt_size(struct jh_sbuf *b, uint64_t v);

#include "model/vocab.h"	/* struct jh_name */

/* `[read, write, 0x10000000000]`: known names, then unknown bits. */
void jh_fmt_flags(struct jh_sbuf *b, uint64_t v, const struct jh_name *t);
/* The name of `v` in table `t`, or NULL. */
const char *jh_name_of(const struct jh_name *t, uint64_t v);

/* A scalar, plain when safe, else double-quoted. */
void jh_fmt_scalar(struct jh_sbuf *b, const char *s);

/* CPU list `0-3,6` from a byte bitmap. */
void jh_fmt_cpus(struct jh_sbuf *b, const uint8_t *set, uint32_t size);
/* Interrupt list `33, 40-45` from a pin bitmap at pin_base. */
void jh_fmt_pins(struct jh_sbuf *b, uint32_t base, const uint32_t bm[4]);

#endif /* JH_EMIT_FORMAT_H */
