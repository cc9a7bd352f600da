// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh-compile: YAML scenario -> system image + one image per non-root cell.
 *
 * Stages: front end (YAML -> model), hazard checks, layout of every image
 * in memory, and only when no error was found anywhere, the writes: all
 * temporary files first, then a rename of each over its target (so no
 * reader ever sees a partial file, and a failed write changes nothing).
 * Exit status: 0 clean (warnings allowed), 1 errors, 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "front/front.h"
#include "image/image-file.h"
#include "image/image.h"
#include "options.h"
#include "check/check.h"

struct output {
	char *path;
	uint8_t *data;
	size_t len;
	size_t cell;		/* index in sys->cells */
};

static void usage(FILE *out)
{
	fputs("usage: jh-compile [options] SCENARIO.yaml\n"
	      "Compile a YAML scenario into DIR/system.cell and one "
	      "DIR/<cell>.cell per\nnon-root cell.\n"
	      "  -o, --output DIR     output directory (default: .)\n"
	      "  --dry-run            check and lay out everything, write "
	      "nothing\n"
	      "  -MF FILE, --depfile FILE\n"
	      "                       write a Make-syntax depfile (outputs: "
	      "every file read)\n"
	      "  --print-deps         print the files the scenario read, one "
	      "a line\n"
	      "  --no-checks          skip the hazard checks (to reproduce "
	      "an image exactly,\n"
	      "                       hazards and all, e.g. from jh-dump; "
	      "jh-lint reports them)\n"
	      "  --abi=jh|jailhouse-r14\n"
	      "                       jailhouse-r14 refuses features outside "
	      "revision 14\n"
	      "  -Werror              every warning is an error\n"
	      "  -Werror=RULE, -WRULE, -Wno-RULE\n"
	      "                       raise, enable or silence one rule\n"
	      "  --color=auto|always|never\n"
	      "Exit status: 0 clean, 1 errors, 2 usage.\n", out);
}

/* A cell name becomes a file name: it must be a safe, distinct one. */
static void check_file_names(const struct jh_system *sys,
			     struct jh_diags *d)
{
	if (sys->cells.n == 0)
		jh_error(d, sys->loc, "the scenario has no cells: there is "
			 "no image to write");
	for (size_t i = 0; i < sys->cells.n; i++) {
		const struct jh_cell *c = &sys->cells.v[i];

		if (c->is_root)
			continue;

		if (c->name[0] == '\0' || strchr(c->name, '/') ||
		    strcmp(c->name, ".") == 0 || strcmp(c->name, "..") == 0) {
			jh_error(d, c->name_loc, "cell name '%s' cannot be "
				 "used as a file name", c->name);
			continue;
		}
		if (strcmp(c->name, "system") == 0) {
			struct jh_diag *g = jh_error(d, c->name_loc,
				"a non-root cell named 'system' would "
				"overwrite system.cell");

			jh_diag_hint(g, "rename the cell");
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (!sys->cells.v[j].is_root &&
			    strcmp(sys->cells.v[j].name, c->name) == 0) {
				struct jh_diag *g = jh_error(d, c->name_loc,
					"two cells are named '%s'", c->name);

				jh_diag_note(g, sys->cells.v[j].name_loc,
					     "the other one");
				break;
			}
	}
}

/* Lay out every image in memory: the system image (with the root cell)
 * when there is a root cell, and one image per non-root cell. */
static size_t layout(const struct jh_system *sys, const char *dir,
		     enum jh_abi abi, struct jh_diags *d,
		     struct output **outs)
{
	size_t n = 0;

	*outs = jh_xcalloc(sys->cells.n ? sys->cells.n : 1,
			   sizeof(**outs));
	for (size_t i = 0; i < sys->cells.n; i++) {
		struct output *o = &(*outs)[n];

		/* A document of cell images alone (as jh-dump prints for
		 * cell images without their system image) has no root cell
		 * and gives no system image. */
		if (sys->cells.v[i].is_root) {
			o->data = jh_image_write_system(sys, abi, d, &o->len);
			o->path = jh_xasprintf("%s/system.cell", dir);
		} else {
			o->data = jh_image_write_cell(sys, i, abi, d, &o->len);
			o->path = jh_xasprintf("%s/%s.cell", dir,
					       sys->cells.v[i].name);
		}
		o->cell = i;
		n++;
	}
	return n;
}

/* Make syntax: escape what Make and Ninja treat specially. */
static void dep_word(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\\' || *s == '#')
			fputc('\\', f);
		if (*s == '$')
			fputc('$', f);
		fputc(*s, f);
	}
}

