/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the rule files: reporting under a rule's id, the
 * sort-and-sweep overlap finder, and small questions about the model
 * (who owns what, where a region ends).
 */
#ifndef JH_CHECK_UTIL_H
#define JH_CHECK_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check/check.h"
#include "jh-cell-format.h"

/* Report under `rule` at its default severity (the policy may change it). */
struct jh_diag *jh_rule_report(const struct jh_rule *rule,
			       struct jh_diags *d, struct jh_loc loc,
			       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * One interval for the overlap sweep: [start, end) with end exclusive and
 * saturated at UINT64_MAX (wrapping is a rule of its own). `cell` and
 * `item` say what it is; `tag` is free for the rule.
 */
struct jh_span {
	uint64_t start, end;
	size_t cell, item;
	uint32_t tag;
};

typedef JH_VEC(struct jh_span) jh_span_vec;

/* Decide whether two overlapping spans are a conflict for the rule. */
typedef bool (*jh_span_conflict_fn)(const struct jh_span *a,
				    const struct jh_span *b, void *ctx);
/* Report a conflict: `later` starts at or after `earlier`. */
typedef void (*jh_span_report_fn)(const struct jh_span *later,
				  const struct jh_span *earlier, void *ctx);

/*
 * Sort by start, then sweep keeping the spans still open. Each span is
 * compared only with spans that overlap it, and reported at most once (with
 * the first conflicting partner), so the cost is O(n log n) plus the
 * overlaps themselves, never all pairs. The vector is reordered.
 */
void jh_spans_sweep(struct jh_span *v, size_t n, jh_span_conflict_fn conflict,
		    jh_span_report_fn report, void *ctx);

/* Sort by start (then end, cell, item). */
void jh_spans_sort(struct jh_span *v, size_t n);

void jh_span_push(jh_span_vec *vec, uint64_t start, uint64_t size,
		  size_t cell, size_t item, uint32_t tag);

/* start + size saturated at UINT64_MAX */
static inline uint64_t jh_end_sat(uint64_t start, uint64_t size)
{
	return start + size < start ? UINT64_MAX : start + size;
}

/* The cell's name for messages. */
const char *jh_cell_label(const struct jh_cell *c);

/*
 * True when the memory region at `idx` of `c` is the read/write section of
 * an ivshmem device (which may legitimately be an all-zero entry).
 */
bool jh_region_is_ivshmem_rw(const struct jh_cell *c, size_t idx);

/* A region whose physical address means nothing (the comm region). */
static inline bool jh_region_is_comm(const struct jh_region *r)
{
	return (r->flags & JH_MEM_COMM_REGION) != 0;
}

/*
 * Effective owner of a CPU: the non-root cell that lists it, else the root
 * cell when it lists it, else -1. Non-root cells borrow CPUs from the root
 * cell when they are created, so that is what runs where.
 */
long jh_cpu_owner(const struct jh_system *sys, uint32_t cpu);

/* Number of CPUs set in a cell. */
uint32_t jh_cell_cpu_count(const struct jh_cell *c);

/* Does the cell own interrupt `irq` of the chip at `address`? Also
 * returns the chip entry and bit index for locations. */
bool jh_cell_owns_irq(const struct jh_cell *c, uint64_t address, uint32_t irq,
		      const struct jh_cell_irqchip **chip_out);

/* Location of an owned interrupt: the pin's own position when the front
 * end recorded one, else the irqchip entry. */
struct jh_loc jh_irq_loc(const struct jh_cell_irqchip *chip, uint32_t bit);

/* Is `a` a known location (text or image)? Both kinds name a file; a
 * zero-filled entry does not. */
static inline bool jh_loc_known(const struct jh_loc *a)
{
	return a->file != NULL;
}

/* The better of two locations: `a` if known, else `b`. */
static inline struct jh_loc jh_loc_or(struct jh_loc a, struct jh_loc b)
{
	return jh_loc_known(&a) ? a : b;
}

/* The MMIO windows of the board's devices, sorted; span.cell = device. */
void jh_board_device_windows(const struct jh_board *b, jh_span_vec *wins);

/*
 * The board device whose registers region `r` maps: by the origin the
 * front end recorded, else by address (image-form YAML) with a binary
 * search in `wins`. -1 when none.
 */
long jh_region_board_device(const struct jh_board *b, const jh_span_vec *wins,
			    const struct jh_region *r);

#endif /* JH_CHECK_UTIL_H */
