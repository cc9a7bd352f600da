// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of what the SMMUv3 driver writes for the SMMU to read
 * (hv/drivers/smmu/smmu-entries.h, the code the hypervisor runs): stream
 * table entries for stage 2, stage 1 and abort, context descriptors, and
 * the decisions taken from the ID registers. QEMU 7.2's SMMU has no
 * stage 2, so this is the only check of the stage-2 encoding.
 *
 * Every field is read back by its bit position in the Arm SMMUv3
 * architecture (bits numbered across the whole entry, as the
 * architecture numbers them), not through the driver's macros, and every
 * bit not covered by a checked field must be zero.
 */
#include <check.h>
#include <stdlib.h>
#include "../drivers/smmu/smmu-entries.h"

/* Bits [hi:lo] of an entry of 64-bit words (hi - lo < 64). */
static u64 field(const u64 *e, unsigned int hi, unsigned int lo)
{
	unsigned int w = lo / 64, s = lo % 64, n = hi - lo + 1;
	u64 v = e[w] >> s;

	if (s + n > 64)
		v |= e[w + 1] << (64 - s);
	return n == 64 ? v : v & ((1ull << n) - 1);
}

/*
 * The bits of @e not inside any of the @n [hi:lo] pairs of @f must be
 * zero: the driver sets nothing the test does not know about.
 */
static void assert_only(const u64 *e, unsigned int words,
			const unsigned int (*f)[2], unsigned int n)
{
	unsigned int bit, i;

	for (bit = 0; bit < words * 64; bit++) {
		bool covered = false;

		for (i = 0; i < n; i++)
			if (bit <= f[i][0] && bit >= f[i][1])
				covered = true;
		ck_assert_msg(covered || !((e[bit / 64] >> (bit % 64)) & 1),
			      "bit %u set outside the checked fields", bit);
	}
}

/* STE fields (IHI 0070, "Stream Table Entry") */
#define V		0, 0
#define CONFIG		3, 1
#define S1FMT		5, 4
#define S1CTXPTR	51, 6
#define S1CDMAX		63, 59
#define S1DSS		65, 64
#define S1CIR		67, 66
#define S1COR		69, 68
#define S1CSH		71, 70
#define EATS		93, 92
#define STRW		95, 94
#define SHCFG		109, 108
#define S2VMID		143, 128
#define S2T0SZ		165, 160
#define S2SL0		167, 166
#define S2IR0		169, 168
#define S2OR0		171, 170
#define S2SH0		173, 172
#define S2TG		175, 174
#define S2PS		178, 176
#define S2AA64		179, 179
#define S2ENDI		180, 180
#define S2AFFD		181, 181
#define S2PTW		182, 182
#define S2S		185, 185
#define S2R		186, 186
#define S2TTB		243, 196
/* the VTCR_EL2-shaped part: S2T0SZ to S2PS */
#define S2VTCR		178, 160

/* Config encodings */
#define CFG_ABORT	0
#define CFG_BYPASS	4
#define CFG_S1		5
#define CFG_S2		6
#define CFG_NESTED	7

/* CD fields (IHI 0070, "Context Descriptor") */
#define T0SZ		5, 0
#define TG0		7, 6
#define IR0		9, 8
#define OR0		11, 10
#define SH0		13, 12
#define EPD0		14, 14
#define ENDI		15, 15
#define EPD1		30, 30
#define CD_V		31, 31
#define IPS		34, 32
#define AFFD		35, 35
#define AA64		41, 41
#define CD_S		44, 44
#define CD_R		45, 45
#define CD_A		46, 46
#define ASET		47, 47
#define ASID		63, 48
#define TTB0		115, 68
#define MAIR0		223, 192

/* Garbage in the entry first: the builders must write every word. */
static void fill(u64 *e, unsigned int words, u64 v)
{
	unsigned int i;

	for (i = 0; i < words; i++)
		e[i] = v;
}

#define F(e, name)	field(e, name)
#define PAIR(name)	{ name }

/* ID registers as a unit could report them */
#define TTF_A64		(2u << 2)	/* TTF = 0b10: AArch64 only */
#define TTF_BOTH	(3u << 2)	/* TTF = 0b11 */
#define COHACC		(1u << 4)
#define STALL_NONE	(1u << 24)	/* STALL_MODEL = 0b01 */
#define STALL_FORCE	(2u << 24)	/* STALL_MODEL = 0b10 */
#define S1P		(1u << 1)
#define S2P		(1u << 0)
#define GRAN4K		(1u << 4)
#define OAS(enc)	((u32)(enc))	/* 2: 40 bits, 4: 44, 5: 48 */

