/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One "root directory" that every probe source is read through: either a
 * live file system (normally "/") or a snapshot archive taken with
 * `jh-probe collect`. Parsers never open files themselves, so the same
 * code reads a running system and a snapshot.
 *
 * Paths are relative to the root, without a leading '/', e.g.
 * "proc/iomem".
 */
#ifndef JH_PROBE_ROOT_H
#define JH_PROBE_ROOT_H

#include <stdbool.h>
#include <stddef.h>

#include "probe/tar.h"

struct jh_probe_root {
	char *dir;		/* live: directory prefix; NULL for a tar */
	struct jh_tar tar;	/* snapshot */
	char *what;		/* for messages: "/" or "snap.tar" */
};

/* Open a directory tree (live system). Never fails: missing files are
 * reported when read. */
void jh_probe_root_open_dir(struct jh_probe_root *root, const char *dir);
/* Open a snapshot; false with a message in `err` when it cannot be read
 * or is not a valid archive. */
bool jh_probe_root_open_tar(struct jh_probe_root *root, const char *path,
			    char *err, size_t err_size);
/* The same for an archive already in memory (`buf` is taken over and
 * freed by jh_probe_root_close, also on failure). */
bool jh_probe_root_open_tar_buffer(struct jh_probe_root *root,
				   const char *name, unsigned char *buf,
				   size_t len, char *err, size_t err_size);
void jh_probe_root_close(struct jh_probe_root *root);

/*
 * Read a whole file into a new buffer (NUL-terminated for convenience;
 * *len excludes the NUL). Returns NULL with the reason in `err` (e.g. "not
 * in the snapshot", "Permission denied").
 */
unsigned char *jh_probe_root_read(const struct jh_probe_root *root,
				  const char *path, size_t *len, char *err,
				  size_t err_size);
/* A symbolic link's target, newly allocated; NULL if not a link. */
char *jh_probe_root_readlink(const struct jh_probe_root *root,
			     const char *path);
/* Sorted names of the entries directly below `dir` (files, links and
 * directories); *names is newly allocated, free with
 * jh_probe_root_free_list. Returns the count (0 for a missing dir). */
size_t jh_probe_root_list(const struct jh_probe_root *root, const char *dir,
			  char ***names);
void jh_probe_root_free_list(char **names, size_t n);
bool jh_probe_root_exists(const struct jh_probe_root *root,
			  const char *path);

#endif /* JH_PROBE_ROOT_H */
