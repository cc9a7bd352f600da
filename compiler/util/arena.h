/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bump allocator for data that lives and dies together (a parsed YAML
 * tree). A big configuration has close to a million small nodes; one
 * malloc each costs time on the way in, time on the way out (free walks
 * every node) and 16 bytes of malloc bookkeeping per node. The arena
 * hands out pieces of large blocks and frees the blocks at once.
 */
#ifndef JH_ARENA_H
#define JH_ARENA_H

#include <stddef.h>

struct jh_arena_block;

struct jh_arena {
	struct jh_arena_block *head;	/* block being filled, newest first */
	size_t used, size;		/* fill level and size of head */
};

void jh_arena_init(struct jh_arena *a);
/* Zeroed, aligned for any type; never NULL (ends the process instead). */
void *jh_arena_zalloc(struct jh_arena *a, size_t size);
/* Uninitialised, aligned for any type. */
void *jh_arena_alloc(struct jh_arena *a, size_t size);
/* Copy of `n` bytes as a NUL-terminated string. */
char *jh_arena_strndup(struct jh_arena *a, const char *s, size_t n);
void jh_arena_free(struct jh_arena *a);

#endif /* JH_ARENA_H */