/* QEMU 7.2's SMMU: stage 1 only, AArch64 tables, coherent, no stalls */
static const u32 qemu_idr0 = S1P | TTF_A64 | COHACC | STALL_NONE;
static const u32 qemu_idr5 = GRAN4K | OAS(4);

/*
 * VTCR_EL2 [18:0] (Arm ARM D17.2) for a cell: what the CPUs walk its
 * stage 2 with. 4 KiB granule: SL0 = 1 starts at level 1, 2 at level 0.
 */
static u64 vtcr_for(unsigned int ipa_bits, unsigned int ps)
{
	u64 sl0 = ipa_bits <= 39 ? 1 : 2;

	return (64 - ipa_bits) | sl0 << 6 | 1u << 8 /* IRGN0 WB */ |
	       1u << 10 /* ORGN0 WB */ | 3u << 12 /* SH0 inner */ |
	       0u << 14 /* TG0 4K */ | (u64)ps << 16;
}

START_TEST(test_idr_problems)
{
	ck_assert_ptr_null(smmu_idr_problem(qemu_idr0, qemu_idr5));
	ck_assert_ptr_null(smmu_idr_problem(S2P | TTF_A64 | COHACC, GRAN4K));
	ck_assert_str_eq(smmu_idr_problem(S1P | (1u << 2) | COHACC,
					  GRAN4K),
			 "no AArch64 translation tables");
	ck_assert_str_eq(smmu_idr_problem(qemu_idr0, OAS(4)),
			 "no 4 KiB granule");
	ck_assert_str_eq(smmu_idr_problem(qemu_idr0 & ~COHACC, qemu_idr5),
			 "table walks not cache coherent (unsupported)");
	ck_assert_str_eq(smmu_idr_problem(TTF_A64 | COHACC, qemu_idr5),
			 "neither stage 1 nor stage 2");
	ck_assert_str_eq(smmu_idr_problem(S1P | S2P | TTF_A64 | COHACC |
					  STALL_FORCE, qemu_idr5),
			 "stalls faults only (unsupported)");
}
END_TEST

START_TEST(test_ias)
{
	ck_assert_uint_eq(smmu_oas_bits(0), 32);
	ck_assert_uint_eq(smmu_oas_bits(2), 40);
	ck_assert_uint_eq(smmu_oas_bits(4), 44);
	ck_assert_uint_eq(smmu_oas_bits(5), 48);
	ck_assert_uint_eq(smmu_oas_bits(7), 0);
	/* AArch64 only: IAS = OAS; with AArch32 tables at least 40 */
	ck_assert_uint_eq(smmu_ias_bits(TTF_A64, OAS(1)), 36);
	ck_assert_uint_eq(smmu_ias_bits(TTF_BOTH, OAS(1)), 40);
	ck_assert_uint_eq(smmu_ias_bits(TTF_BOTH, OAS(5)), 48);
}
END_TEST

START_TEST(test_pick_stage)
{
	u32 i0[2], i5[2];
	unsigned int bad = 99;

	/* QEMU 7.2: stage 1 */
	i0[0] = qemu_idr0;
	i5[0] = qemu_idr5;
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 1, 44, &bad), 1);
	/* stage 1 and 2, OAS 44 bits, cells of 44 or 39 bits: stage 2 */
	i0[0] = qemu_idr0 | S2P;
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 1, 44, &bad), 2);
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 1, 39, &bad), 2);
	/* stage 2 only */
	i0[0] = S2P | TTF_A64 | COHACC | STALL_NONE;
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 1, 44, &bad), 2);
	/* 48-bit guest addresses, 44-bit unit: stage 2 would not cover */
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 1, 48, &bad), 0);
	ck_assert_uint_eq(bad, 0);
	i0[0] |= S1P;
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 1, 48, &bad), 1);
	/* two units: stage 2 only when both have it */
	i0[0] = qemu_idr0 | S2P;
	i0[1] = qemu_idr0;
	i5[1] = qemu_idr5;
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 2, 44, &bad), 1);
	i0[1] = qemu_idr0 | S2P;
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 2, 44, &bad), 2);
	/* one stage-2-only unit, one stage-1-only: nothing works */
	i0[0] = qemu_idr0;
	i0[1] = S2P | TTF_A64 | COHACC;
	bad = 99;
	ck_assert_uint_eq(smmu_pick_stage(i0, i5, 2, 44, &bad), 0);
	ck_assert_uint_eq(bad, 1);
}
END_TEST

