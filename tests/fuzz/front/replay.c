// SPDX-License-Identifier: GPL-2.0-only
/*
 * Replays inputs through the fuzz harness without libFuzzer (gcc builds,
 * valgrind): every file named on the command line, or every file in a
 * named directory.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f) {
		perror(path);
		return 1;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return 1;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0, count = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *e;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			dir = opendir(argv[i]);
			while (dir && (e = readdir(dir))) {
				char path[4096];

				if (e->d_name[0] == '.')
					continue;
				snprintf(path, sizeof(path), "%s/%s", argv[i],
					 e->d_name);
				if (stat(path, &st) || !S_ISREG(st.st_mode))
					continue;
				failed |= run_file(path);
				count++;
			}
			if (dir)
				closedir(dir);
		} else {
			failed |= run_file(argv[i]);
			count++;
		}
	}
	printf("replayed %d inputs\n", count);
	return failed || count == 0;
}
