// SPDX-License-Identifier: GPL-2.0-only
/*
 * The collector alone, for building statically for a target machine
 * (scripts/take-probe-fixtures): `jh-probe collect OUT.tar [--root DIR]`.
 * The full jh-probe accepts the same command line.
 */
#include <stdio.h>
#include <string.h>

#include "probe/collect.h"

int main(int argc, char **argv)
{
	const char *root = "/";

	if (argc == 5 && strcmp(argv[3], "--root") == 0)
		root = argv[4];
	else if (argc != 3)
		goto usage;
	if (strcmp(argv[1], "collect") != 0)
		goto usage;
	return jh_probe_collect(root, argv[2], stderr);
usage:
	fprintf(stderr, "usage: jh-probe collect OUT.tar [--root DIR]\n");
	return 2;
}
