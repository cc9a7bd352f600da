// SPDX-License-Identifier: GPL-2.0-only
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct jh_arena_block {
	struct jh_arena_block *next;
	alignas(max_align_t) unsigned char data[];
};

/* Big enough that block headers and the unused tail of each block are
 * noise, small enough that a tiny document does not pay for it. */
#define BLOCK_MIN (64 * 1024 - sizeof(struct jh_arena_block))
#define ALIGN (alignof(max_align_t))

void jh_arena_init(struct jh_arena *a)
{
	a->head = NULL;
	a->used = a->size = 0;
}

/* A fresh block of at least `need` bytes. A request larger than a normal
 * block gets a block of its own, linked behind the one being filled so
 * that the free space there is not lost. */
static unsigned char *new_block(struct jh_arena *a, size_t need)
{
	struct jh_arena_block *b;

	if (need > SIZE_MAX - sizeof(*b))
		need = SIZE_MAX - sizeof(*b);	/* jh_xmalloc fails cleanly */
	if (need > BLOCK_MIN && a->head) {
		b = jh_xmalloc(sizeof(*b) + need);
		b->next = a->head->next;
		a->head->next = b;
		return b->data;
	}
	if (need < BLOCK_MIN)
		need = BLOCK_MIN;
	b = jh_xmalloc(sizeof(*b) + need);
	b->next = a->head;
	a->head = b;
	a->used = 0;
	a->size = need;
	return NULL;
}

static void *take(struct jh_arena *a, size_t size, size_t align)
{
	size_t at = (a->used + align - 1) & ~(align - 1);
	void *p;

	if (!a->head || at > a->size || a->size - at < size) {
		unsigned char *own = new_block(a, size);

		if (own)
			return own;
		at = 0;
	}
	p = a->head->data + at;
	a->used = at + size;
	return p;
}

void *jh_arena_alloc(struct jh_arena *a, size_t size)
{
	return take(a, size, ALIGN);
}

void *jh_arena_zalloc(struct jh_arena *a, size_t size)
{
	return memset(jh_arena_alloc(a, size), 0, size);
}

char *jh_arena_strndup(struct jh_arena *a, const char *s, size_t n)
{
	/* Text needs no alignment: packing it saves a tenth of the tree. */
	char *p = take(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void jh_arena_free(struct jh_arena *a)
{
	while (a->head) {
		struct jh_arena_block *b = a->head;

		a->head = b->next;
		free(b);
	}
	a->used = a->size = 0;
}
