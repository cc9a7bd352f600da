// SPDX-License-Identifier: GPL-2.0-only
/*
 * Flattened device tree reader (see fdt.h). Format facts from the
 * Devicetree Specification v0.4, chapter 5: a 40-byte big-endian header,
 * a structure block of 32-bit tokens, and a strings block.
 */
#include "probe/fdt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define MAX_DEPTH 64

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* A NUL-terminated string wholly inside [start, end)? */
static bool str_ok(const unsigned char *start, const unsigned char *end)
{
	return start < end && memchr(start, 0, (size_t)(end - start));
}

bool jh_fdt_parse(struct jh_fdt *fdt, const unsigned char *blob, size_t len,
		  char *err, size_t err_size)
{
	uint32_t total, off_struct, off_strings, size_strings, size_struct,
		 version;
	const unsigned char *p, *end, *strings;
	int stack[MAX_DEPTH];
	int depth = 0;
	size_t cap_nodes = 0, cap_props = 0;

	memset(fdt, 0, sizeof(*fdt));
	if (len < 40 || be32(blob) != FDT_MAGIC) {
		snprintf(err, err_size, "not a device tree blob (bad magic)");
		return false;
	}
	total = be32(blob + 4);
	off_struct = be32(blob + 8);
	off_strings = be32(blob + 12);
	version = be32(blob + 20);
	size_strings = be32(blob + 32);
	size_struct = version >= 17 ? be32(blob + 36) : total - off_struct;
	if (total > len || total < 40) {
		snprintf(err, err_size,
			 "header says %u bytes, the blob has %zu", total, len);
		return false;
	}
	if (version < 16) {
		snprintf(err, err_size, "version %u is too old (need 16+)",
			 version);
		return false;
	}
	if (off_struct > total || size_struct > total - off_struct ||
	    off_strings > total || size_strings > total - off_strings ||
	    (off_struct & 3)) {
		snprintf(err, err_size,
			 "structure or strings block outside the blob");
		return false;
	}
	p = blob + off_struct;
	end = p + size_struct;
	strings = blob + off_strings;
	while (p + 4 <= end) {
		uint32_t tok = be32(p);

		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const unsigned char *name = p;
			size_t n;
			struct jh_fdt_node *node;

			if (!str_ok(p, end))
				goto bad;
			n = strlen((const char *)name);
			p += (n + 4) & ~(size_t)3;
			if (depth == MAX_DEPTH) {
				snprintf(err, err_size,
					 "nodes nested deeper than %d",
					 MAX_DEPTH);
				goto fail;
			}
			if (depth == 0 && fdt->num_nodes) {
				snprintf(err, err_size,
					 "more than one root node");
				goto fail;
			}
			if (fdt->num_nodes == cap_nodes) {
				cap_nodes = cap_nodes ? 2 * cap_nodes : 64;
				fdt->nodes = jh_xrealloc_array(fdt->nodes,
					cap_nodes, sizeof(*fdt->nodes));
			}
			node = &fdt->nodes[fdt->num_nodes];
			node->name = (const char *)name;
			node->parent = depth ? stack[depth - 1] : -1;
			node->first_prop = fdt->num_props;
			node->num_props = 0;
			node->phandle = 0;
			stack[depth++] = (int)fdt->num_nodes++;
		} else if (tok == FDT_END_NODE) {
			if (depth == 0)
				goto bad;
			depth--;
		} else if (tok == FDT_PROP) {
			uint32_t plen, nameoff;
			struct jh_fdt_prop *prop;
			struct jh_fdt_node *node;

			if (depth == 0 || end - p < 8)
				goto bad;
			plen = be32(p);
			nameoff = be32(p + 4);
			p += 8;
			if (plen > (size_t)(end - p) || nameoff >= size_strings ||
			    !str_ok(strings + nameoff, strings + size_strings))
				goto bad;
			node = &fdt->nodes[stack[depth - 1]];
			/* properties must follow their node directly */
			if (node->first_prop + node->num_props !=
			    fdt->num_props)
				goto bad;
			if (fdt->num_props == cap_props) {
				cap_props = cap_props ? 2 * cap_props : 256;
				fdt->props = jh_xrealloc_array(fdt->props,
					cap_props, sizeof(*fdt->props));
			}
			prop = &fdt->props[fdt->num_props++];
			prop->name = (const char *)strings + nameoff;
			prop->data = p;
			prop->len = plen;
			node->num_props++;
			if ((!strcmp(prop->name, "phandle") ||
			     !strcmp(prop->name, "linux,phandle")) && plen == 4)
				node->phandle = be32(p);
			p += ((size_t)plen + 3) & ~(size_t)3;
			if (p > end)
				goto bad;
		} else if (tok == FDT_NOP) {
			continue;
		} else if (tok == FDT_END) {
			if (depth != 0 || !fdt->num_nodes)
				goto bad;
			return true;
		} else {
			snprintf(err, err_size, "unknown token 0x%x at offset "
				 "%zu", tok, (size_t)(p - 4 - blob));
			goto fail;
		}
	}
bad:
	snprintf(err, err_size,
		 "structure block damaged near offset %zu",
		 (size_t)(p - blob));
fail:
	jh_fdt_free(fdt);
	return false;
}

void jh_fdt_free(struct jh_fdt *fdt)
{
	free(fdt->nodes);
	free(fdt->props);
	memset(fdt, 0, sizeof(*fdt));
}