static const unsigned int s2_fields[][2] = {
	PAIR(V), PAIR(CONFIG), PAIR(SHCFG), PAIR(S2VMID), PAIR(S2VTCR),
	PAIR(S2AA64), PAIR(S2R), PAIR(S2TTB),
};

/* One owned stream of a cell on a stage-2 capable unit. */
static void check_s2(unsigned int ipa_bits, unsigned int cpu_ps,
		     unsigned int smmu_oas, u64 root, u16 vmid)
{
	unsigned int ps = cpu_ps < smmu_oas ? cpu_ps : smmu_oas;
	struct smmu_s2_desc d = {
		.root = root, .vmid = vmid, .ipa_bits = ipa_bits,
		/* as arm64_paging(): level 1 up to 39 bits, else 0 */
		.first_level = ipa_bits <= 39 ? 1 : 0,
		.ps = ps,
	};
	u64 ste[STE_DWORDS];

	fill(ste, STE_DWORDS, 0xa5a5a5a5a5a5a5a5ull);
	smmu_ste_s2(ste, &d);
	ck_assert_uint_eq(F(ste, V), 1);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_S2);
	ck_assert_uint_eq(F(ste, S2VMID), vmid);
	ck_assert_uint_eq(F(ste, S2T0SZ), 64 - ipa_bits);
	ck_assert_uint_eq(F(ste, S2SL0), ipa_bits <= 39 ? 1 : 2);
	ck_assert_uint_eq(F(ste, S2IR0), 1);	/* write-back */
	ck_assert_uint_eq(F(ste, S2OR0), 1);
	ck_assert_uint_eq(F(ste, S2SH0), 3);	/* inner shareable */
	ck_assert_uint_eq(F(ste, S2TG), 0);	/* 4 KiB */
	ck_assert_uint_eq(F(ste, S2PS), ps);
	ck_assert_uint_eq(F(ste, S2AA64), 1);
	ck_assert_uint_eq(F(ste, S2ENDI), 0);	/* little-endian walks */
	/* the cells' leaves have AF set: AF faults may stay enabled */
	ck_assert_uint_eq(F(ste, S2AFFD), 0);
	ck_assert_uint_eq(F(ste, S2PTW), 0);
	ck_assert_uint_eq(F(ste, S2S), 0);	/* terminate, no stall */
	ck_assert_uint_eq(F(ste, S2R), 1);	/* faults recorded */
	ck_assert_uint_eq(F(ste, S2TTB) << 4, root);
	/* walked exactly as the CPUs walk it */
	ck_assert_uint_eq(F(ste, S2VTCR), vtcr_for(ipa_bits, ps));
	/* attributes as the device issues them */
	ck_assert_uint_eq(F(ste, SHCFG), 1);
	/* no stage 1: S1ContextPtr and the rest stay zero */
	ck_assert_uint_eq(F(ste, S1CTXPTR), 0);
	ck_assert_uint_eq(F(ste, STRW), 0);
	ck_assert_uint_eq(F(ste, EATS), 0);
	assert_only(ste, STE_DWORDS, s2_fields, ARRAY_SIZE(s2_fields));
}

START_TEST(test_ste_stage2)
{
	/* QEMU-like: 44-bit CPU and SMMU, walk from level 0 */
	check_s2(44, 4, 4, 0x40123000, 2);
	/* 40-bit CPU: guests get 39 bits, walk from level 1 */
	check_s2(39, 2, 2, 0x80001000, 1);
	/* 48-bit CPU, 48-bit unit, tables high up, a large VMID */
	check_s2(48, 5, 5, 0xfffffffff000ull, 0xffff);
	/* the unit's OAS below the CPU's: PS capped to the unit */
	check_s2(39, 4, 2, 0x80001000, 3);
}
END_TEST

