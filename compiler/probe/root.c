// SPDX-License-Identifier: GPL-2.0-only
/*
 * The root-directory abstraction (see root.h).
 */
#include "probe/root.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/collect.h"
#include "util/xalloc.h"

/* No probe source is anywhere near this; a bigger file is refused rather
 * than read into memory (a snapshot of /dev/zero by mistake, say). */
#define MAX_SOURCE (64u << 20)

void jh_probe_root_open_dir(struct jh_probe_root *root, const char *dir)
{
	memset(root, 0, sizeof(*root));
	root->dir = jh_xstrdup(dir);
	root->what = jh_xstrdup(dir);
}

static unsigned char *read_fd(int fd, size_t *len, int *err)
{
	size_t cap = 4096, n = 0;
	unsigned char *buf = jh_xmalloc(cap + 1);

	for (;;) {
		ssize_t r;

		if (n == cap) {
			if (cap >= MAX_SOURCE) {
				*err = EFBIG;
				free(buf);
				return NULL;
			}
			cap *= 2;
			buf = jh_xrealloc_array(buf, cap + 1, 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = errno;
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

bool jh_probe_root_open_tar(struct jh_probe_root *root, const char *path,
			    char *err, size_t err_size)
{
	unsigned char *buf;
	size_t len = 0;
	int e = 0, fd;

	memset(root, 0, sizeof(*root));
	root->what = jh_xstrdup(path);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		snprintf(err, err_size, "%s: %s", path, strerror(errno));
		return false;
	}
	buf = read_fd(fd, &len, &e);
	close(fd);
	if (!buf) {
		snprintf(err, err_size, "%s: %s", path, strerror(e));
		return false;
	}
	free(root->what);
	root->what = NULL;
	return jh_probe_root_open_tar_buffer(root, path, buf, len, err,
					     err_size);
}

bool jh_probe_root_open_tar_buffer(struct jh_probe_root *root,
				   const char *name, unsigned char *buf,
				   size_t len, char *err, size_t err_size)
{
	char why[256];

	memset(root, 0, sizeof(*root));
	root->what = jh_xstrdup(name);
	if (!jh_tar_parse(&root->tar, buf, len, why, sizeof(why))) {
		snprintf(err, err_size, "%s: %s", name, why);
		return false;
	}
	if (!jh_tar_find(&root->tar, "jh-snapshot/info")) {
		snprintf(err, err_size,
			 "%s: not a jh-probe snapshot (no jh-snapshot/info; "
			 "take one with `jh-probe collect`)", name);
		return false;
	}
	return true;
}

void jh_probe_root_close(struct jh_probe_root *root)
{
	free(root->dir);
	free(root->what);
	jh_tar_free(&root->tar);
	memset(root, 0, sizeof(*root));
}

static char *live_path(const struct jh_probe_root *root, const char *path)
{
	size_t n = strlen(root->dir);

	return jh_xasprintf("%s%s%s", root->dir,
			    n && root->dir[n - 1] == '/' ? "" : "/", path);
}

unsigned char *jh_probe_root_read(const struct jh_probe_root *root,
				  const char *path, size_t *len, char *err,
				  size_t err_size)
{
	*len = 0;
	if (root->dir) {
		char *p = live_path(root, path);
		int fd = open(p, O_RDONLY), e = 0;
		unsigned char *buf = NULL;

		if (fd < 0) {
			e = errno;
		} else {
			buf = read_fd(fd, len, &e);
			close(fd);
		}
		if (!buf)
			snprintf(err, err_size, "%s", strerror(e));
		free(p);
		return buf;
	} else {
		const struct jh_tar_entry *e = jh_tar_find(&root->tar, path);
		unsigned char *buf;

		if (!e || e->is_symlink) {
			snprintf(err, err_size, "not in the snapshot");
			return NULL;
		}
		buf = jh_xmalloc(e->len + 1);
		memcpy(buf, e->data, e->len);
		buf[e->len] = 0;
		*len = e->len;
		return buf;
	}
}

static char *readlink_at(const struct jh_probe_root *root, const char *path);

/* A snapshot keeps links that clash with directories under
 * JH_SNAPSHOT_LINKS (also when unpacked and read with --root). */
char *jh_probe_root_readlink(const struct jh_probe_root *root,
			     const char *path)
{
	char *t = readlink_at(root, path);

	if (!t) {
		char *alt = jh_xasprintf("%s%s", JH_SNAPSHOT_LINKS, path);

		t = readlink_at(root, alt);
		free(alt);
	}
	return t;
}

static char *readlink_at(const struct jh_probe_root *root, const char *path)
{
	if (root->dir) {
		char *p = live_path(root, path), buf[4096];
		ssize_t n = readlink(p, buf, sizeof(buf) - 1);

		free(p);
		if (n < 0)
			return NULL;
		buf[n] = 0;
		return jh_xstrdup(buf);
	} else {
		const struct jh_tar_entry *e = jh_tar_find(&root->tar, path);

		return e && e->is_symlink ? jh_xstrdup(e->link) : NULL;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct name_list {
	char **v;
	size_t n, cap;
};

static void add_unique(struct name_list *v, const char *s, size_t len)
{
	for (size_t i = 0; i < v->n; i++)
		if (strlen(v->v[i]) == len && !strncmp(v->v[i], s, len))
			return;
	*jh_vec_push(v) = jh_xstrndup(s, len);
}

size_t jh_probe_root_list(const struct jh_probe_root *root, const char *dir,
			  char ***names)
{
	struct name_list v = { 0 };

	if (root->dir) {
		char *p = live_path(root, dir);
		DIR *d = opendir(p);
		struct dirent *de;

		free(p);
		while (d && (de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				*jh_vec_push(&v) = jh_xstrdup(de->d_name);
		if (d)
			closedir(d);
	} else {
		size_t dl = strlen(dir);

		for (size_t i = 0; i < root->tar.n; i++) {
			const char *p = root->tar.entries[i].path;
			const char *rest, *slash;

			if (strncmp(p, dir, dl) || p[dl] != '/')
				continue;
			rest = p + dl + 1;
			slash = strchr(rest, '/');
			if (*rest)
				add_unique(&v, rest,
					   slash ? (size_t)(slash - rest) :
						   strlen(rest));
		}
	}
	if (v.n)
		qsort(v.v, v.n, sizeof(*v.v), cmp_str);
	*names = v.v;
	return v.n;
}

void jh_probe_root_free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

bool jh_probe_root_exists(const struct jh_probe_root *root,
			  const char *path)
{
	if (root->dir) {
		char *p = live_path(root, path);
		struct stat st;
		bool ok = lstat(p, &st) == 0;

		free(p);
		return ok;
	}
	if (jh_tar_find(&root->tar, path))
		return true;
	/* a directory exists when something lies below it */
	for (size_t i = 0, n = strlen(path); i < root->tar.n; i++)
		if (!strncmp(root->tar.entries[i].path, path, n) &&
		    root->tar.entries[i].path[n] == '/')
			return true;
	return false;
}
