// SPDX-License-Identifier: GPL-2.0-only
/*
 * The YAML front end's phases, in order: read files -> board -> defs and
 * system -> cells -> links -> placement -> expansion.
 */
#include <stdlib.h>
#include <string.h>

#include "front-internal.h"

void jh_deps_free(struct jh_deps *deps)
{
	for (size_t i = 0; i < deps->files.n; i++)
		free(deps->files.v[i]);
	free(deps->files.v);
	memset(deps, 0, sizeof(*deps));
}

static void free_front(struct jh_front *f)
{
	for (size_t i = 0; i < f->docs.n; i++) {
		jh_ydoc_free(f->docs.v[i]);
		free(f->docs.v[i]);
	}
	free(f->docs.v);
	for (size_t i = 0; i < f->include_stack.n; i++)
		free(f->include_stack.v[i]);
	free(f->include_stack.v);
	for (size_t i = 0; i < f->loaded.n; i++)
		free(f->loaded.v[i].path);
	free(f->loaded.v);
	free(f->defs.v);
	free(f->cells.v);
	free(f->links.v);
	for (size_t i = 0; i < f->fcells.n; i++) {
		free(f->fcells.v[i].devs.v);
		free(f->fcells.v[i].irqs.v);
		free(f->fcells.v[i].place.v);
		free(f->fcells.v[i].pio.v);
	}
	free(f->fcells.v);
	free(f->flinks.v);
}

/* Evaluate every constant once, so errors in unused ones are reported. */
static void check_defs(struct jh_front *f)
{
	for (size_t i = 0; i < f->defs.n; i++) {
		struct jh_fdef *d = &f->defs.v[i];
		uint64_t v;

		/* a mapping or sequence here only carries anchors */
		if (d->value->kind != JH_YNODE_SCALAR || d->state)
			continue;
		d->state = 1;
		if (jh_fint(f, d->value, "a constant", UINT64_MAX, &v)) {
			d->value_num = v;
			d->state = 2;
		} else {
			d->state = 3;
		}
	}
}

static bool run(const char *path, const char *text, size_t len,
		struct jh_diags *d, struct jh_system *sys,
		struct jh_deps *deps)
{
	struct jh_front f;
	size_t errors = d->errors;

	memset(&f, 0, sizeof(f));
	f.d = d;
	f.sys = sys;
	f.deps = deps;
	if (jh_front_read_files(&f, path, text, len)) {
		jh_front_board(&f);
		check_defs(&f);
		jh_front_system(&f);
		jh_front_cells(&f);
		jh_front_links_read(&f);
		jh_front_place(&f);
		jh_front_assemble(&f);
	}
	free_front(&f);
	return d->errors == errors;
}

bool jh_front_load_file(const char *path, struct jh_diags *d,
			struct jh_system *sys, struct jh_deps *deps)
{
	return run(path, NULL, 0, d, sys, deps);
}

bool jh_front_load_buffer(const char *name, const char *text, size_t len,
			  struct jh_diags *d, struct jh_system *sys)
{
	return run(name, text ? text : "", text ? len : 0, d, sys, NULL);
}
