/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's page pool: the part of hypervisor_memory not taken by
 * the hypervisor image. Used for translation tables and comm regions.
 */
#ifndef JH_HV_PAGE_POOL_H
#define JH_HV_PAGE_POOL_H

#include "types.h"

void page_pool_init(u64 start, u64 size);
/* Keep [start, start+size) allocated (e.g. the boot bundle) until freed. */
void page_pool_reserve(u64 start, u64 size);
void page_pool_release(u64 start, u64 size);
/* One zeroed page, or NULL when the pool is exhausted. */
void *page_alloc(void);
void page_free(void *page);
/* @count contiguous zeroed pages, or NULL. */
void *pages_alloc(u64 count);
void pages_free(void *pages, u64 count);
u64 page_pool_pages(void);
u64 page_pool_used(void);

#endif
