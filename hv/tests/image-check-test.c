// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of the hypervisor's bundle and image checks (core/bundle.c,
 * core/image_check.c): a valid bundle passes; every byte changed in
 * several ways, every truncation and many random corruptions never read
 * outside the buffer (ASan, valgrind) and, when rejected, always say why
 * with a "jh: boot error:" line. Targeted corruptions must be rejected
 * with the right message.
 *
 * usage: hv-image-check-test DIR   (DIR holds system.cell, A.cell, B.cell
 *                                   from tests/system/hv/mkimages.py)
 *        hv-image-check-test DIR SEED   only write the valid bundle to
 *                                   SEED (a fuzzing seed)
 */
#include <stdio.h>
#include <stdlib.h>
#include <boot.h>
#include <string.h>
#include "host-stubs.h"

static int failures;

/* --- helpers --- */
static int contains(const char *hay, const char *needle)
{
	size_t n = strnlen(needle, 1000), i;

	for (i = 0; hay[i]; i++)
		if (!memcmp(hay + i, needle, n))
			return 1;
	return 0;
}

static unsigned char *read_file(const char *dir, const char *name,
				size_t *len)
{
	char path[4096];
	unsigned char *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void put32(unsigned char *p, u32 v)
{
	memcpy(p, &v, 4);
}

static void put64(unsigned char *p, u64 v)
{
	memcpy(p, &v, 8);
}

/*
 * header, 4 entries (system, A, B, a 16-byte inmate for cell A), payloads
 * at 16-byte alignment
 */
static unsigned char *make_bundle(unsigned char *img[3], size_t len[3],
				  size_t *total)
{
	size_t off = 32 + 4 * 32, offs[4], n;
	unsigned char *b;

	for (n = 0; n < 4; n++) {
		off = (off + 15) & ~(size_t)15;
		offs[n] = off;
		off += n < 3 ? len[n] : 16;
	}
	b = calloc(1, off);
	if (!b)
		exit(2);
	memcpy(b, JH_BUNDLE_MAGIC, 8);
	put32(b + 8, JH_BUNDLE_VERSION);
	put32(b + 16, 4);
	put64(b + 24, off);
	for (n = 0; n < 4; n++) {
		unsigned char *e = b + 32 + 32 * n;

		put32(e, n == 0 ? JH_BUNDLE_SYSTEM :
			 n < 3 ? JH_BUNDLE_CELL : JH_BUNDLE_INMATE);
		put32(e + 4, n < 3 ? 0 : 1);
		put64(e + 8, offs[n]);
		put64(e + 16, n < 3 ? len[n] : 16);
		if (n < 3)
			memcpy(b + offs[n], img[n], len[n]);
	}
	*total = off;
	return b;
}

/* Check one bundle of exactly @len bytes (a private copy, so ASan and
 * valgrind see any read beyond it). Returns 0 if it was accepted. */
static int run(const unsigned char *bundle, size_t len, const char *what)
{
	unsigned char *copy = malloc(len ? len : 1);
	int rejected;

	if (!copy)
		exit(2);
	memcpy(copy, bundle, len);
	memset(&boot, 0, sizeof(boot));
	out_len = 0;
	out[0] = 0;
	rejected = bundle_parse(copy, len) || images_check();
	free(copy);
	if (rejected && !contains(out, "jh: boot error: ")) {
		printf("FAIL %s: rejected without a boot error line: %s\n",
		       what, out);
		failures++;
	}
	return rejected;
}

static void expect(const unsigned char *b, size_t len, const char *what,
		   const char *message)
{
	if (!run(b, len, what)) {
		printf("FAIL %s: accepted\n", what);
		failures++;
	} else if (!contains(out, message)) {
		printf("FAIL %s: expected '%s', got: %s", what, message, out);
		failures++;
	}
}

int main(int argc, char **argv)
{
	unsigned char *img[3], *bundle, *m;
	size_t len[3], total, off, n;
	unsigned long accepted = 0, rejected = 0, rounds;
	static const char *names[3] = { "system.cell", "A.cell", "B.cell" };
	unsigned int seed = 12345;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: %s IMAGE-DIR [SEED-OUT]\n", argv[0]);
		return 2;
	}
	for (n = 0; n < 3; n++)
		img[n] = read_file(argv[1], names[n], &len[n]);
	hv_image_start = 0x7fc00000;
	hv_image_end = 0x7fc40000;
	bundle = make_bundle(img, len, &total);
	if (argc == 3) {
		FILE *f = fopen(argv[2], "wb");

		if (!f || fwrite(bundle, 1, total, f) != total || fclose(f)) {
			fprintf(stderr, "cannot write %s\n", argv[2]);
			return 2;
		}
		free(bundle);
		for (n = 0; n < 3; n++)
			free(img[n]);
		return 0;
	}
	m = malloc(total);
	if (!m)
		return 2;

	if (run(bundle, total, "valid bundle")) {
		printf("FAIL valid bundle rejected: %s", out);
		return 1;
	}

	/* targeted corruptions: offsets from the layout of the bundle */
	off = 160;			/* the system image */
	memcpy(m, bundle, total);
	m[off + 3] = 'X';
	expect(m, total, "system signature", "system image: bad signature");
	memcpy(m, bundle, total);
	put32(m + off + 356 + 52, 0x7fffffff);	/* root: memory regions */
	expect(m, total, "root region count", "root cell: image is");
	memcpy(m, bundle, total);
	put32(m + off + 356 + 48, 0xffffffff);	/* root: cpu_set_size */
	expect(m, total, "root cpu_set_size", "root cell: image is");
	memcpy(m, bundle, total);
	put64(m + 24, total + 1);		/* bundle total_size */
	expect(m, total, "bundle size", "bundle: total size");
	memcpy(m, bundle, total);
	put32(m + 32 + 3 * 32 + 4, 2);		/* inmate for cell 2 */
	put32(m + 32 + 3 * 32 + 4, 3);		/* ... for cell 3 */
	expect(m, total, "inmate cell", "bundle: inmate 0 is for cell 3");
	memcpy(m, bundle, total);
	put32(m + 32 + 3 * 32, JH_BUNDLE_CELL + 40);
	expect(m, total, "entry type", "bundle: entry 3: unknown type 42");
	memcpy(m, bundle, total);
	put32(m + 16, 0x40000000);		/* number of entries */
	expect(m, total, "entry count", "bundle: 1073741824 entries");
	memcpy(m, bundle, total);
	put64(m + 32 + 32 + 8, ~0ull - 8);	/* cell A offset */
	expect(m, total, "entry offset", "bundle: entry 1 lies outside");

	/* every byte, five ways */
	for (off = 0; off < total; off++) {
		unsigned char b = bundle[off];
		unsigned char v[5] = { 0, 0xff, (unsigned char)(b ^ 1),
				       (unsigned char)(b ^ 0x80),
				       (unsigned char)(b + 1) };

		for (n = 0; n < 5; n++) {
			memcpy(m, bundle, total);
			m[off] = v[n];
			if (run(m, total, "byte mutation"))
				rejected++;
			else
				accepted++;
		}
	}
	/* every truncation */
	for (off = 0; off < total; off++)
		if (!run(bundle, off, "truncation")) {
			printf("FAIL truncation to %zu bytes accepted\n", off);
			failures++;
		}
	/* random corruption, fixed seed */
	rounds = getenv("JH_UNDER_VALGRIND") ? 3000 : 30000;
	while (rounds--) {
		unsigned int k = 1 + rand_r(&seed) % 6;

		memcpy(m, bundle, total);
		while (k--)
			m[rand_r(&seed) % total] = (unsigned char)rand_r(&seed);
		if (run(m, total, "random mutation"))
			rejected++;
		else
			accepted++;
	}
	printf("%lu corrupted bundles rejected, %lu accepted (harmless "
	       "changes), %d failures\n", rejected, accepted, failures);
	free(m);
	free(bundle);
	for (n = 0; n < 3; n++)
		free(img[n]);
	return failures ? 1 : 0;
}
