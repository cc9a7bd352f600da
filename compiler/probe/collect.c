// SPDX-License-Identifier: GPL-2.0-only
/*
 * The snapshot collector (see collect.h). What it copies is the exact set
 * of sources the parsers read; keep the two in step.
 */
#include "probe/collect.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "probe/tar.h"

/* snprintf that marks truncation as an over-long path (never silently
 * reads a shortened path: the result is an empty string). */
static void path_fmt(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void path_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		buf[0] = 0;
}

struct collector {
	const char *root;	/* prefix for every path read */
	FILE *out;
	FILE *log;
	char *skipped;		/* "path: reason\n" lines */
	size_t skipped_len;
	bool write_failed;
};

static void note_skip(struct collector *c, const char *path,
		      const char *why)
{
	size_t n = strlen(path) + strlen(why) + 4;
	char *s = realloc(c->skipped, c->skipped_len + n);

	if (!s)
		abort();
	c->skipped = s;
	c->skipped_len += (size_t)snprintf(s + c->skipped_len, n, "%s: %s\n",
					   path, why);
	fprintf(c->log, "jh-probe collect: skipped /%s: %s\n", path, why);
}

static void full_path(const struct collector *c, const char *rel, char *buf,
		      size_t size)
{
	size_t n = strlen(c->root);

	path_fmt(buf, size, "%s%s%s", c->root,
		 n && c->root[n - 1] == '/' ? "" : "/", rel);
}

/*
 * Read a whole file. sysfs and procfs report sizes that are not the
 * content length (4096, 0), so read until EOF whatever stat says.
 */
static unsigned char *slurp(const char *path, size_t *len, int *err)
{
	int fd = open(path, O_RDONLY);
	size_t cap = 4096, n = 0;
	unsigned char *buf;

	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	buf = malloc(cap);
	if (!buf)
		abort();
	for (;;) {
		ssize_t r;

		if (n == cap) {
			if (cap >= (64u << 20)) {	/* no source is this big */
				*err = EFBIG;
				break;
			}
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = errno;
			break;
		}
		if (r == 0) {
			close(fd);
			*len = n;
			return buf;
		}
		n += (size_t)r;
	}
	close(fd);
	free(buf);
	return NULL;
}

/* Copy one file; `optional` files that do not exist are not reported
 * (e.g. IVRS on an Intel machine). */
static void copy_file(struct collector *c, const char *rel, bool optional)
{
	char path[4096];
	unsigned char *data;
	size_t len = 0, n;
	int err = 0;

	full_path(c, rel, path, sizeof(path));
	data = slurp(path, &len, &err);
	if (!data) {
		if (!(optional && err == ENOENT))
			note_skip(c, rel, strerror(err));
		return;
	}
	if (!jh_tar_write_file(c->out, rel, data, len))
		c->write_failed = true;
	free(data);
	/* PCI config space beyond the header is root-only */
	n = strlen(rel);
	if (n > 7 && !strcmp(rel + n - 7, "/config") && len == 64)
		note_skip(c, rel, "only the first 64 bytes are readable "
			  "(collect as root for capabilities)");
}

/* Record a symlink's target (e.g. a device's iommu_group), under
 * `prefix` + its path. */
static void copy_link(struct collector *c, const char *rel,
		      const char *prefix)
{
	char path[4096], target[4096];
	ssize_t n;

	full_path(c, rel, path, sizeof(path));
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0 && errno == EINVAL && *prefix) {
		/* an unpacked snapshot: the link was kept aside */
		char alt[4096];

		path_fmt(alt, sizeof(alt), "%s%s", prefix, rel);
		full_path(c, alt, path, sizeof(path));
		n = readlink(path, target, sizeof(target) - 1);
	}
	if (n < 0) {
		if (errno != ENOENT)
			note_skip(c, rel, strerror(errno));
		return;
	}
	target[n] = 0;
	path_fmt(path, sizeof(path), "%s%s", prefix, rel);
	if (!jh_tar_write_symlink(c->out, path, target))
		c->write_failed = true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in a directory matching `prefix` (deterministic output). */
static char **list_dir(struct collector *c, const char *rel,
		       const char *prefix, size_t *count)
{
	char path[4096];
	DIR *dir;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	*count = 0;
	full_path(c, rel, path, sizeof(path));
	dir = opendir(path);
	if (!dir)
		return NULL;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.' ||
		    strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				abort();
		}
		names[n] = strdup(de->d_name);
		if (!names[n])
			abort();
		n++;
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	*count = n;
	return names;
}

