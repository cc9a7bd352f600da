/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * YAML front end: board and scenario files -> the typed model.
 *
 * Reads the file and everything it includes, resolves names, places
 * memory given only by size, derives the root cell when asked, expands
 * shared-memory links into every peer's regions and virtual PCI device,
 * and registers the suppressions written in the YAML with the diagnostics
 * engine. Every problem is reported to `d` with its position; the function
 * still returns as much of the model as it could build.
 */
#ifndef JH_FRONT_H
#define JH_FRONT_H

#include <stdbool.h>

#include "diag/diag.h"
#include "model/model.h"

/* The files a load read, for depfiles (--print-deps). */
struct jh_deps {
	JH_VEC(char *) files;
};

void jh_deps_free(struct jh_deps *deps);

/*
 * Load `path` into `sys` (which the caller has jh_system_init()ed and
 * later jh_system_free()s). `deps` may be NULL. Returns true when no error
 * was reported.
 */
bool jh_front_load_file(const char *path, struct jh_diags *d,
			struct jh_system *sys, struct jh_deps *deps);

/* The same for YAML text already in memory (fuzzing, tests). */
bool jh_front_load_buffer(const char *name, const char *text, size_t len,
			  struct jh_diags *d, struct jh_system *sys);

#endif /* JH_FRONT_H */
