// SPDX-License-Identifier: GPL-2.0-only
/*
 * The jh extension block (schema/jh-cell-ext.h): encoding and strict
 * decoding. The decoder accepts only the canonical encoding the encoder
 * produces, so every accepted block round-trips byte for byte.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "image-internal.h"
#include "jh-cell-ext.h"
#include "le.h"

static uint32_t ext_cell_flags(const struct jh_cell *c)
{
	return (c->allow_hv_probe ? JH_EXT_ALLOW_HV_PROBE : 0) |
	       (c->l2_isolation ? JH_EXT_L2_ISOLATION : 0);
}

static size_t count_preserved(const struct jh_cell *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->mem.n; i++)
		n += c->mem.v[i].scrub == JH_SCRUB_PRESERVE;
	return n;
}

static size_t count_l2(const struct jh_cell *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->cache.n; i++)
		n += c->cache.v[i].level == JH_CACHE_LEVEL_L2;
	return n;
}

static void report(struct jh_diags *d, struct jh_loc loc, const char *cell,
		   const char *feature)
{
	struct jh_diag *g;

	g = jh_error(d, loc, "cell '%s': %s cannot be expressed in Jailhouse "
		     "configuration revision 14 (--abi=jailhouse-r14)", cell,
		     feature);
	jh_diag_hint(g, "drop the feature, or compile without "
		     "--abi=jailhouse-r14 to get the jh extension block");
}

bool jh_ext_needed(const struct jh_cell *c, struct jh_diags *d, bool rep)
{
	bool need = false;

	if (c->watchdog_ms) {
		need = true;
		if (rep)
			report(d, c->watchdog_loc, c->name, "a watchdog");
	}
	if (c->allow_hv_probe) {
		need = true;
		if (rep)
			report(d, c->hv_probe_loc, c->name, "allow-hv-probe");
	}
	if (c->l2_isolation) {
		need = true;
		if (rep)
			report(d, c->l2_isolation_loc, c->name,
			       "l2-isolation");
	}
	for (size_t i = 0; i < c->mem.n; i++) {
		const struct jh_region *r = &c->mem.v[i];

		if (r->scrub != JH_SCRUB_PRESERVE)
			continue;
		need = true;
		if (rep)
			report(d, r->scrub_loc.file ? r->scrub_loc : r->loc,
			       c->name, "a preserved (not scrubbed) memory "
			       "region");
	}
	for (size_t i = 0; i < c->cache.n; i++) {
		if (c->cache.v[i].level != JH_CACHE_LEVEL_L2)
			continue;
		need = true;
		if (rep)
			report(d, c->cache.v[i].loc, c->name,
			       "an L2 cache partition");
	}
	return need;
}

size_t jh_ext_size(const struct jh_cell *c)
{
	size_t size = sizeof(struct jh_ext_header);
	size_t n;

	if (!jh_ext_needed(c, NULL, false))
		return 0;
	if (ext_cell_flags(c))
		size += jh_ext_record_span(sizeof(struct jh_ext_cell_flags));
	if (c->watchdog_ms)
		size += jh_ext_record_span(4);
	n = count_preserved(c);
	if (n)
		size += jh_ext_record_span((uint32_t)(4 * n));
	n = count_l2(c);
	if (n)
		size += jh_ext_record_span((uint32_t)(4 * n));
	return size;
}

static uint8_t *put_record(uint8_t *p, uint16_t type, uint16_t length,
			   uint16_t *num)
{
	jh_put16(p, type);
	jh_put16(p + 2, length);
	(*num)++;
	return p + sizeof(struct jh_ext_record);
}

void jh_ext_write(const struct jh_cell *c, uint8_t *out)
{
	uint8_t *p = out + sizeof(struct jh_ext_header);
	uint16_t num = 0;
	size_t n;

	if (ext_cell_flags(c)) {
		p = put_record(p, JH_EXT_CELL_FLAGS, 4, &num);
		jh_put32(p, ext_cell_flags(c));
		p += 4;
	}
	if (c->watchdog_ms) {
		p = put_record(p, JH_EXT_WATCHDOG, 4, &num);
		jh_put32(p, c->watchdog_ms);
		p += 4;
	}
	n = count_preserved(c);
	if (n) {
		p = put_record(p, JH_EXT_PRESERVE_REGIONS, (uint16_t)(4 * n),
			       &num);
		for (size_t i = 0; i < c->mem.n; i++)
			if (c->mem.v[i].scrub == JH_SCRUB_PRESERVE) {
				jh_put32(p, (uint32_t)i);
				p += 4;
			}
	}
	n = count_l2(c);
	if (n) {
		p = put_record(p, JH_EXT_L2_CACHE_REGIONS, (uint16_t)(4 * n),
			       &num);
		for (size_t i = 0; i < c->cache.n; i++)
			if (c->cache.v[i].level == JH_CACHE_LEVEL_L2) {
				jh_put32(p, (uint32_t)i);
				p += 4;
			}
	}
	memcpy(out, JH_EXT_MAGIC, JH_EXT_MAGIC_SIZE);
	jh_put16(out + 6, JH_EXT_VERSION);
	jh_put16(out + 8, sizeof(struct jh_ext_header));
	jh_put16(out + 10, num);
	jh_put32(out + 12, (uint32_t)(p - out));
}

/* ------------------------------------------------------------ decoding */