const struct jh_fdt_prop *jh_fdt_prop(const struct jh_fdt *fdt, int node,
				      const char *name)
{
	const struct jh_fdt_node *n;

	if (node < 0 || (size_t)node >= fdt->num_nodes)
		return NULL;
	n = &fdt->nodes[node];
	for (size_t i = 0; i < n->num_props; i++)
		if (!strcmp(fdt->props[n->first_prop + i].name, name))
			return &fdt->props[n->first_prop + i];
	return NULL;
}

bool jh_fdt_cell(const struct jh_fdt_prop *p, size_t i, uint32_t *out)
{
	if (!p || i >= p->len / 4)
		return false;
	*out = be32(p->data + 4 * i);
	return true;
}

bool jh_fdt_compatible(const struct jh_fdt *fdt, int node,
		       const char *compat)
{
	const struct jh_fdt_prop *p = jh_fdt_prop(fdt, node, "compatible");
	size_t off = 0;

	while (p && off < p->len) {
		const char *s = (const char *)p->data + off;
		size_t n = strnlen(s, p->len - off);

		if (n == strlen(compat) && !memcmp(s, compat, n))
			return true;
		off += n + 1;
	}
	return false;
}

int jh_fdt_by_phandle(const struct jh_fdt *fdt, uint32_t phandle)
{
	if (!phandle)
		return -1;
	for (size_t i = 0; i < fdt->num_nodes; i++)
		if (fdt->nodes[i].phandle == phandle)
			return (int)i;
	return -1;
}

static uint32_t cells_of(const struct jh_fdt *fdt, int node,
			 const char *name, uint32_t dflt)
{
	uint32_t v;

	if (node < 0 || !jh_fdt_cell(jh_fdt_prop(fdt, node, name), 0, &v))
		return dflt;
	return v;
}

uint32_t jh_fdt_addr_cells(const struct jh_fdt *fdt, int node)
{
	return cells_of(fdt, fdt->nodes[node].parent, "#address-cells", 2);
}

uint32_t jh_fdt_size_cells(const struct jh_fdt *fdt, int node)
{
	return cells_of(fdt, fdt->nodes[node].parent, "#size-cells", 1);
}

static bool read_cells(const struct jh_fdt_prop *p, size_t at, uint32_t n,
		       uint64_t *out)
{
	uint32_t hi, lo;

	if (n == 0) {
		*out = 0;
		return true;
	}
	if (n == 1)
		return jh_fdt_cell(p, at, &lo) && ((*out = lo), true);
	if (n == 2 && jh_fdt_cell(p, at, &hi) && jh_fdt_cell(p, at + 1, &lo)) {
		*out = (uint64_t)hi << 32 | lo;
		return true;
	}
	return false;
}

/* Translate a bus address of a child of `bus` into the bus's parent's
 * address space using the bus's "ranges". */
static bool translate(const struct jh_fdt *fdt, int bus, uint64_t *addr)
{
	const struct jh_fdt_prop *r = jh_fdt_prop(fdt, bus, "ranges");
	uint32_t ca, pa, cs;
	size_t entry;

	if (!r)
		return false;
	if (r->len == 0)
		return true;	/* identity */
	ca = cells_of(fdt, bus, "#address-cells", 2);
	cs = cells_of(fdt, bus, "#size-cells", 1);
	pa = jh_fdt_addr_cells(fdt, bus);
	entry = (size_t)ca + pa + cs;
	if (ca > 3 || pa > 2 || cs > 2 || !entry)
		return false;
	for (size_t i = 0; (i + 1) * entry <= r->len / 4; i++) {
		uint64_t child, parent, size;
		/* 3-cell child addresses (PCI) carry flags in cell 0 */
		size_t c0 = i * entry + (ca == 3 ? 1 : 0);

		if (!read_cells(r, c0, ca == 3 ? 2 : ca, &child) ||
		    !read_cells(r, i * entry + ca, pa, &parent) ||
		    !read_cells(r, i * entry + ca + pa, cs, &size))
			return false;
		if (*addr >= child && *addr - child < size) {
			*addr = *addr - child + parent;
			return true;
		}
	}
	return false;
}

bool jh_fdt_reg_raw(const struct jh_fdt *fdt, int node, size_t i,
		    uint64_t *addr, uint64_t *size)
{
	const struct jh_fdt_prop *reg = jh_fdt_prop(fdt, node, "reg");
	uint32_t ac = jh_fdt_addr_cells(fdt, node);
	uint32_t sc = jh_fdt_size_cells(fdt, node);
	size_t entry = (size_t)ac + sc;

	return reg && ac <= 2 && sc <= 2 && entry &&
	       (i + 1) * entry <= reg->len / 4 &&
	       read_cells(reg, i * entry, ac, addr) &&
	       read_cells(reg, i * entry + ac, sc, size);
}

bool jh_fdt_reg(const struct jh_fdt *fdt, int node, size_t i,
		uint64_t *addr, uint64_t *size)
{
	if (!jh_fdt_reg_raw(fdt, node, i, addr, size))
		return false;
	for (int bus = fdt->nodes[node].parent; bus > 0;
	     bus = fdt->nodes[bus].parent)
		if (!translate(fdt, bus, addr))
			return false;
	return true;
}

bool jh_fdt_enabled(const struct jh_fdt *fdt, int node)
{
	const struct jh_fdt_prop *p = jh_fdt_prop(fdt, node, "status");

	if (!p || !p->len)
		return true;
	return !strncmp((const char *)p->data, "okay", p->len) ||
	       !strncmp((const char *)p->data, "ok", p->len);
}
