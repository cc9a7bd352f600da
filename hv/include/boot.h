/* SPDX-License-Identifier: GPL-2.0-only */
/* The checked contents of the boot bundle. */
#ifndef JH_HV_BOOT_H
#define JH_HV_BOOT_H

#include "cell_ext.h"
#include "config.h"
#include "types.h"
#include <jh-boot-bundle.h>

struct boot_inmate {
	unsigned int cell;	/* index into cells[] */
	const u8 *data;
	u64 size;
	u64 load_address;	/* guest-physical */
};

struct boot_info {
	u32 flags;		/* JH_BUNDLE_* */
	/* late launch from Linux (no bundle: the system image alone) */
	bool late;
	/* what the integrity digest covers besides the code */
	const void *digest_data;
	u64 digest_size;
	const struct jh_system_desc *system;
	u64 system_size;
	unsigned int num_cells;	/* root included */
	const struct jh_cell_desc *cell[MAX_CELLS];	/* [0]: root */
	u64 cell_size[MAX_CELLS];
	/* a cell is started only if the bundle holds an inmate for it */
	bool has_inmate[MAX_CELLS];
	/* what the jh extension blocks say */
	struct cell_ext ext[MAX_CELLS];
	unsigned int num_inmates;
	struct boot_inmate inmate[MAX_CELLS * 2];
};

extern struct boot_info boot;
/* Where the hypervisor image lies (set from the linker symbols). */
extern u64 hv_image_start, hv_image_end;

/* Parse the bundle's structure (not the images in it). */
int bundle_parse(const void *bundle, u64 max_size);
/* Check the system image and every cell image, alone and together. */
int images_check(void);
/*
 * Check one cell image created at run time (in hypervisor memory) as
 * at boot; @slot names it in messages. 0 or -EINVAL.
 */
int image_check_one(unsigned int slot, const struct jh_cell_desc *c,
		    u64 size, struct cell_ext *ext);
/* Copy the inmate binaries into their cells' memory. */
int inmates_load(void);

extern const char *image_error_prefix;

/* Report a boot error (with printk) and return -EINVAL. */
int boot_error(const char *where, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
