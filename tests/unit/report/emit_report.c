// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emit a JSON or SARIF report of a fixed set of diagnostics, covering
 * every shape a report must carry: a conflict with a note at the other
 * party, a hint, a suppressed finding with its reason, an image location,
 * and a plain error without a rule. validate_sarif.py checks the output.
 *
 * usage: emit-report json|sarif SRCROOT YAMLFILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"
#include "report/report.h"

static struct jh_loc at(const char *file, unsigned line, unsigned col)
{
	struct jh_loc l = JH_LOC_NONE;

	l.file = file;
	l.line = line;
	l.col = col;
	l.len = 3;
	return l;
}

int main(int argc, char **argv)
{
	struct jh_report_opts opts = { "jh-lint", "0.1.0", NULL, 12 };
	struct jh_diags d;
	struct jh_diag *g;
	struct jh_loc img = JH_LOC_NONE;
	char *text;

	if (argc != 4) {
		fputs("usage: emit-report json|sarif SRCROOT YAMLFILE\n", stderr);
		return 2;
	}
	opts.srcroot = argv[2];
	jh_diags_init(&d);
	g = jh_diag_add(&d, JH_SEV_ERROR, "mem-overlap-cells",
			at(argv[3], 12, 9), "memory region 0 of cell 'b' "
			"overlaps memory region 0 of cell 'a'");
	jh_diag_note(g, at(argv[3], 7, 9), "the region of cell 'a' is here");
	jh_diag_hint(g, "give each cell its own memory");
	jh_diags_add_suppression(&d, "pio-machine-control", "owns the PIT",
				 at(argv[3], 20, 5), argv[3], 20, 24);
	g = jh_diag_add(&d, JH_SEV_WARNING, "pio-machine-control",
			at(argv[3], 22, 7), "cell 'rtos' is given the PIT");
	img.file = argv[3];
	img.offset = 0x94;
	img.array = "memory_regions";
	img.index = 2;
	jh_diag_add(&d, JH_SEV_WARNING, "mem-dma-io", img,
		    "device region 2 of cell 'x' is marked as a DMA target");
	jh_diag_add(&d, JH_SEV_ERROR, NULL, at(argv[3], 3, 1),
		    "unknown key 'cpuz'");
	text = strcmp(argv[1], "sarif") == 0 ? jh_report_sarif(&d, &opts) :
					       jh_report_json(&d, &opts);
	fputs(text, stdout);
	free(text);
	jh_diags_free(&d);
	return 0;
}
