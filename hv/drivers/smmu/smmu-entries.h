/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the SMMUv3 driver writes into memory the SMMU reads, built as pure
 * functions of a small description: stream table entries (STE, 8 double
 * words), context descriptors (CD, the 4 double words used of 8), and
 * the decisions taken from the ID registers (is a unit usable, which
 * stage). Nothing here touches hardware or hypervisor state, so that the
 * host unit test (hv/tests/smmu-entries-test.c) checks the very code the
 * hypervisor runs against the architecture's field layout; the stage-2
 * path cannot run on QEMU 7.2, whose SMMU has stage 1 only.
 */
#ifndef JH_SMMU_ENTRIES_H
#define JH_SMMU_ENTRIES_H

#include <types.h>

/* ID registers */
#define IDR0_S2P		BIT(0)
#define IDR0_S1P		BIT(1)
#define IDR0_TTF_AARCH32	BIT(2)	/* TTF[3:2]: AArch32 tables */
#define IDR0_TTF_AARCH64	BIT(3)	/* TTF[3:2]: AArch64 tables */
#define IDR0_COHACC		BIT(4)
#define IDR0_STALL_MODEL(v)	(((v) >> 24) & 3)
#define IDR0_STALL_FORCED	2	/* STALL_MODEL: stalls only */
#define IDR0_ST_LEVEL(v)	(((v) >> 27) & 3)
#define IDR1_SIDSIZE(v)		((v) & 0x3f)
#define IDR1_EVENTQS(v)		(((v) >> 16) & 0x1f)
#define IDR1_CMDQS(v)		(((v) >> 21) & 0x1f)
#define IDR5_OAS(v)		((v) & 7)
#define IDR5_GRAN4K		BIT(4)

#define ADDR_MASK_51_6		0x000fffffffffffc0ull
#define ADDR_MASK_51_5		0x000fffffffffffe0ull
#define ADDR_MASK_51_4		0x000ffffffffffff0ull

/* Stream table entry: 8 double words */
#define STE_DWORDS		8
#define STE_V			BIT(0)
#define STE_CFG_ABORT		(0ull << 1)
#define STE_CFG_S1		(5ull << 1)	/* S1 only */
#define STE_CFG_S2		(6ull << 1)	/* S2 only */
/* dw1: CD fetches write-back inner shareable; attributes as incoming */
#define STE1_S1C_WB_ISH		(1ull << 2 | 1ull << 4 | 3ull << 6)
#define STE1_SHCFG_INCOMING	(1ull << 44)
/* dw2: stage 2, laid out as VTCR_EL2 from bit 32 on */
#define STE2_S2T0SZ(n)		((u64)(n) << 32)
#define STE2_S2SL0(n)		((u64)(n) << 38)
#define STE2_S2_WB_ISH		(1ull << 40 | 1ull << 42 | 3ull << 44)
#define STE2_S2PS(n)		((u64)(n) << 48)
#define STE2_S2AA64		BIT(51)
#define STE2_S2R		BIT(58)	/* record faults */

/* Context descriptor (stage 1): 8 double words, the first 4 used */
#define CD_DWORDS		8
#define CD_USED_DWORDS		4
#define CD0_T0SZ(n)		((u64)(n))
#define CD0_TT0_WB_ISH		(1ull << 8 | 1ull << 10 | 3ull << 12)
#define CD0_EPD1		BIT(30)
#define CD0_V			BIT(31)
#define CD0_IPS(n)		((u64)(n) << 32)
#define CD0_AA64		BIT(41)
#define CD0_R			BIT(45)	/* record faults */
#define CD0_A			BIT(46)	/* faults abort */
#define CD0_ASET		BIT(47)	/* ASIDs not the CPUs' */
#define CD0_ASID(n)		((u64)(n) << 48)
#define CD_MAIR			0x04ffull	/* WB, nGnRE */

/* A stage-2 translation: the cell's own tables, as its CPUs use them. */
struct smmu_s2_desc {
	u64 root;		/* stage-2 root table (VTTBR_EL2.BADDR) */
	u16 vmid;		/* the cell's VMID (VTTBR_EL2.VMID) */
	unsigned int ipa_bits;	/* VTCR_EL2.T0SZ = 64 - ipa_bits */
	unsigned int first_level; /* of the walk: 0 or 1 (4 KiB granule) */
	unsigned int ps;	/* output size, PARange/OAS encoding */
};

