/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Files the tool hands to the driver: jh images (system or cell) and the
 * binaries loaded into cells.
 */
#ifndef JH_CLI_IMAGE_H
#define JH_CLI_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

struct file_data {
	unsigned char *data;
	size_t size;
};

enum image_kind { IMAGE_SYSTEM, IMAGE_CELL };

/*
 * Read a whole file. On failure print "jh: <path>: <reason>" and return
 * false (nothing to free).
 */
bool file_read(const char *path, struct file_data *out);
void file_free(struct file_data *f);

/*
 * Check that f, read from path, is a jh image of the kind wanted
 * (signature, configuration revision, architecture, the size its header
 * describes). On failure print a message naming the file and return false.
 */
bool image_check(const char *path, const struct file_data *f,
		 enum image_kind want);

/* True when f starts like a jh image of either kind (signature only). */
bool image_looks_like_jh(const struct file_data *f);

/* The cell name of a checked cell image (NUL-terminated copy). */
void image_cell_name(const struct file_data *f, char *name, size_t size);

#endif /* JH_CLI_IMAGE_H */
