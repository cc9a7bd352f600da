/* SPDX-License-Identifier: GPL-2.0-only */
/* SHA-256 (FIPS 180-4), for the hypervisor's integrity digest. */
#ifndef JH_HV_SHA256_H
#define JH_HV_SHA256_H

#include "types.h"

struct sha256 {
	u32 h[8];
	u8 block[64];
	u64 length;		/* bytes hashed so far */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, u64 size);
void sha256_final(struct sha256 *s, u8 digest[32]);

#endif
