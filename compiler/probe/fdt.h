/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A flattened device tree (DTB) reader. The blob is parsed once into a
 * tree of nodes and properties that point into the blob; every offset and
 * length in the blob is checked against its size, so a damaged or hostile
 * blob gives an error message, never an out-of-bounds read.
 */
#ifndef JH_PROBE_FDT_H
#define JH_PROBE_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jh_fdt_prop {
	const char *name;
	const unsigned char *data;
	uint32_t len;
};

struct jh_fdt_node {
	const char *name;	/* "uart@9000000"; "" for the root */
	int parent;		/* index, -1 for the root */
	size_t first_prop, num_props;
	uint32_t phandle;	/* 0: none */
};

struct jh_fdt {
	struct jh_fdt_node *nodes;
	size_t num_nodes;
	struct jh_fdt_prop *props;
	size_t num_props;
};

/* Parse `blob` (kept by the caller while `fdt` is used). */
bool jh_fdt_parse(struct jh_fdt *fdt, const unsigned char *blob, size_t len,
		  char *err, size_t err_size);
void jh_fdt_free(struct jh_fdt *fdt);

const struct jh_fdt_prop *jh_fdt_prop(const struct jh_fdt *fdt, int node,
				      const char *name);
/* Big-endian cell `i` of a property; false when out of range. */
bool jh_fdt_cell(const struct jh_fdt_prop *p, size_t i, uint32_t *out);
/* Does the node's "compatible" list contain `compat`? */
bool jh_fdt_compatible(const struct jh_fdt *fdt, int node,
		       const char *compat);
/* The node with this phandle, -1 if none. */
int jh_fdt_by_phandle(const struct jh_fdt *fdt, uint32_t phandle);
/* #address-cells / #size-cells that apply to a node's "reg" (its
 * parent's, with the specification's defaults 2 and 1). */
uint32_t jh_fdt_addr_cells(const struct jh_fdt *fdt, int node);
uint32_t jh_fdt_size_cells(const struct jh_fdt *fdt, int node);

/*
 * Entry `i` of a node's "reg", translated to a CPU physical address
 * through the "ranges" of every ancestor. False when there is no such
 * entry, a cell count is unsupported (> 2), or an ancestor has no
 * "ranges" (not memory-mapped).
 */
bool jh_fdt_reg(const struct jh_fdt *fdt, int node, size_t i,
		uint64_t *addr, uint64_t *size);

/* The same without translation (CPU ids, bus-local addresses). */
bool jh_fdt_reg_raw(const struct jh_fdt *fdt, int node, size_t i,
		    uint64_t *addr, uint64_t *size);

/* Is the node enabled (no "status", or "okay"/"ok")? */
bool jh_fdt_enabled(const struct jh_fdt *fdt, int node);

#endif /* JH_PROBE_FDT_H */
