/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The jh extension block of a cell image (doc/abi.md, "Extension").
 *
 * Jailhouse configuration revision 14 cannot say everything jh can
 * (L2 cache partitions, a cell watchdog, regions kept on release, ...).
 * Those features travel in an optional block appended right after the
 * last standard array of an image: after the root cell's stream IDs in a
 * system image, after the cell's stream IDs in a cell image. Upstream
 * readers compute an image's size from its counts and never look past it,
 * so they ignore the block; jh readers find it at exactly that offset.
 *
 * Layout (all little-endian, packed, no alignment assumed for the block
 * itself; records are 4-byte aligned relative to the block start):
 *
 *   struct jh_ext_header      16 bytes
 *   record, record, ...       num_records of them, sorted by type,
 *                             each type at most once
 *
 *   record = struct jh_ext_record (4 bytes) + payload (length bytes)
 *            + zero padding up to the next multiple of 4
 *
 * total_length covers the header, every record and its padding, and
 * equals the number of bytes left in the file. Reserved fields and
 * padding are zero. A writer emits a record only when its feature is in
 * use (never an empty one), so every image has one canonical encoding.
 *
 * Freestanding: needs only jh-cell-format.h.
 */
#ifndef JH_CELL_EXT_H
#define JH_CELL_EXT_H

#include "jh-cell-format.h"

#define JH_EXT_MAGIC			"JHEXT"
#define JH_EXT_MAGIC_SIZE		5
#define JH_EXT_VERSION			1
#define JH_EXT_ALIGN			4

struct jh_ext_header {
	char magic[JH_EXT_MAGIC_SIZE];	/* "JHEXT", no NUL */
	jh_u8 reserved;			/* 0 */
	jh_u16 version;			/* JH_EXT_VERSION */
	jh_u16 header_size;		/* sizeof(struct jh_ext_header) */
	jh_u16 num_records;
	jh_u32 total_length;		/* header + records, in bytes */
} JH_PACKED;

struct jh_ext_record {
	jh_u16 type;			/* JH_EXT_* */
	jh_u16 length;			/* payload bytes, without padding */
} JH_PACKED;

/*
 * Record types, in the order they must appear.
 */

/* payload: struct jh_ext_cell_flags */
#define JH_EXT_CELL_FLAGS		0x0001
/* payload: u32 watchdog period in milliseconds (non-zero) */
#define JH_EXT_WATCHDOG			0x0002
/* payload: u32 indices into the memory regions, strictly increasing:
 * regions whose contents are kept (not scrubbed) when the cell
 * releases them */
#define JH_EXT_PRESERVE_REGIONS		0x0003
/* payload: u32 indices into the cache regions, strictly increasing:
 * entries that partition the L2 cache instead of the L3 */
#define JH_EXT_L2_CACHE_REGIONS		0x0004
#define JH_EXT_TYPE_MAX			JH_EXT_L2_CACHE_REGIONS

/* struct jh_ext_cell_flags.flags */
#define JH_EXT_ALLOW_HV_PROBE		0x00000001 /* may detect the hv */
#define JH_EXT_L2_ISOLATION		0x00000002 /* owns its L2 alone */
#define JH_EXT_CELL_FLAGS_KNOWN		0x00000003u

struct jh_ext_cell_flags {
	jh_u32 flags;			/* non-zero, known bits only */
} JH_PACKED;

JH_ASSERT_SIZE(struct jh_ext_header, 16);
JH_ASSERT_OFF(struct jh_ext_header, magic, 0);
JH_ASSERT_OFF(struct jh_ext_header, reserved, 5);
JH_ASSERT_OFF(struct jh_ext_header, version, 6);
JH_ASSERT_OFF(struct jh_ext_header, header_size, 8);
JH_ASSERT_OFF(struct jh_ext_header, num_records, 10);
JH_ASSERT_OFF(struct jh_ext_header, total_length, 12);
JH_ASSERT_SIZE(struct jh_ext_record, 4);
JH_ASSERT_OFF(struct jh_ext_record, type, 0);
JH_ASSERT_OFF(struct jh_ext_record, length, 2);
JH_ASSERT_SIZE(struct jh_ext_cell_flags, 4);

/* Bytes a record occupies with its padding. */
static inline jh_u32 jh_ext_record_span(jh_u32 payload_length)
{
	return (jh_u32)sizeof(struct jh_ext_record) +
	       ((payload_length + JH_EXT_ALIGN - 1) & ~(jh_u32)(JH_EXT_ALIGN - 1));
}

#endif /* JH_CELL_EXT_H */