static void free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Copy a directory tree of small text files (resctrl's info/). */
static void copy_tree(struct collector *c, const char *rel, int depth)
{
	size_t n;
	char **names = list_dir(c, rel, "", &n);

	for (size_t i = 0; i < n; i++) {
		char sub[4096], path[4096];
		struct stat st;

		path_fmt(sub, sizeof(sub), "%s/%s", rel, names[i]);
		full_path(c, sub, path, sizeof(path));
		if (lstat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < 4)
			copy_tree(c, sub, depth + 1);
		else if (S_ISREG(st.st_mode))
			copy_file(c, sub, false);
	}
	free_list(names, n);
}

static bool is_cpu_dir(const char *name)
{
	const char *p = name + 3;

	if (strncmp(name, "cpu", 3) != 0 || !*p)
		return false;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

static void collect_cpus(struct collector *c)
{
	static const char *const topo[] = {
		"physical_package_id", "cluster_id", "core_id", "die_id",
		"thread_siblings_list", "core_siblings_list",
	};
	static const char *const cache[] = {
		"level", "type", "size", "id", "shared_cpu_list",
	};
	const char *base = "sys/devices/system/cpu";
	size_t n;
	char **cpus = list_dir(c, base, "cpu", &n);
	char rel[4096];

	path_fmt(rel, sizeof(rel), "%s/online", base);
	copy_file(c, rel, false);
	path_fmt(rel, sizeof(rel), "%s/possible", base);
	copy_file(c, rel, false);
	for (size_t i = 0; i < n; i++) {
		size_t ni;
		char **idx;

		if (!is_cpu_dir(cpus[i]))
			continue;
		for (size_t t = 0; t < sizeof(topo) / sizeof(*topo); t++) {
			path_fmt(rel, sizeof(rel), "%s/%s/topology/%s", base,
				 cpus[i], topo[t]);
			copy_file(c, rel, true);
		}
		path_fmt(rel, sizeof(rel), "%s/%s/cache", base, cpus[i]);
		idx = list_dir(c, rel, "index", &ni);
		for (size_t k = 0; k < ni; k++) {
			for (size_t f = 0; f < sizeof(cache) / sizeof(*cache);
			     f++) {
				path_fmt(rel, sizeof(rel), "%s/%s/cache/%s/%s",
					 base, cpus[i], idx[k], cache[f]);
				copy_file(c, rel, true);
			}
		}
		free_list(idx, ni);
	}
	free_list(cpus, n);
}

static void collect_pci(struct collector *c)
{
	static const char *const files[] = {
		"config", "resource", "irq", "enable", "vendor", "device",
		"class",
	};
	const char *base = "sys/bus/pci/devices";
	size_t n;
	char **devs = list_dir(c, base, "", &n);
	char rel[4096], path[4096];
	struct stat st;

	full_path(c, base, path, sizeof(path));
	if (stat(path, &st) != 0) {
		note_skip(c, base, "no PCI bus (or sysfs not mounted)");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t f = 0; f < sizeof(files) / sizeof(*files); f++) {
			path_fmt(rel, sizeof(rel), "%s/%s/%s", base, devs[i],
				 files[f]);
			copy_file(c, rel, false);
		}
		path_fmt(rel, sizeof(rel), "%s/%s/iommu_group", base,
			 devs[i]);
		copy_link(c, rel, "");
		/* where the device sits in the bridge hierarchy */
		path_fmt(rel, sizeof(rel), "%s/%s", base, devs[i]);
		copy_link(c, rel, JH_SNAPSHOT_LINKS);
	}
	free_list(devs, n);
}

static void write_info(struct collector *c)
{
	struct utsname u;
	char info[1024], path[4096];
	int n;

	/* collecting an unpacked snapshot again: it knows its machine */
	full_path(c, JH_SNAPSHOT_INFO, path, sizeof(path));
	if (strcmp(c->root, "/") && access(path, R_OK) == 0) {
		copy_file(c, JH_SNAPSHOT_INFO, false);
		return;
	}

	if (uname(&u) != 0)
		memset(&u, 0, sizeof(u));
	n = snprintf(info, sizeof(info),
		     "format=1\nmachine=%s\nrelease=%s\n", u.machine,
		     u.release);
	if (!jh_tar_write_file(c->out, JH_SNAPSHOT_INFO, info, (size_t)n))
		c->write_failed = true;
}

int jh_probe_collect(const char *sysroot, const char *out_path, FILE *log)
{
	static const char *const tables[] = { "APIC", "MCFG", "DMAR",
					      "IVRS" };
	struct collector c = { .root = sysroot, .log = log };
	char rel[256], path[4096];
	struct stat st;
	bool acpi, fdt;
	int rc = 0;

	c.out = fopen(out_path, "wb");
	if (!c.out) {
		fprintf(log, "jh-probe collect: cannot create %s: %s\n",
			out_path, strerror(errno));
		return 1;
	}
	write_info(&c);
	copy_file(&c, "proc/cpuinfo", false);
	copy_file(&c, "proc/iomem", false);
	copy_file(&c, "proc/ioports", true);
	copy_file(&c, "proc/interrupts", false);
	collect_cpus(&c);

	full_path(&c, "sys/firmware/acpi/tables", path, sizeof(path));
	acpi = stat(path, &st) == 0;
	full_path(&c, "sys/firmware/fdt", path, sizeof(path));
	fdt = stat(path, &st) == 0;
	if (acpi) {
		for (size_t i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
			path_fmt(rel, sizeof(rel), "sys/firmware/acpi/tables/%s",
				 tables[i]);
			/* APIC and MCFG are expected; DMAR/IVRS depend on
			 * the vendor */
			copy_file(&c, rel, i >= 2);
		}
	}
	if (fdt)
		copy_file(&c, "sys/firmware/fdt", false);
	if (!acpi && !fdt)
		note_skip(&c, "sys/firmware",
			  "neither ACPI tables nor a device tree found");
	collect_pci(&c);
	full_path(&c, "sys/fs/resctrl/info", path, sizeof(path));
	if (stat(path, &st) == 0)
		copy_tree(&c, "sys/fs/resctrl/info", 0);

	if (c.skipped_len &&
	    !jh_tar_write_file(c.out, JH_SNAPSHOT_SKIPPED, c.skipped,
			       c.skipped_len))
		c.write_failed = true;
	if (!jh_tar_write_end(c.out))
		c.write_failed = true;
	if (fclose(c.out) != 0)
		c.write_failed = true;
	if (c.write_failed) {
		fprintf(log, "jh-probe collect: writing %s failed: %s\n",
			out_path, strerror(errno));
		unlink(out_path);
		rc = 1;
	}
	free(c.skipped);
	return rc;
}
