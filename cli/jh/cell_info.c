// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh cell list, jh cell stats NAME: what the driver shows in sysfs.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jh.h"
#include "sysfs.h"

#define LIST_USAGE	"jh cell list"
#define STATS_USAGE	"jh cell stats NAME"

/* A value for the table; "-" when empty, "?" when unreadable. */
static const char *cell_value(unsigned int id, const char *file, char *buf,
			      size_t size)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "cells/%u/%s", id, file);
	if (!sysfs_read(rel, buf, size))
		return "?";
	return *buf ? buf : "-";
}

int cmd_cell_list(int argc, char **argv)
{
	unsigned int *ids;
	size_t n;

	(void)argv;
	if (argc != 1)
		return usage_error(LIST_USAGE, "cell list: takes no arguments");
	if (!sysfs_require_enabled("cell list"))
		return JH_EXIT_FAIL;
	if (!sysfs_cell_ids("cell list", &ids, &n))
		return JH_EXIT_FAIL;
	printf("%-4s %-31s %-16s %-15s %s\n", "ID", "NAME", "STATE",
	       "ASSIGNED-CPUS", "FAILED-CPUS");
	for (size_t i = 0; i < n; i++) {
		char name[64], state[64], cpus[256], failed[256];

		printf("%-4u %-31s %-16s %-15s %s\n", ids[i],
		       cell_value(ids[i], "name", name, sizeof(name)),
		       cell_value(ids[i], "state", state, sizeof(state)),
		       cell_value(ids[i], "cpus_assigned", cpus, sizeof(cpus)),
		       cell_value(ids[i], "cpus_failed", failed,
				  sizeof(failed)));
	}
	free(ids);
	return JH_EXIT_OK;
}

/* The counters the ABI names, in its order; others follow sorted. */
static const char *const known_counters[] = {
	"vmexits_total", "vmexits_mmio", "vmexits_management",
	"vmexits_hypercall", "vmexits_maintenance", "vmexits_virq",
	"vmexits_vsgi", "vmexits_psci", "vmexits_smccc",
};
#define NUM_KNOWN (sizeof(known_counters) / sizeof(known_counters[0]))

static bool is_known(const char *name)
{
	for (size_t i = 0; i < NUM_KNOWN; i++)
		if (!strcmp(name, known_counters[i]))
			return true;
	return false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print one counter; false when it cannot be read. */
static bool print_counter(unsigned int id, const char *name)
{
	char rel[320], v[64];

	snprintf(rel, sizeof(rel), "cells/%u/statistics/%s", id, name);
	if (!sysfs_read(rel, v, sizeof(v))) {
		fprintf(stderr, "jh: cell stats: cannot read %s/%s: %s\n",
			sysfs_root(), rel, strerror(errno));
		return false;
	}
	printf("%-24s %s\n", name, v);
	return true;
}

/*
 * The cell's DMA faults (cells/<id>/dma_*, doc/dma-isolation.md), after
 * the exit counters; a driver without them prints none. False when a
 * file that exists cannot be read.
 */
static bool print_dma(unsigned int id)
{
	static const char *const files[] = {
		"dma_faults", "dma_events", "dma_quiesced", "dma_fault_last",
	};
	char rel[64], v[128];
	bool header = false;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(rel, sizeof(rel), "cells/%u/%s", id, files[i]);
		if (!sysfs_read(rel, v, sizeof(v))) {
			if (errno == ENOENT)
				continue;
			fprintf(stderr, "jh: cell stats: cannot read %s/%s: "
				"%s\n", sysfs_root(), rel, strerror(errno));
			return false;
		}
		if (!header)
			printf("DMA (SMMU) of the cell's devices:\n");
		header = true;
		printf("%-24s %s\n", files[i], v);
	}
	return true;
}

int cmd_cell_stats(int argc, char **argv)
{
	char path[4096], probe[4200], rel[64], name[64];
	char **others = NULL;
	size_t n_others = 0, cap = 0;
	struct dirent *de;
	unsigned int id;
	bool ok = true;
	DIR *d;

	if (argc != 2)
		return usage_error(STATS_USAGE, argc < 2 ?
				   "cell stats: no cell given" :
				   "cell stats: one cell only");
	if (!sysfs_require_enabled("cell stats"))
		return JH_EXIT_FAIL;
	if (!sysfs_find_cell("cell stats", argv[1], &id))
		return JH_EXIT_FAIL;
	snprintf(path, sizeof(path), "%s/cells/%u/statistics", sysfs_root(),
		 id);
	d = opendir(path);
	if (!d)
		return fail("cell stats: cannot read %s: %s", path,
			    strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || is_known(de->d_name))
			continue;
		if (n_others == cap) {
			char **nv;

			cap = cap ? cap * 2 : 8;
			nv = realloc(others, cap * sizeof(*others));
			if (!nv) {
				ok = false;
				break;
			}
			others = nv;
		}
		others[n_others] = strdup(de->d_name);
		if (!others[n_others]) {
			ok = false;
			break;
		}
		n_others++;
	}
	closedir(d);
	if (!ok) {
		for (size_t i = 0; i < n_others; i++)
			free(others[i]);
		free(others);
		return fail("cell stats: out of memory");
	}
	if (n_others)
		qsort(others, n_others, sizeof(*others), cmp_str);

	snprintf(rel, sizeof(rel), "cells/%u/name", id);
	if (!sysfs_read(rel, name, sizeof(name)))
		snprintf(name, sizeof(name), "?");
	printf("cell \"%s\" (id %u), summed over its CPUs:\n", name, id);
	for (size_t i = 0; i < NUM_KNOWN && ok; i++) {
		snprintf(probe, sizeof(probe), "%s/%s", path,
			 known_counters[i]);
		/* the ABI's counters; a driver may not have them all */
		if (access(probe, F_OK) == 0)
			ok = print_counter(id, known_counters[i]);
	}
	for (size_t i = 0; i < n_others; i++) {
		if (ok)
			ok = print_counter(id, others[i]);
		free(others[i]);
	}
	free(others);
	if (ok)
		ok = print_dma(id);
	return ok ? JH_EXIT_OK : JH_EXIT_FAIL;
}