struct ext_rd {
	const uint8_t *buf;
	const char *file;
	struct jh_diags *d;
	bool ok;
};

/* Report a problem in extension field `field` at byte offset `off`. */
__attribute__((format(printf, 4, 5)))
static void bad(struct ext_rd *r, size_t off, const char *field,
		const char *fmt, ...)
{
	struct jh_loc loc = jh_image_loc(r->file, off, "extension", -1);
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	jh_error(r->d, loc, "%s: %s", field, msg);
	r->ok = false;
}

/* A list of strictly increasing u32 indices below `limit`. */
static bool read_index_list(struct ext_rd *r, size_t off, uint16_t length,
			    uint32_t limit, const char *what)
{
	uint32_t prev = 0;

	if (length == 0 || length % 4) {
		bad(r, off - 2, "record length", "%u; a list of %ss must be a "
		    "non-zero multiple of 4 bytes", length, what);
		return false;
	}
	for (uint16_t i = 0; i < length / 4; i++) {
		uint32_t v = jh_get32(r->buf + off + 4u * i);

		if (v >= limit) {
			bad(r, off + 4u * i, what, "index %u out of range "
			    "(the cell has %u)", v, limit);
			return false;
		}
		if (i > 0 && v <= prev) {
			bad(r, off + 4u * i, what, "index %u after %u: "
			    "indices must be strictly increasing", v, prev);
			return false;
		}
		prev = v;
	}
	return true;
}

static void decode_record(struct ext_rd *r, uint16_t type, size_t off,
			  uint16_t length, struct jh_cell *c)
{
	uint32_t v;

	switch (type) {
	case JH_EXT_CELL_FLAGS:
	case JH_EXT_WATCHDOG:
		if (length != 4) {
			bad(r, off - 2, "record length", "%u, must be 4",
			    length);
			return;
		}
		v = jh_get32(r->buf + off);
		if (type == JH_EXT_WATCHDOG) {
			if (v == 0)
				bad(r, off, "watchdog", "period 0 is not "
				    "canonical (omit the record instead)");
			c->watchdog_ms = v;
			c->watchdog_loc = jh_image_loc(r->file, off,
						       "extension", -1);
			return;
		}
		if (v == 0 || (v & ~JH_EXT_CELL_FLAGS_KNOWN)) {
			bad(r, off, "cell flags", "0x%x: must be non-zero "
			    "with known bits only (0x%x)", v,
			    JH_EXT_CELL_FLAGS_KNOWN);
			return;
		}
		c->allow_hv_probe = v & JH_EXT_ALLOW_HV_PROBE;
		c->l2_isolation = v & JH_EXT_L2_ISOLATION;
		c->hv_probe_loc = c->l2_isolation_loc =
			jh_image_loc(r->file, off, "extension", -1);
		return;
	case JH_EXT_PRESERVE_REGIONS:
		if (!read_index_list(r, off, length, (uint32_t)c->mem.n,
				     "preserved region"))
			return;
		for (uint16_t i = 0; i < length / 4; i++) {
			struct jh_region *m =
				&c->mem.v[jh_get32(r->buf + off + 4u * i)];

			m->scrub = JH_SCRUB_PRESERVE;
			m->scrub_loc = jh_image_loc(r->file, off + 4u * i,
						    "extension", -1);
		}
		return;
	case JH_EXT_L2_CACHE_REGIONS:
		if (!read_index_list(r, off, length, (uint32_t)c->cache.n,
				     "L2 cache region"))
			return;
		for (uint16_t i = 0; i < length / 4; i++)
			c->cache.v[jh_get32(r->buf + off + 4u * i)].level =
				JH_CACHE_LEVEL_L2;
		return;
	default:
		bad(r, off - 4, "record type", "%u is unknown to this reader "
		    "(extension version %d)", type, JH_EXT_VERSION);
	}
}

