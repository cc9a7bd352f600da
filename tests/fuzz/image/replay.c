// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs a fuzz harness over files and directories (the seed corpus and any
 * crash found earlier) without libFuzzer, so the normal gcc build, ASan
 * and valgrind exercise the same checks:  replay-fuzz-image PATH...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "image/image-file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count;

static void run_path(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		perror(path);
		exit(1);
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		struct dirent *e;

		if (!dir) {
			perror(path);
			exit(1);
		}
		while ((e = readdir(dir))) {
			char sub[4096];

			if (e->d_name[0] == '.')
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			run_path(sub);
		}
		closedir(dir);
		return;
	}
	{
		struct jh_diags d;
		size_t len;
		uint8_t *buf;

		jh_diags_init(&d);
		buf = jh_image_load_file(path, &len, &d);
		jh_diags_free(&d);
		if (!buf)
			exit(1);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		count++;
	}
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("%d inputs replayed\n", count);
	return count ? 0 : 1;
}
