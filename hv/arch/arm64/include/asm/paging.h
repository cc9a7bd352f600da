/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AArch64 translation-table bits (4 KiB granule, up to 48-bit addresses,
 * levels 0 to 3), for the hypervisor's own EL2 stage-1 map and the
 * cells' stage-2 maps; only the leaf attributes differ.
 */
#ifndef JH_ASM_PAGING_H
#define JH_ASM_PAGING_H

#include <paging.h>
#include <types.h>

#define PTE_VALID		BIT(0)
/* levels 0-2: table descriptor; level 3: page descriptor */
#define PTE_TABLE		BIT(1)
#define PTE_AF			BIT(10)
#define PTE_SH_INNER		(3ull << 8)
#define PTE_XN			BIT(54)
#define PTE_ADDR_MASK		0x0000fffffffff000ull

/* stage 1 (EL2) */
#define S1_ATTR_NORMAL		(0ull << 2)	/* MAIR index 0 */
#define S1_ATTR_DEVICE		(1ull << 2)	/* MAIR index 1 */
#define S1_AP_RO		BIT(7)		/* AP[2]: read-only */
#define MAIR_EL2_VALUE		0x04ff	/* idx0 WB, idx1 nGnRE */

/* stage 2 */
#define S2_MEMATTR_NORMAL	(0xfull << 2)	/* outer+inner WB */
#define S2_MEMATTR_DEVICE	(0x1ull << 2)	/* Device-nGnRE */
#define S2_AP_READ		BIT(6)
#define S2_AP_WRITE		BIT(7)

/* The format the core's paging code walks, for @bits-bit addresses. */
const struct paging_format *arm64_paging(unsigned int bits);
/* ID_AA64MMFR0_EL1.PARange as used (TCR/VTCR.PS), and its bits */
unsigned int arm64_pa_range(void);
unsigned int arm64_pa_bits(void);
/* Guest-physical address bits of the stage-2 translation */
unsigned int arm64_ipa_bits(void);

#endif