/* The depfile text; caller frees. */
static char *depfile_text(const struct output *outs, size_t n,
			  const struct jh_deps *deps, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(' ', f);
		dep_word(f, outs[i].path);
	}
	fputc(':', f);
	for (size_t i = 0; i < deps->files.n; i++) {
		fputs(" \\\n  ", f);
		dep_word(f, deps->files.v[i]);
	}
	fputc('\n', f);
	/* An empty rule per input, so deleting an included file does not
	 * break the build (like gcc -MP). */
	for (size_t i = 0; i < deps->files.n; i++) {
		fputc('\n', f);
		dep_word(f, deps->files.v[i]);
		fputs(":\n", f);
	}
	fclose(f);
	return text;
}

/*
 * Write the images (and the depfile) as a set: every temporary file
 * first; only when all of them were written are they renamed over their
 * targets, otherwise all are removed and no target changes.
 */
static void write_outputs(const struct jh_compile_opts *o,
			  const struct output *outs, size_t n,
			  const struct jh_deps *deps, struct jh_diags *d)
{
	char **tmp = jh_xcalloc(n + 1, sizeof(*tmp));
	bool ok = true;
	size_t i;

	for (i = 0; i < n && ok; i++) {
		tmp[i] = jh_write_temp(outs[i].path, outs[i].data,
				       outs[i].len, d);
		ok = tmp[i] != NULL;
	}
	if (ok && o->depfile) {
		size_t len;
		char *text = depfile_text(outs, n, deps, &len);

		tmp[n] = jh_write_temp(o->depfile, text, len, d);
		ok = tmp[n] != NULL;
		free(text);
	}
	for (i = 0; i <= n; i++) {
		const char *target = i < n ? outs[i].path : o->depfile;

		if (!tmp[i])
			continue;
		if (ok)
			jh_commit_temp(tmp[i], target, d);
		else
			jh_discard_temp(tmp[i]);
	}
	free(tmp);
}

static bool ensure_dir(const char *dir, struct jh_diags *d)
{
	struct jh_loc loc = JH_LOC_NONE;

	if (mkdir(dir, 0777) == 0 || errno == EEXIST)
		return true;
	loc.file = dir;
	jh_error(d, loc, "cannot create the output directory: %s",
		 strerror(errno));
	return false;
}

int main(int argc, char **argv)
{
	struct jh_compile_opts o;
	struct jh_diags d;
	struct jh_system sys;
	struct jh_deps deps;
	struct output *outs = NULL;
	size_t num_outs = 0;
	int status;

	jh_diags_init(&d);
	status = jh_compile_parse_args(argc, argv, &o, &d);
	if (status >= 0) {
		if (status == 0)
			usage(stdout);
		else
			usage(stderr);
		jh_diags_free(&d);
		jh_compile_opts_free(&o);
		return status;
	}

	jh_system_init(&sys);
	memset(&deps, 0, sizeof(deps));
	jh_front_load_file(o.input, &d, &sys, &deps);
	if (jh_diags_errors(&d) == 0 && !o.no_checks)
		jh_checks_run(&sys, &d);
	if (jh_diags_errors(&d) == 0)
		check_file_names(&sys, &d);
	if (jh_diags_errors(&d) == 0)
		num_outs = layout(&sys, o.outdir, o.abi, &d, &outs);

	/* Nothing is written unless every stage and every image is clean. */
	if (jh_diags_errors(&d) == 0) {
		if (o.dry_run) {
			for (size_t i = 0; i < num_outs; i++)
				printf("would write %s (%zu bytes)\n",
				       outs[i].path, outs[i].len);
		} else if (ensure_dir(o.outdir, &d)) {
			write_outputs(&o, outs, num_outs, &deps, &d);
		}
	}
	if (jh_diags_errors(&d) == 0 && o.print_deps)
		for (size_t i = 0; i < deps.files.n; i++)
			printf("%s\n", deps.files.v[i]);

	jh_diags_print(&d, stderr, jh_compile_use_color(&o), false);
	status = jh_diags_errors(&d) ? 1 : 0;
	for (size_t i = 0; i < num_outs; i++) {
		free(outs[i].path);
		free(outs[i].data);
	}
	free(outs);
	jh_deps_free(&deps);
	jh_system_free(&sys);
	jh_diags_free(&d);
	jh_compile_opts_free(&o);
	return status;
}
