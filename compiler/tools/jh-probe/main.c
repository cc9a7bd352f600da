// SPDX-License-Identifier: GPL-2.0-only
/*
 * jh-probe: describe a running Linux system (or a snapshot of one) as a
 * jh board and scenario. See doc/probe.md and jh-probe(1).
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe/collect.h"
#include "probe/emit.h"
#include "probe/probe.h"

static void usage(FILE *out)
{
	fprintf(out,
"usage: jh-probe collect OUT.tar [--root DIR]\n"
"       jh-probe [--from SNAPSHOT.tar | --root DIR] [--name NAME]\n"
"                [--board FILE] [--scenario FILE] [--hv-mem SIZE]\n"
"                [--cell NAME:cpus=LIST,mem=SIZE[,devices=A+B]]...\n"
"\n"
"  collect        snapshot every file jh-probe reads into OUT.tar\n"
"  --from FILE    read a snapshot instead of the running system\n"
"  --root DIR     read the system from DIR instead of / (tests)\n"
"  --name NAME    board name (default: probed-<machine>)\n"
"  --board FILE   board output (default: NAME.board.yaml)\n"
"  --scenario F   scenario output (default: NAME.yaml)\n"
"  --hv-mem SIZE  hypervisor memory (default 16M)\n"
"  --cell SPEC    carve a non-root cell out of the board\n"
"  -q, --quiet    do not print the notes on stderr\n");
}

/* Write through a temporary file so that no partial output remains. */
static FILE *open_out(const char *path, char **tmp)
{
	int fd;
	FILE *f;

	*tmp = jh_xasprintf("%s.XXXXXX", path);
	fd = mkstemp(*tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		fprintf(stderr, "jh-probe: error: cannot write %s: %s\n", path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	return f;
}

static bool close_out(FILE *f, char *tmp, const char *path)
{
	bool ok = !ferror(f);

	ok &= fclose(f) == 0;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		fprintf(stderr, "jh-probe: error: writing %s failed: %s\n",
			path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

/* The board file as seen from the scenario's folder. */
static char *board_ref(const char *board, const char *scenario)
{
	char bd[PATH_MAX], sd[PATH_MAX], *bcopy, *scopy, *base, *ref;
	const char *b, *s;
	size_t common = 0, ups = 0;

	bcopy = jh_xstrdup(board);
	scopy = jh_xstrdup(scenario);
	base = jh_xstrdup(basename(bcopy));
	free(bcopy);
	bcopy = jh_xstrdup(board);
	if (!realpath(dirname(bcopy), bd) || !realpath(dirname(scopy), sd)) {
		free(bcopy);
		free(scopy);
		ref = jh_xstrdup(board);
		free(base);
		return ref;
	}
	free(bcopy);
	free(scopy);
	for (size_t i = 0; bd[i] && bd[i] == sd[i]; i++)
		if (bd[i + 1] == '/' || bd[i + 1] == 0)
			if (sd[i + 1] == '/' || sd[i + 1] == 0)
				common = i + 1;
	if (sd[common] == 0 && bd[common] == 0) {
		return base;
	}
	for (s = sd + common; *s; s++)
		if (*s == '/')
			ups++;
	b = bd + common;
	if (*b == '/')
		b++;
	ref = jh_xstrdup("");
	for (size_t i = 0; i < ups; i++) {
		char *n = jh_xasprintf("%s../", ref);

		free(ref);
		ref = n;
	}
	{
		char *n = jh_xasprintf("%s%s%s%s", ref, b, *b ? "/" : "",
				       base);

		free(ref);
		ref = n;
	}
	free(base);
	return ref;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "root", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "board", required_argument, NULL, 'b' },
		{ "scenario", required_argument, NULL, 's' },
		{ "hv-mem", required_argument, NULL, 'm' },
		{ "cell", required_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *dir = "/", *name = NULL;
	char *board_path = NULL, *scen_path = NULL;
	struct jh_probe_emit_opts eo = { .hv_size = 16ull << 20 };
	struct jh_probe_root root;
	struct jh_probe *p;
	bool quiet = false, ok = true;
	char err[512], *auto_name = NULL, *tmp;
	int c, rc = 0;
	FILE *f;

	if (argc >= 2 && !strcmp(argv[1], "collect")) {
		if (argc == 3)
			return jh_probe_collect("/", argv[2], stderr);
		if (argc == 5 && !strcmp(argv[3], "--root"))
			return jh_probe_collect(argv[4], argv[2], stderr);
		usage(stderr);
		return 2;
	}
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 'r': dir = optarg; break;
		case 'n': name = optarg; break;
		case 'b': board_path = optarg; break;
		case 's': scen_path = optarg; break;
		case 'q': quiet = true; break;
		case 'm':
			if (!jh_probe_parse_size(optarg, &eo.hv_size) ||
			    !eo.hv_size) {
				fprintf(stderr, "jh-probe: error: --hv-mem "
					"%s is not a size\n", optarg);
				ok = false;
			}
			break;
		case 'c':
			eo.cells = jh_xrealloc_array(eo.cells,
						     eo.num_cells + 1,
						     sizeof(*eo.cells));
			if (jh_probe_parse_cell_req(optarg,
				&eo.cells[eo.num_cells], err, sizeof(err)))
				eo.num_cells++;
			else {
				fprintf(stderr, "jh-probe: error: %s\n", err);
				ok = false;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			rc = 2;
			goto out_cells;
		}
	}
	if (optind != argc) {
		usage(stderr);
		rc = 2;
		goto out_cells;
	}
	if (name) {
		for (const char *c = name; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') ||
			      (*c >= 'A' && *c <= 'Z') ||
			      (*c >= '0' && *c <= '9') || *c == '-' ||
			      *c == '_' || *c == '.'))
				ok = false;
		if (!ok || !*name)
			fprintf(stderr, "jh-probe: error: --name %s: use "
				"letters, digits, '-', '_' and '.'\n", name);
		ok = ok && *name;
	}
	if (board_path && scen_path && !strcmp(board_path, scen_path)) {
		fprintf(stderr, "jh-probe: error: --board and --scenario name "
			"the same file\n");
		ok = false;
	}
	if (!ok) {
		rc = 2;
		goto out_cells;
	}
	if (from) {
		if (!jh_probe_root_open_tar(&root, from, err, sizeof(err))) {
			fprintf(stderr, "jh-probe: error: %s\n", err);
			jh_probe_root_close(&root);
			rc = 1;
			goto out_cells;
		}
	} else {
		jh_probe_root_open_dir(&root, dir);
	}
	p = jh_probe_run(&root);
	jh_probe_root_close(&root);
	if (!quiet)
		for (size_t i = 0; i < p->notes.n; i++)
			fprintf(stderr, "jh-probe: note: %s\n", p->notes.v[i]);
	if (!name)
		name = auto_name = jh_xasprintf("probed-%s", p->machine);
	board_path = board_path ? jh_xstrdup(board_path) :
		     jh_xasprintf("%s.board.yaml", name);
	scen_path = scen_path ? jh_xstrdup(scen_path) :
		    jh_xasprintf("%s.yaml", name);
	eo.board_name = name;
	if (!jh_probe_plan(p, &eo, stderr)) {
		rc = 1;
		goto out;
	}
	f = open_out(board_path, &tmp);
	if (!f) {
		rc = 1;
		goto out;
	}
	jh_probe_emit_board(f, p, &eo);
	if (!close_out(f, tmp, board_path)) {
		rc = 1;
		goto out;
	}
	eo.board_ref = board_ref(board_path, scen_path);
	f = open_out(scen_path, &tmp);
	if (f) {
		jh_probe_emit_scenario(f, p, &eo);
		if (!close_out(f, tmp, scen_path))
			rc = 1;
	} else {
		rc = 1;
	}
	if (rc)
		unlink(board_path);	/* no half of a pair */
	free((char *)eo.board_ref);
out:
	free(board_path);
	free(scen_path);
	free(auto_name);
	jh_probe_free(p);
out_cells:
	for (size_t i = 0; i < eo.num_cells; i++)
		jh_probe_cell_req_free(&eo.cells[i]);
	free(eo.cells);
	return rc;
}
