// SPDX-License-Identifier: GPL-2.0-only
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "xalloc.h"

struct jh_arena_block {
	struct jh_arena_block *next;
	alignas(max_align_t) unsigned char data[];
};

/*
 * Blocks start small (a tiny document does not pay for a big one) and
 * double up to 2 MiB. A big tree touches every page of its blocks right
 * away, so blocks of that size are prefaulted with one madvise call
 * instead of one page fault per 4 KiB page (a tenth of the front end's
 * time on 100,000 regions). Transparent huge pages would save more but
 * may stall on memory compaction, which makes the run time erratic.
 */
#define BLOCK_FIRST ((size_t)64 * 1024)
#define BLOCK_MAX ((size_t)2 * 1024 * 1024)
#define ALIGN (alignof(max_align_t))

void jh_arena_init(struct jh_arena *a)
{
	a->head = NULL;
	a->used = a->size = 0;
}

static struct jh_arena_block *alloc_block(size_t total)
{
	void *p = NULL;

	if (total != BLOCK_MAX)
		return jh_xmalloc(total);
	/* page-aligned, so that the whole block can be prefaulted */
	if (posix_memalign(&p, BLOCK_MAX, BLOCK_MAX) != 0)
		return jh_xmalloc(total);	/* fails cleanly if need be */
#ifdef MADV_POPULATE_WRITE
	(void)madvise(p, BLOCK_MAX, MADV_POPULATE_WRITE);	/* a hint */
#endif
	return p;
}

/* A fresh block of at least `need` bytes. A request larger than a normal
 * block gets a block of its own, linked behind the one being filled so
 * that the free space there is not lost. */
static unsigned char *new_block(struct jh_arena *a, size_t need)
{
	struct jh_arena_block *b;
	size_t total = BLOCK_FIRST;

	if (a->head) {
		total = 2 * (a->size + sizeof(*b));
		if (total > BLOCK_MAX)
			total = BLOCK_MAX;
	}
	if (need > total - sizeof(*b)) {
		if (need > SIZE_MAX - sizeof(*b))
			need = SIZE_MAX - sizeof(*b);	/* jh_xmalloc fails */
		b = jh_xmalloc(sizeof(*b) + need);
		if (a->head) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = NULL;
			a->head = b;
			a->used = a->size = need;
		}
		return b->data;
	}
	b = alloc_block(total);
	b->next = a->head;
	a->head = b;
	a->used = 0;
	a->size = total - sizeof(*b);
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
