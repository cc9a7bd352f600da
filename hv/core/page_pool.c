// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page pool over the free part of hypervisor_memory: one bit per page.
 * The pool is small (a few MiB), so a linear search is good enough.
 */
#include <page_pool.h>
#include <spinlock.h>
#include <string.h>

#define POOL_MAX_PAGES	16384	/* 64 MiB of hypervisor memory */

static u64 pool_base;
static u64 pool_pages;
static u64 pool_used;
static u64 used_map[POOL_MAX_PAGES / 64];
static spinlock_t pool_lock;

void page_pool_init(u64 start, u64 size)
{
	pool_base = start;
	pool_pages = MIN(size / PAGE_SIZE, (u64)POOL_MAX_PAGES);
	pool_used = 0;
	memset(used_map, 0, sizeof(used_map));
}

static void mark(u64 start, u64 size, bool used)
{
	u64 page;

	for (page = (start - pool_base) / PAGE_SIZE;
	     page < pool_pages && page * PAGE_SIZE < start - pool_base + size;
	     page++) {
		bool was = (used_map[page / 64] >> (page % 64)) & 1;

		if (was == used)
			continue;
		used_map[page / 64] ^= BIT(page % 64);
		pool_used += used ? 1 : -1;
	}
}

void page_pool_reserve(u64 start, u64 size)
{
	if (start < pool_base)
		return;
	spin_lock(&pool_lock);
	mark(start, size, true);
	spin_unlock(&pool_lock);
}

void page_pool_release(u64 start, u64 size)
{
	if (start < pool_base)
		return;
	spin_lock(&pool_lock);
	mark(start, size, false);
	spin_unlock(&pool_lock);
}

void *page_alloc(void)
{
	void *page = NULL;
	u64 n;

	spin_lock(&pool_lock);
	for (n = 0; n < pool_pages; n++)
		if (!((used_map[n / 64] >> (n % 64)) & 1)) {
			used_map[n / 64] |= BIT(n % 64);
			pool_used++;
			page = (void *)(pool_base + n * PAGE_SIZE);
			break;
		}
	spin_unlock(&pool_lock);
	if (page)
		memset(page, 0, PAGE_SIZE);
	return page;
}

void *pages_alloc(u64 count)
{
	void *pages = NULL;
	u64 n, run = 0;

	spin_lock(&pool_lock);
	for (n = 0; n < pool_pages && count; n++) {
		run = (used_map[n / 64] >> (n % 64)) & 1 ? 0 : run + 1;
		if (run == count) {
			pages = (void *)(pool_base + (n + 1 - count) *
					 PAGE_SIZE);
			for (; run; run--, n--) {
				used_map[n / 64] |= BIT(n % 64);
				pool_used++;
			}
			break;
		}
	}
	spin_unlock(&pool_lock);
	if (pages)
		memset(pages, 0, count * PAGE_SIZE);
	return pages;
}

void pages_free(void *pages, u64 count)
{
	page_pool_release((u64)pages, count * PAGE_SIZE);
}

void page_free(void *page)
{
	page_pool_release((u64)page, PAGE_SIZE);
}

u64 page_pool_pages(void)
{
	return pool_pages;
}

u64 page_pool_used(void)
{
	return pool_used;
}
