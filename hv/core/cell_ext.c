// SPDX-License-Identifier: GPL-2.0-only
/*
 * The jh extension block of a cell image, checked like everything else
 * in an image: header, total length, every record's bounds, order,
 * payload size and contents. Reads go through memcpy: the block has no
 * alignment of its own.
 */
#include <boot.h>
#include <cell_ext.h>
#include <string.h>
#include <jh-cell-ext.h>

static u32 get_u32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static int indices_ok(const char *w, const char *what, const u8 *p,
		      u32 len, u32 limit, u64 *bits)
{
	u32 i, prev = 0;

	if (!len || len % 4)
		return boot_error(w, "extension: %s: length %u not a non-zero "
				  "multiple of 4", what, len);
	for (i = 0; i < len / 4; i++) {
		u32 idx = get_u32(p + 4 * i);

		if (idx >= limit || (i && idx <= prev))
			return boot_error(w, "extension: %s: index %u out of "
					  "range or out of order", what, idx);
		if (bits && idx < 64)
			*bits |= BIT(idx);
		prev = idx;
	}
	return 0;
}

static int record_ok(const char *w, const struct jh_cell_desc *c, u16 type,
		     const u8 *p, u32 len, struct cell_ext *ext)
{
	switch (type) {
	case JH_EXT_CELL_FLAGS:
		if (len != 4)
			return boot_error(w, "extension: cell flags length %u",
					  len);
		ext->flags = get_u32(p);
		if (!ext->flags || ext->flags & ~JH_EXT_CELL_FLAGS_KNOWN)
			return boot_error(w, "extension: cell flags 0x%x "
					  "zero or unknown", ext->flags);
		return 0;
	case JH_EXT_WATCHDOG:
		if (len != 4 || !get_u32(p))
			return boot_error(w, "extension: watchdog record "
					  "malformed or period 0");
		ext->watchdog_ms = get_u32(p);
		return 0;
	case JH_EXT_PRESERVE_REGIONS:
		return indices_ok(w, "preserved regions", p, len,
				  c->num_memory_regions, &ext->preserve);
	case JH_EXT_L2_CACHE_REGIONS:
		return indices_ok(w, "L2 cache regions", p, len,
				  c->num_cache_regions, NULL);
	}
	return boot_error(w, "extension: unknown record type %u", type);
}

int cell_ext_parse(const char *w, const struct jh_cell_desc *c,
		   const u8 *image, u64 size, u64 std_size,
		   struct cell_ext *ext)
{
	struct jh_ext_header hdr;
	const u8 *blk = image + std_size;
	u32 off, n, prev_type = 0;

	memset(ext, 0, sizeof(*ext));
	if (size == std_size)
		return 0;
	if (size < std_size || size - std_size < sizeof(hdr))
		return boot_error(w, "image is %lu bytes, its counts say %lu",
				  size, std_size);
	memcpy(&hdr, blk, sizeof(hdr));
	if (memcmp(hdr.magic, JH_EXT_MAGIC, JH_EXT_MAGIC_SIZE) ||
	    hdr.reserved || hdr.version != JH_EXT_VERSION ||
	    hdr.header_size != sizeof(hdr))
		return boot_error(w, "%lu bytes after the arrays are not a "
				  "jh extension block (version %u)",
				  size - std_size, JH_EXT_VERSION);
	if (hdr.total_length != size - std_size)
		return boot_error(w, "extension: total_length %u, but %lu "
				  "bytes follow the arrays", hdr.total_length,
				  size - std_size);
	off = sizeof(hdr);
	for (n = 0; n < hdr.num_records; n++) {
		struct jh_ext_record rec;
		u32 span, pad;
		int err;

		if (hdr.total_length - off < sizeof(rec))
			return boot_error(w, "extension: record %u beyond the "
					  "block", n);
		memcpy(&rec, blk + off, sizeof(rec));
		span = jh_ext_record_span(rec.length);
		if (hdr.total_length - off < span)
			return boot_error(w, "extension: record %u (%u bytes) "
					  "beyond the block", n, rec.length);
		if (rec.type <= prev_type)
			return boot_error(w, "extension: record %u type %u out "
					  "of order or repeated", n, rec.type);
		prev_type = rec.type;
		err = record_ok(w, c, rec.type, blk + off + sizeof(rec),
				rec.length, ext);
		if (err)
			return err;
		for (pad = sizeof(rec) + rec.length; pad < span; pad++)
			if (blk[off + pad])
				return boot_error(w, "extension: record %u: "
						  "padding not zero", n);
		off += span;
	}
	if (off != hdr.total_length)
		return boot_error(w, "extension: %u bytes after the last "
				  "record", hdr.total_length - off);
	return 0;
}
