// SPDX-License-Identifier: GPL-2.0-only
/*
 * Replays the malformed-image corpus through the library directly (so
 * valgrind sees the reader's error paths): every bad/<name>.cell must be
 * rejected with exactly the messages of bad/<name>.expected.
 *   replay-bad CORPUS_DIR
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/image-file.h"
#include "image/image.h"

static int replay(const char *dir, const char *name)
{
	char path[4096], expected_path[4096], shown[512];
	struct jh_diags d;
	struct jh_system sys;
	uint8_t *img, *exp;
	size_t len, exp_len, got_len = 0;
	char *got = NULL;
	FILE *out;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(expected_path, sizeof(expected_path), "%s/%.*s.expected",
		 dir, (int)(strlen(name) - 5), name);
	snprintf(shown, sizeof(shown), "bad/%s", name);
	jh_diags_init(&d);
	jh_system_init(&sys);
	img = jh_image_load_file(path, &len, &d);
	exp = jh_image_load_file(expected_path, &exp_len, &d);
	if (!img || !exp) {
		jh_diags_print(&d, stderr, false, false);
		rc = 1;
		goto out;
	}
	if (jh_image_read(img, len, shown, &d, &sys)) {
		fprintf(stderr, "%s: accepted\n", path);
		rc = 1;
		goto out;
	}
	out = open_memstream(&got, &got_len);
	jh_diags_print(&d, out, false, false);
	fclose(out);
	if (got_len != exp_len || memcmp(got, exp, exp_len) != 0) {
		fprintf(stderr, "%s: messages differ\nexpected:\n%.*sgot:\n%s",
			path, (int)exp_len, (const char *)exp, got);
		rc = 1;
	}
out:
	free(got);
	free(img);
	free(exp);
	jh_system_free(&sys);
	jh_diags_free(&d);
	return rc;
}

int main(int argc, char **argv)
{
	struct dirent *e;
	DIR *dir;
	int rc = 0, n = 0;

	if (argc != 2) {
		fputs("usage: replay-bad CORPUS_DIR\n", stderr);
		return 2;
	}
	dir = opendir(argv[1]);
	if (!dir) {
		perror(argv[1]);
		return 1;
	}
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);

		if (l > 5 && strcmp(e->d_name + l - 5, ".cell") == 0) {
			rc |= replay(argv[1], e->d_name);
			n++;
		}
	}
	closedir(dir);
	printf("%d malformed images replayed\n", n);
	return rc || n == 0;
}
