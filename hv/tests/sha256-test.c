// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's SHA-256 against the FIPS 180-4 examples ("abc", the
 * empty message, the 448-bit message, a million 'a') and against itself
 * fed in odd-sized pieces.
 */
#include <stdio.h>
#include <string.h>	/* the hypervisor's: memcmp, memset, strnlen */
#include <sha256.h>

static int failures;

static void hex(const unsigned char *d, char *out)
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void expect(const char *what, const void *data, size_t size,
		   size_t chunk, const char *want)
{
	struct sha256 s;
	unsigned char d[32];
	char got[65];
	size_t off;

	sha256_init(&s);
	for (off = 0; off < size; off += chunk)
		sha256_update(&s, (const char *)data + off,
			      size - off < chunk ? size - off : chunk);
	sha256_final(&s, d);
	hex(d, got);
	if (memcmp(got, want, 65)) {
		printf("FAIL %s (pieces of %zu): %s, expected %s\n", what,
		       chunk, got, want);
		failures++;
	}
}

int main(void)
{
	static char million[1000000];
	const char *m448 =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	size_t chunk;

	memset(million, 'a', sizeof(million));
	for (chunk = 1; chunk <= 65; chunk += 7) {
		expect("abc", "abc", 3, chunk,
		       "ba7816bf8f01cfea414140de5dae2223"
		       "b00361a396177a9cb410ff61f20015ad");
		expect("empty", "", 0, chunk, "e3b0c44298fc1c149afbf4c8996fb924"
		       "27ae41e4649b934ca495991b7852b855");
		expect("448-bit", m448, strnlen(m448, 100), chunk,
		       "248d6a61d20638b8e5c026930c3e6039"
		       "a33ce45964ff2167f6ecedd419db06c1");
	}
	expect("million a", million, sizeof(million), 4096,
	       "cdc76e5c9914fb9281a1c7e284d73e67"
	       "f1809a48a497200e046d39ccc7112cd0");
	if (!failures)
		printf("ok sha256: FIPS 180-4 examples\n");
	return failures ? 1 : 0;
}
