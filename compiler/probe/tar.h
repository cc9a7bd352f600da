/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal POSIX ustar writer and reader for jh-probe snapshots.
 *
 * Only what snapshots need: regular files and symbolic links, written
 * deterministically (mtime 0, owner 0, mode 0644), read back with every
 * header field bounds-checked. Depends on libc only, so the collector can
 * be built statically for a target without the rest of libjh.
 */
#ifndef JH_PROBE_TAR_H
#define JH_PROBE_TAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ---- writing */

/* Append a regular file. Returns false (errno set) on a write error or a
 * path that ustar cannot hold. */
bool jh_tar_write_file(FILE *out, const char *path, const void *data,
		       size_t len);
/* Append a symbolic link `path` -> `target`. */
bool jh_tar_write_symlink(FILE *out, const char *path, const char *target);
/* The two zero blocks that end an archive. */
bool jh_tar_write_end(FILE *out);

/* ---- reading */

struct jh_tar_entry {
	char *path;		/* normalised: no leading "./" or "/" */
	bool is_symlink;
	char *link;		/* symlink target, NULL otherwise */
	const unsigned char *data;	/* points into the archive buffer */
	size_t len;
};

struct jh_tar {
	unsigned char *buf;	/* the whole archive, owned */
	size_t buf_len;
	struct jh_tar_entry *entries;
	size_t n, cap;
};

/*
 * Parse an archive held in `buf` (ownership moves to `tar`, which frees it
 * with jh_tar_free even on failure). On a malformed archive returns false
 * and writes the reason into `err` (`err_size` bytes).
 */
bool jh_tar_parse(struct jh_tar *tar, unsigned char *buf, size_t len,
		  char *err, size_t err_size);
void jh_tar_free(struct jh_tar *tar);
const struct jh_tar_entry *jh_tar_find(const struct jh_tar *tar,
				       const char *path);

#endif /* JH_PROBE_TAR_H */