bool jh_ext_read(const uint8_t *buf, size_t len, size_t off,
		 const char *file, struct jh_diags *d, struct jh_cell *c)
{
	struct ext_rd r = { buf, file, d, true };
	size_t avail = len - off, pos;
	uint32_t total;
	uint16_t num, last_type = 0;

	if (avail < sizeof(struct jh_ext_header) ||
	    memcmp(buf + off, JH_EXT_MAGIC, JH_EXT_MAGIC_SIZE) != 0) {
		jh_error(d, jh_image_loc(file, off, NULL, -1),
			 "%zu trailing byte%s after the last array, and they "
			 "are not a jh extension block (magic \"JHEXT\")",
			 avail, avail == 1 ? "" : "s");
		return false;
	}
	if (buf[off + 5] != 0)
		bad(&r, off + 5, "reserved", "must be 0, is 0x%02x",
		    buf[off + 5]);
	if (jh_get16(buf + off + 6) != JH_EXT_VERSION)
		bad(&r, off + 6, "version", "%u is not supported (this reader "
		    "knows version %d)", jh_get16(buf + off + 6),
		    JH_EXT_VERSION);
	if (jh_get16(buf + off + 8) != sizeof(struct jh_ext_header))
		bad(&r, off + 8, "header_size", "%u, must be 16",
		    jh_get16(buf + off + 8));
	num = jh_get16(buf + off + 10);
	total = jh_get32(buf + off + 12);
	if (total != avail)
		bad(&r, off + 12, "total_length", "%u, but %zu bytes are left "
		    "in the file", total, avail);
	if (!r.ok)
		return false;

	pos = off + sizeof(struct jh_ext_header);
	for (uint16_t i = 0; i < num; i++) {
		uint16_t type, length;
		size_t span;

		if (len - pos < sizeof(struct jh_ext_record)) {
			bad(&r, pos, "record", "record %u of num_records %u "
			    "is missing: the block ends here", i, num);
			return false;
		}
		type = jh_get16(buf + pos);
		length = jh_get16(buf + pos + 2);
		span = jh_ext_record_span(length);
		if (span > len - pos) {
			bad(&r, pos + 2, "record length", "%u runs past the "
			    "end of the block", length);
			return false;
		}
		if (type <= last_type) {
			bad(&r, pos, "record type", "%u after %u: records "
			    "are sorted by type, each at most once", type,
			    last_type);
			return false;
		}
		last_type = type;
		decode_record(&r, type, pos + 4, length, c);
		for (size_t p = pos + 4 + length; p < pos + span; p++)
			if (buf[p] != 0)
				bad(&r, p, "record padding", "must be 0, "
				    "is 0x%02x", buf[p]);
		if (!r.ok)
			return false;
		pos += span;
	}
	if (pos != len)
		bad(&r, pos, "total_length", "%zu bytes after the last of "
		    "num_records %u records", len - pos, num);
	if (num == 0)
		bad(&r, off + 10, "num_records", "0: an empty block is not "
		    "canonical (omit the block instead)");
	return r.ok;
}
