// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypervisor's integrity digest: SHA-256 over its code and constants
 * (__hv_start..__ro_end) and over the boot bundle (late launch: the
 * system image), which stays reserved in the page pool and holds every
 * image the hypervisor was started with. Computed once at start (and
 * printed), re-computed on request
 * (hypercall JH_HC_VERIFY_INTEGRITY). Neither range is written after
 * boot, so any difference means corruption.
 */
#include <boot.h>
#include <lifecycle.h>
#include <printk.h>
#include <sha256.h>
#include <string.h>

extern u8 __hv_start[], __ro_end[];

static u8 reference[32];

static void compute(u8 digest[32])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, __hv_start, (u64)(__ro_end - __hv_start));
	sha256_update(&s, boot.digest_data, boot.digest_size);
	sha256_final(&s, digest);
}

void integrity_init(void)
{
	static const char hex[] = "0123456789abcdef";
	char text[65];
	unsigned int i;

	compute(reference);
	for (i = 0; i < 32; i++) {
		text[2 * i] = hex[reference[i] >> 4];
		text[2 * i + 1] = hex[reference[i] & 15];
	}
	text[64] = 0;
	printk("jh: integrity digest (sha256 of code and bundle): %s\n",
	       text);
}

int integrity_verify(void)
{
	u8 now[32];

	compute(now);
	if (memcmp(now, reference, sizeof(now))) {
		printk("jh: integrity check FAILED: code or bundle changed\n");
		return -EIO;
	}
	return 0;
}

u32 integrity_word(unsigned int n)
{
	return (u32)reference[4 * n] << 24 | (u32)reference[4 * n + 1] << 16 |
	       (u32)reference[4 * n + 2] << 8 | reference[4 * n + 3];
}

s64 hc_verify_integrity(struct per_cpu *cpu __unused, u64 what,
			u64 unused __unused)
{
	if (what == JH_INTEGRITY_CHECK)
		return integrity_verify();
	if (what >= 1 && what <= 8)
		return integrity_word((unsigned int)what - 1);
	return -EINVAL;
}