/* A stage-1 translation of the hypervisor's making, for one context. */
struct smmu_s1_desc {
	u64 ttb;		/* root table */
	u16 asid;
	unsigned int in_bits;	/* input address bits: T0SZ = 64 - in_bits */
	unsigned int ips;	/* output size, PARange/OAS encoding */
};

static inline void smmu_ste_clear(u64 *ste)
{
	unsigned int i;

	for (i = 0; i < STE_DWORDS; i++)
		ste[i] = 0;
}

/* Valid, and every transaction aborted (quiesced streams). */
static inline void smmu_ste_abort(u64 *ste)
{
	smmu_ste_clear(ste);
	ste[0] = STE_V | STE_CFG_ABORT;
}

/*
 * Stage-2 translation only: the fields of dw2 [50:32] are those of
 * VTCR_EL2 [18:0] (T0SZ, SL0, IRGN0, ORGN0, SH0, TG0 = 4 KiB, PS), so
 * the SMMU walks the tables exactly as the cell's CPUs do.
 */
static inline void smmu_ste_s2(u64 *ste, const struct smmu_s2_desc *d)
{
	smmu_ste_clear(ste);
	ste[0] = STE_V | STE_CFG_S2;
	ste[1] = STE1_SHCFG_INCOMING;
	/* SL0 for a 4 KiB granule: 1 = walk from level 1, 2 = level 0 */
	ste[2] = d->vmid | STE2_S2T0SZ(64 - d->ipa_bits) |
		 STE2_S2SL0(d->first_level ? 1 : 2) | STE2_S2_WB_ISH |
		 STE2_S2PS(d->ps) | STE2_S2AA64 | STE2_S2R;
	ste[3] = d->root & ADDR_MASK_51_4;
}

/* Stage-1 translation only, through the single CD at @cd (linear). */
static inline void smmu_ste_s1(u64 *ste, u64 cd, u16 vmid)
{
	smmu_ste_clear(ste);
	ste[0] = STE_V | STE_CFG_S1 | (cd & ADDR_MASK_51_6);
	ste[1] = STE1_S1C_WB_ISH | STE1_SHCFG_INCOMING;
	ste[2] = vmid;
}

/* What decides the STE of one stream (smmu-streams.c fills it in). */
struct smmu_stream {
	bool quiesced;		/* faulted too often: abort, silently */
	bool owned;		/* a cell with a translation owns it */
	u64 s2_root;		/* the owner's stage 2 (0: none yet) */
	u16 vmid;		/* the owner's VMID */
	u64 cd;			/* the owner's CD (stage 1) */
};

/* Shared by every stream: the chosen stage and the empty translation. */
struct smmu_translation {
	bool stage2;
	u64 empty_root;		/* a table of invalid entries only */
	u64 empty_cd;		/* its CD (stage 1), ASID 0 */
	unsigned int ipa_bits, first_level, ps;
};

/*
 * Quiesced streams abort; the others translate through their owner's
 * tables, or (nobody's, or an owner without tables) through the empty
 * translation, whose every access faults and is recorded, so that the
 * DMA of a device without owner is reported, not only blocked.
 */
static inline void smmu_stream_ste(u64 *ste, const struct smmu_translation *t,
				   const struct smmu_stream *s)
{
	u16 vmid = s->owned ? s->vmid : 0;

	if (s->quiesced) {
		smmu_ste_abort(ste);
	} else if (t->stage2) {
		const struct smmu_s2_desc d = {
			.root = s->owned && s->s2_root ? s->s2_root :
							 t->empty_root,
			.vmid = vmid, .ipa_bits = t->ipa_bits,
			.first_level = t->first_level, .ps = t->ps,
		};

		smmu_ste_s2(ste, &d);
	} else {
		smmu_ste_s1(ste, s->owned ? s->cd : t->empty_cd, vmid);
	}
}

