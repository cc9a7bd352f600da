/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Boot bundle: how a boot loader (scripts/boot-qemu, or any loader) hands
 * the images to the hypervisor in boot-time partitioning mode.
 *
 * One blob, placed at JH_BUNDLE_ADDR inside the hypervisor's memory:
 * a header, a table of entries, then the payloads. All integers are
 * little-endian. The hypervisor checks every field before using it.
 */
#ifndef JH_BOOT_BUNDLE_H
#define JH_BOOT_BUNDLE_H

#include "jh-cell-format.h"

#define JH_BUNDLE_MAGIC			"JHBUNDL"	/* 8 bytes with NUL */
#define JH_BUNDLE_VERSION		1

/* Physical address the loader places the bundle at, and its maximum size. */
#define JH_BUNDLE_ADDR			0x7fe00000ull
#define JH_BUNDLE_MAX_SIZE		0x00200000ull

/* struct jh_bundle_header.flags */
#define JH_BUNDLE_SEMIHOSTING		0x1	/* QEMU -semihosting is on */
#define JH_BUNDLE_FLAGS_KNOWN		0x1u

/* struct jh_bundle_entry.type */
#define JH_BUNDLE_SYSTEM		1	/* system image (exactly one) */
#define JH_BUNDLE_CELL			2	/* non-root cell image */
#define JH_BUNDLE_INMATE		3	/* binary loaded into a cell */

struct jh_bundle_header {
	char magic[8];
	jh_u32 version;
	jh_u32 flags;
	jh_u32 num_entries;
	jh_u32 reserved;
	jh_u64 total_size;	/* header + table + payloads */
} JH_PACKED;

struct jh_bundle_entry {
	jh_u32 type;
	/* inmates: 0 = root cell, n = the n-th cell entry (1-based) */
	jh_u32 cell;
	jh_u64 offset;		/* from the start of the bundle */
	jh_u64 size;
	/* inmates: guest-physical load address in that cell */
	jh_u64 load_address;
} JH_PACKED;

JH_ASSERT_SIZE(struct jh_bundle_header, 32);
JH_ASSERT_SIZE(struct jh_bundle_entry, 32);
JH_ASSERT_OFF(struct jh_bundle_entry, offset, 8);
JH_ASSERT_OFF(struct jh_bundle_entry, load_address, 24);

#endif /* JH_BOOT_BUNDLE_H */
