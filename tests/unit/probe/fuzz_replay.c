// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run the fuzzing harness over files (the seed corpus) without libFuzzer,
 * so that the normal gcc build and valgrind exercise it too. Besides each
 * file as is, every file is also fed cut short and with bytes flipped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *buf;
		long len;

		if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			return 1;
		}
		rewind(f);
		buf = malloc((size_t)len + 1);
		if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
			fprintf(stderr, "%s: short read\n", argv[i]);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)len);
		LLVMFuzzerTestOneInput(buf, (size_t)len / 3);
		for (long k = 0; k < len && k < 4096; k += 61) {
			buf[k] ^= 0x5a;
			LLVMFuzzerTestOneInput(buf, (size_t)len);
			buf[k] ^= 0x5a;
		}
		free(buf);
		printf("%s: ok\n", argv[i]);
	}
	return 0;
}
