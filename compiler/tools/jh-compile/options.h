/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command line of jh-compile.
 */
#ifndef JH_COMPILE_OPTIONS_H
#define JH_COMPILE_OPTIONS_H

#include <stdbool.h>

#include "diag/diag.h"
#include "image/image.h"

enum jh_color { JH_COLOR_AUTO, JH_COLOR_ALWAYS, JH_COLOR_NEVER };

struct jh_compile_opts {
	const char *input;
	const char *outdir;
	const char *depfile;
	bool dry_run, print_deps;
	bool no_checks;		/* reproduce images, hazards and all */
	enum jh_abi abi;
	enum jh_color color;
};

/*
 * Parse argv; rule levels (-W...) go straight into `d`. Returns -1 to
 * go on, or the exit status to stop with: 0 after --help, 2 on a usage
 * error (already printed).
 */
int jh_compile_parse_args(int argc, char **argv, struct jh_compile_opts *o,
			  struct jh_diags *d);
void jh_compile_opts_free(struct jh_compile_opts *o);
bool jh_compile_use_color(const struct jh_compile_opts *o);

#endif /* JH_COMPILE_OPTIONS_H */
