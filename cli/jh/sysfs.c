// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading the jh driver's sysfs tree. Values are small text files; a
 * file that cannot be read is reported with its full path.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysfs.h"

#define DEFAULT_SYSFS	"/sys/kernel/jh"

const char *sysfs_root(void)
{
	const char *p = getenv("JH_SYSFS");

	return p && *p ? p : DEFAULT_SYSFS;
}

bool sysfs_read(const char *rel, char *buf, size_t size)
{
	char path[4096];
	size_t len = 0;
	int fd, n;

	n = snprintf(path, sizeof(path), "%s/%s", sysfs_root(), rel);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return false;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (len + 1 < size) {
		ssize_t r = read(fd, buf + len, size - 1 - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;

			close(fd);
			errno = err;
			return false;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	buf[len] = '\0';
	return true;
}

bool sysfs_require_enabled(const char *what)
{
	char v[16];

	if (!sysfs_read("enabled", v, sizeof(v))) {
		if (errno == ENOENT)
			fprintf(stderr, "jh: %s: %s/enabled does not exist: "
				"the jh driver is not loaded (modprobe jh, or "
				"insmod jh.ko)\n", what, sysfs_root());
		else
			fprintf(stderr, "jh: %s: cannot read %s/enabled: "
				"%s\n", what, sysfs_root(), strerror(errno));
		return false;
	}
	if (strcmp(v, "1") != 0) {
		fprintf(stderr, "jh: %s: the hypervisor is not enabled "
			"('jh enable SYSTEM.cell' first)\n", what);
		return false;
	}
	return true;
}

/* A cell folder name: a decimal number without sign or leading zero. */
static bool parse_id(const char *s, unsigned int *id)
{
	unsigned long v = 0;

	if (!*s || (s[0] == '0' && s[1]))
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 0xffffffful)
			return false;
	}
	*id = (unsigned int)v;
	return true;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a;
	unsigned int y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

bool sysfs_cell_ids(const char *what, unsigned int **ids, size_t *count)
{
	char path[4096];
	unsigned int *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d;

	*ids = NULL;
	*count = 0;
	snprintf(path, sizeof(path), "%s/cells", sysfs_root());
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "jh: %s: cannot read %s: %s\n", what, path,
			strerror(errno));
		return false;
	}
	while ((de = readdir(d))) {
		unsigned int id;

		if (!parse_id(de->d_name, &id))
			continue;
		if (n == cap) {
			unsigned int *nv;

			cap = cap ? cap * 2 : 8;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				closedir(d);
				fprintf(stderr, "jh: %s: out of memory\n",
					what);
				return false;
			}
			v = nv;
		}
		v[n++] = id;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), cmp_uint);
	*ids = v;
	*count = n;
	return true;
}

bool sysfs_find_cell(const char *what, const char *key, unsigned int *id)
{
	unsigned int *ids, want;
	bool by_id = parse_id(key, &want);
	char rel[64], name[64];
	size_t n;

	if (!sysfs_cell_ids(what, &ids, &n))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (by_id) {
			if (ids[i] != want)
				continue;
		} else {
			snprintf(rel, sizeof(rel), "cells/%u/name", ids[i]);
			if (!sysfs_read(rel, name, sizeof(name)) ||
			    strcmp(name, key) != 0)
				continue;
		}
		*id = ids[i];
		free(ids);
		return true;
	}
	free(ids);
	fprintf(stderr, "jh: %s: no cell %s '%s' ('jh cell list')\n", what,
		by_id ? "with id" : "named", key);
	return false;
}