START_TEST(test_ste_stage1)
{
	static const unsigned int f[][2] = {
		PAIR(V), PAIR(CONFIG), PAIR(S1CTXPTR), PAIR(S1CIR),
		PAIR(S1COR), PAIR(S1CSH), PAIR(SHCFG), PAIR(S2VMID),
	};
	u64 ste[STE_DWORDS], cd = 0x40201fc0;

	fill(ste, STE_DWORDS, 0x5a5a5a5a5a5a5a5aull);
	smmu_ste_s1(ste, cd, 3);
	ck_assert_uint_eq(F(ste, V), 1);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_S1);
	ck_assert_uint_eq(F(ste, S1FMT), 0);	/* linear: one CD */
	ck_assert_uint_eq(F(ste, S1CDMAX), 0);	/* no substreams */
	ck_assert_uint_eq(F(ste, S1CTXPTR) << 6, cd);
	ck_assert_uint_eq(F(ste, S1DSS), 0);
	ck_assert_uint_eq(F(ste, S1CIR), 1);
	ck_assert_uint_eq(F(ste, S1COR), 1);
	ck_assert_uint_eq(F(ste, S1CSH), 3);
	ck_assert_uint_eq(F(ste, STRW), 0);	/* NS-EL1 regime */
	ck_assert_uint_eq(F(ste, EATS), 0);
	ck_assert_uint_eq(F(ste, SHCFG), 1);
	ck_assert_uint_eq(F(ste, S2VMID), 3);
	ck_assert_uint_eq(F(ste, S2TTB), 0);
	assert_only(ste, STE_DWORDS, f, ARRAY_SIZE(f));
	/* the CD pointer keeps bits [51:6]; the unit's CDs are 64-aligned */
	smmu_ste_s1(ste, 0xffffffffffc0ull, 0);
	ck_assert_uint_eq(F(ste, S1CTXPTR) << 6, 0xffffffffffc0ull);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_S1);
}
END_TEST

START_TEST(test_ste_abort)
{
	static const unsigned int f[][2] = { PAIR(V), PAIR(CONFIG) };
	u64 ste[STE_DWORDS];

	fill(ste, STE_DWORDS, ~0ull);
	smmu_ste_abort(ste);
	ck_assert_uint_eq(F(ste, V), 1);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_ABORT);
	ck_assert_uint_ne(F(ste, CONFIG), CFG_BYPASS);
	assert_only(ste, STE_DWORDS, f, ARRAY_SIZE(f));
}
END_TEST

START_TEST(test_cd)
{
	static const unsigned int f[][2] = {
		PAIR(T0SZ), PAIR(IR0), PAIR(OR0), PAIR(SH0), PAIR(EPD1),
		PAIR(CD_V), PAIR(IPS), PAIR(AA64), PAIR(CD_R), PAIR(CD_A),
		PAIR(ASET), PAIR(ASID), PAIR(TTB0), PAIR(MAIR0),
	};
	struct smmu_s1_desc d = {
		.ttb = 0x40345000, .asid = 2, .in_bits = 44, .ips = 4,
	};
	u64 cd[CD_USED_DWORDS];

	fill(cd, CD_USED_DWORDS, 0xc3c3c3c3c3c3c3c3ull);
	smmu_cd_build(cd, &d);
	ck_assert_uint_eq(F(cd, T0SZ), 20);
	ck_assert_uint_eq(F(cd, TG0), 0);	/* 4 KiB */
	ck_assert_uint_eq(F(cd, IR0), 1);
	ck_assert_uint_eq(F(cd, OR0), 1);
	ck_assert_uint_eq(F(cd, SH0), 3);
	ck_assert_uint_eq(F(cd, EPD0), 0);	/* TTB0 walks */
	ck_assert_uint_eq(F(cd, ENDI), 0);
	ck_assert_uint_eq(F(cd, EPD1), 1);	/* no TTB1 walks */
	ck_assert_uint_eq(F(cd, CD_V), 1);
	ck_assert_uint_eq(F(cd, IPS), 4);
	ck_assert_uint_eq(F(cd, AFFD), 0);
	ck_assert_uint_eq(F(cd, AA64), 1);
	ck_assert_uint_eq(F(cd, CD_S), 0);	/* no stalls */
	ck_assert_uint_eq(F(cd, CD_R), 1);
	ck_assert_uint_eq(F(cd, CD_A), 1);
	ck_assert_uint_eq(F(cd, ASET), 1);
	ck_assert_uint_eq(F(cd, ASID), 2);
	ck_assert_uint_eq(F(cd, TTB0) << 4, 0x40345000);
	/* attribute 0 normal write-back (the leaves), 1 Device-nGnRE */
	ck_assert_uint_eq(F(cd, MAIR0) & 0xff, 0xff);
	ck_assert_uint_eq((F(cd, MAIR0) >> 8) & 0xff, 0x04);
	assert_only(cd, CD_USED_DWORDS, f, ARRAY_SIZE(f));

	/* 39-bit guests, 40-bit output, the empty table's ASID 0 */
	d.ttb = 0xfffffffff000ull;
	d.asid = 0;
	d.in_bits = 39;
	d.ips = 2;
	smmu_cd_build(cd, &d);
	ck_assert_uint_eq(F(cd, T0SZ), 25);
	ck_assert_uint_eq(F(cd, IPS), 2);
	ck_assert_uint_eq(F(cd, ASID), 0);
	ck_assert_uint_eq(F(cd, TTB0) << 4, 0xfffffffff000ull);
}
END_TEST

