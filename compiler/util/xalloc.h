/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Allocation that never returns NULL: out of memory in a host tool is not
 * a recoverable configuration error, so it ends the process with a message.
 */
#ifndef JH_XALLOC_H
#define JH_XALLOC_H

#include <stddef.h>

void *jh_xmalloc(size_t size);
void *jh_xcalloc(size_t count, size_t size);
/* realloc to count * size bytes, failing cleanly on multiplication overflow */
void *jh_xrealloc_array(void *ptr, size_t count, size_t size);
char *jh_xstrdup(const char *s);
char *jh_xstrndup(const char *s, size_t n);
char *jh_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Append one element to a growable array {T *v; size_t n, cap;}. */
#define JH_VEC(T) struct { T *v; size_t n, cap; }
#define jh_vec_push(vec) \
	(((vec)->n == (vec)->cap ? \
	  ((vec)->cap = (vec)->cap ? 2 * (vec)->cap : 8, \
	   (vec)->v = jh_xrealloc_array((vec)->v, (vec)->cap, \
					sizeof(*(vec)->v))) : 0), \
	 &(vec)->v[(vec)->n++])

/*
 * Make room for `extra` more elements in one step, when the count is known
 * in advance: doubling growth would leave up to half the array unused and
 * briefly need old and new array together (100,000 regions: tens of MB).
 */
#define jh_vec_reserve(vec, extra) \
	((vec)->cap - (vec)->n < (extra) ? \
	 ((vec)->cap = (vec)->n + (extra), \
	  (vec)->v = jh_xrealloc_array((vec)->v, (vec)->cap, \
				       sizeof(*(vec)->v))) : (vec)->v)

#endif /* JH_XALLOC_H */
