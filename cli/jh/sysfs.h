/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The driver's sysfs tree (/sys/kernel/jh, or $JH_SYSFS for tests):
 * schema/jh-driver-abi.h describes it.
 */
#ifndef JH_CLI_SYSFS_H
#define JH_CLI_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

/* $JH_SYSFS when set and not empty, else /sys/kernel/jh. */
const char *sysfs_root(void);

/*
 * Read the file <root>/<rel> into buf (NUL-terminated, trailing newlines
 * removed). Returns false with errno set when it cannot be read.
 */
bool sysfs_read(const char *rel, char *buf, size_t size);

/*
 * Check that the tree exists and says the hypervisor is enabled; print
 * "jh: <what>: ..." and return false otherwise.
 */
bool sysfs_require_enabled(const char *what);

/*
 * The ids of the cells (the numeric folders under cells/), sorted.
 * Returns false (and prints why, prefixed with what) on failure; the
 * caller frees *ids.
 */
bool sysfs_cell_ids(const char *what, unsigned int **ids, size_t *count);

/*
 * Find a cell by name, or by id when key is a decimal number. Returns
 * false when there is none (and prints so); *id is set otherwise.
 */
bool sysfs_find_cell(const char *what, const char *key, unsigned int *id);

#endif /* JH_CLI_SYSFS_H */