/*
 * Which translation each stream gets: an owned stream its cell's stage-2
 * root and VMID (or its CD), a stream of nobody the empty translation
 * (faults recorded, VMID 0, which no cell has: cells get id + 1), a
 * quiesced stream abort.
 */
START_TEST(test_stream_ste)
{
	struct smmu_translation t = {
		.stage2 = true, .empty_root = 0x40400000,
		.empty_cd = 0x40500fc0, .ipa_bits = 44, .first_level = 0,
		.ps = 4,
	};
	struct smmu_stream owned = {
		.owned = true, .s2_root = 0x40600000, .vmid = 2,
		.cd = 0x40500040,
	};
	struct smmu_stream nobody = { .owned = false };
	struct smmu_stream no_tables = owned;
	struct smmu_stream quiet = owned;
	u64 ste[STE_DWORDS];

	no_tables.s2_root = 0;
	quiet.quiesced = true;

	smmu_stream_ste(ste, &t, &owned);
	ck_assert_uint_eq(F(ste, V), 1);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_S2);
	ck_assert_uint_eq(F(ste, S2TTB) << 4, 0x40600000);
	ck_assert_uint_eq(F(ste, S2VMID), 2);
	ck_assert_uint_eq(F(ste, S2VTCR), vtcr_for(44, 4));

	smmu_stream_ste(ste, &t, &nobody);
	ck_assert_uint_eq(F(ste, V), 1);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_S2);
	ck_assert_uint_eq(F(ste, S2TTB) << 4, 0x40400000);
	ck_assert_uint_eq(F(ste, S2VMID), 0);
	ck_assert_uint_eq(F(ste, S2R), 1);

	smmu_stream_ste(ste, &t, &no_tables);
	ck_assert_uint_eq(F(ste, S2TTB) << 4, 0x40400000);

	smmu_stream_ste(ste, &t, &quiet);
	ck_assert_uint_eq(F(ste, V), 1);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_ABORT);
	ck_assert_uint_eq(F(ste, S2TTB), 0);

	/* stage 1: the owner's CD, else the empty one */
	t.stage2 = false;
	smmu_stream_ste(ste, &t, &owned);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_S1);
	ck_assert_uint_eq(F(ste, S1CTXPTR) << 6, 0x40500040);
	ck_assert_uint_eq(F(ste, S2TTB), 0);
	smmu_stream_ste(ste, &t, &nobody);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_S1);
	ck_assert_uint_eq(F(ste, S1CTXPTR) << 6, 0x40500fc0);
	ck_assert_uint_eq(F(ste, S2VMID), 0);
	smmu_stream_ste(ste, &t, &quiet);
	ck_assert_uint_eq(F(ste, CONFIG), CFG_ABORT);
	ck_assert_uint_eq(F(ste, V), 1);
}
END_TEST

START_TEST(test_sid_verdict)
{
	ck_assert_int_eq(smmu_sid_verdict(0x10, 256, false), 0);
	ck_assert_int_eq(smmu_sid_verdict(0xff, 256, false), 0);
	ck_assert_int_eq(smmu_sid_verdict(0x100, 256, false), -EINVAL);
	ck_assert_int_eq(smmu_sid_verdict(0x100, 256, true), -ERANGE);
	ck_assert_int_eq(smmu_sid_verdict(0xfff, 4096, false), 0);
	ck_assert_int_eq(smmu_sid_verdict(0x1000, 4096, false), -EINVAL);
	ck_assert_int_eq(smmu_sid_verdict(0xffffffffu, 4096, true), -ERANGE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("smmu-entries");
	TCase *tc = tcase_create("entries");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_idr_problems);
	tcase_add_test(tc, test_ias);
	tcase_add_test(tc, test_pick_stage);
	tcase_add_test(tc, test_ste_stage2);
	tcase_add_test(tc, test_ste_stage1);
	tcase_add_test(tc, test_ste_abort);
	tcase_add_test(tc, test_cd);
	tcase_add_test(tc, test_stream_ste);
	tcase_add_test(tc, test_sid_verdict);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
