/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Constants shared by the assembly files.
 */
#ifndef JH_RT_ASM_DEFS_H
#define JH_RT_ASM_DEFS_H

#include "rt-config.h"

#define HCR_EL2_RW		(1 << 31)
/* CPTR_EL2 without any trap: only its RES1 bits (13:12, 9:0). */
#define CPTR_EL2_RES1		0x33ff
/* SCTLR_EL1: RES1 bits only: MMU, caches and alignment checks off. */
#define SCTLR_EL1_RES1		0x30d00800
#define SCTLR_EL1_M		(1 << 0)
#define SCTLR_EL1_C		(1 << 2)
#define SCTLR_EL1_I		(1 << 12)
/* EL1h with D, A, I, F masked. */
#define SPSR_EL1H_MASKED	0x3c5

#define ICC_SRE_EL2		S3_4_C12_C9_5
#define ICH_HCR_EL2		S3_4_C12_C11_0

/* struct exception_frame */
#define FRAME_ELR		248
#define FRAME_SPSR		256
#define FRAME_TICKS		264
#define FRAME_SIZE		272

#endif /* JH_RT_ASM_DEFS_H */