/*
 * The used double words of a CD: TTB0 only (TTB1 walks disabled),
 * 4 KiB granule, AArch64, faults recorded and aborted, ASID private to
 * the SMMU (ASET).
 */
static inline void smmu_cd_build(u64 *cd, const struct smmu_s1_desc *d)
{
	cd[0] = CD0_T0SZ(64 - d->in_bits) | CD0_TT0_WB_ISH | CD0_EPD1 |
		CD0_V | CD0_IPS(d->ips) | CD0_AA64 | CD0_R | CD0_A |
		CD0_ASET | CD0_ASID(d->asid);
	cd[1] = d->ttb & ADDR_MASK_51_4;
	cd[2] = 0;
	cd[3] = CD_MAIR;
}

/* Bits of an OAS (IDR5) or PARange encoding; 0 for a reserved one. */
static inline unsigned int smmu_oas_bits(unsigned int oas)
{
	static const u8 bits[] = { 32, 36, 40, 42, 44, 48, 52 };

	return oas < ARRAY_SIZE(bits) ? bits[oas] : 0;
}

/*
 * The largest input of a stage-2 walk (IAS): 40 bits with AArch32
 * tables, the OAS with AArch64 tables, whichever is larger.
 */
static inline unsigned int smmu_ias_bits(u32 idr0, u32 idr5)
{
	unsigned int oas = smmu_oas_bits(IDR5_OAS(idr5));
	unsigned int a32 = idr0 & IDR0_TTF_AARCH32 ? 40 : 0;

	return idr0 & IDR0_TTF_AARCH64 && oas > a32 ? oas : a32;
}

/* Why the driver cannot use a unit with these ID registers, or NULL. */
static inline const char *smmu_idr_problem(u32 idr0, u32 idr5)
{
	if (!(idr0 & IDR0_TTF_AARCH64))
		return "no AArch64 translation tables";
	if (!(idr5 & IDR5_GRAN4K))
		return "no 4 KiB granule";
	if (!(idr0 & IDR0_COHACC))
		return "table walks not cache coherent (unsupported)";
	if (!(idr0 & (IDR0_S1P | IDR0_S2P)))
		return "neither stage 1 nor stage 2";
	/* our STEs and CDs terminate faults: illegal under forced stalls */
	if (IDR0_STALL_MODEL(idr0) == IDR0_STALL_FORCED)
		return "stalls faults only (unsupported)";
	return NULL;
}

/*
 * Can this unit translate DMA with the cells' stage-2 tables? It needs
 * stage 2 and an input size (IAS) covering the cells' guest-physical
 * addresses: the SMMU checks a stage-2 input against IAS, so S2T0SZ as
 * in VTCR_EL2 would not be honoured beyond it.
 */
static inline bool smmu_stage2_ok(u32 idr0, u32 idr5, unsigned int ipa_bits)
{
	return (idr0 & IDR0_S2P) && ipa_bits <= smmu_ias_bits(idr0, idr5);
}

/*
 * The translation every unit uses (there is one set of stream table
 * entries for all): 2 when each unit can do stage 2 for @ipa_bits, else
 * 1 when each has stage 1; 0 when neither works, *bad then the index of
 * a unit without stage 1.
 */
static inline unsigned int smmu_pick_stage(const u32 *idr0, const u32 *idr5,
					   unsigned int n,
					   unsigned int ipa_bits,
					   unsigned int *bad)
{
	unsigned int i;

	for (i = 0; i < n && smmu_stage2_ok(idr0[i], idr5[i], ipa_bits); i++)
		;
	if (i == n)
		return 2;
	for (i = 0; i < n; i++)
		if (!(idr0[i] & IDR0_S1P)) {
			*bad = i;
			return 0;
		}
	return 1;
}

/*
 * A stream ID an image lists, against a stream table of @num_sids: 0
 * when it fits; else -ERANGE (the root cell's image: only warned, the
 * SMMU aborts that stream's DMA) or -EINVAL (another cell: refused).
 */
static inline int smmu_sid_verdict(u32 sid, unsigned int num_sids, bool root)
{
	if (sid < num_sids)
		return 0;
	return root ? -ERANGE : -EINVAL;
}

#endif
