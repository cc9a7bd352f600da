// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rule framework: table integrity, severity policy, suppressions,
 * notes at the other party, image locations, and the cost of the overlap
 * sweep on large inputs.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check/check_util.h"
#include "fixture.h"

START_TEST(table_integrity)
{
	static const char *const groups[] = {
		"memory", "cpu", "irq", "pci", "cache", "pio", "iommu", "system",
	};
	size_t per_group[8] = { 0 };
	size_t n = jh_rules_count();

	ck_assert_uint_ge(n, 40);
	for (size_t i = 0; i < n; i++) {
		const struct jh_rule *r = &jh_rules[i];
		bool known = false;

		ck_assert_ptr_nonnull(r->check);
		ck_assert_uint_gt(strlen(r->summary), 10);
		ck_assert_uint_gt(strlen(r->explanation), 80);
		ck_assert(r->severity == JH_SEV_ERROR ||
			  r->severity == JH_SEV_WARNING);
		/* ids: lower-case words joined by '-' */
		for (const char *p = r->id; *p; p++)
			ck_assert(( *p >= 'a' && *p <= 'z') ||
				  (*p >= '0' && *p <= '9') || *p == '-');
		for (size_t k = 0; k < i; k++)
			ck_assert_str_ne(jh_rules[k].id, r->id);
		for (size_t g = 0; g < 8; g++) {
			if (strcmp(r->group, groups[g]) == 0) {
				per_group[g]++;
				known = true;
			}
		}
		ck_assert_msg(known, "rule %s: unknown group %s", r->id,
			      r->group);
		ck_assert_ptr_eq(jh_rule_find(r->id), r);
	}
	for (size_t g = 0; g < 8; g++)
		ck_assert_msg(per_group[g] > 0, "no rule in group %s",
			      groups[g]);
	ck_assert_ptr_null(jh_rule_find("no-such-rule"));
}
END_TEST

/* The catalogue's named hazards each have their rule. */
START_TEST(catalogue_coverage)
{
	static const char *const required[] = {
		"irq-intx-shared", "pci-bar-overlap", "pci-dma-no-iommu",
		"cache-overlap-cells", "cache-cdp-mixed",
		"cache-noncontiguous", "cache-cbm-length", "cache-l2-shared",
		"pio-machine-control", "iommu-stream-id-multiple",
		"mem-overlap-cells", "mem-hypervisor", "cpu-multiple-cells",
	};

	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		ck_assert_msg(jh_rule_find(required[i]), "missing %s",
			      required[i]);
}
END_TEST

static void overlapping_cells(struct jh_system *s)
{
	fx_arm(s);
	fx_cell(s, "a", 0x4);
	fx_cell(s, "b", 0x8);
	fx_mem(s, 1, 0x70000000, 0, 0x200000, RW);
	fx_mem(s, 2, 0x70100000, 0, 0x200000, RW);
}

START_TEST(conflict_has_note_and_hint)
{
	struct jh_system s;
	struct jh_diags d;

	overlapping_cells(&s);
	jh_diags_init(&d);
	ck_assert_str_eq(fx_run_with(&s, &d), "mem-overlap-cells");
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].sev, JH_SEV_ERROR);
	/* at the later region, the note at the earlier one */
	ck_assert_uint_eq(d.v[0].loc.line,
			  fx_c(&s, 2)->mem.v[0].loc.line);
	ck_assert_uint_eq(d.v[0].num_notes, 1);
	ck_assert_uint_eq(d.v[0].notes[0].loc.line,
			  fx_c(&s, 1)->mem.v[0].loc.line);
	ck_assert_ptr_nonnull(d.v[0].hint);
	ck_assert_uint_eq(jh_diags_errors(&d), 1);
	jh_diags_free(&d);
	jh_system_free(&s);
}
END_TEST

START_TEST(policy_levels)
{
	struct jh_system s;
	struct jh_diags d;

	overlapping_cells(&s);
	jh_diags_init(&d);
	jh_diags_set_rule_level(&d, "mem-overlap-cells", JH_SEV_OFF);
	ck_assert_str_eq(fx_run_with(&s, &d), "");
	jh_diags_free(&d);

	jh_diags_init(&d);
	jh_diags_set_rule_level(&d, "mem-overlap-cells", JH_SEV_WARNING);
	fx_run_with(&s, &d);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_uint_eq(d.warnings, 1);
	jh_diags_free(&d);

	/* -Werror turns a warning rule into an error */
	jh_diags_init(&d);
	d.werror_all = true;
	fx_mem(&s, 0, UART1, UART1, 0x1000, IO_RW | JH_MEM_DMA);
	fx_run_with(&s, &d);
	ck_assert_uint_eq(d.warnings, 0);
	ck_assert_uint_eq(d.errors, 2);
	jh_diags_free(&d);
	jh_system_free(&s);
}
END_TEST

START_TEST(suppression_keeps_reason)
{
	struct jh_system s;
	struct jh_diags d;
	unsigned line;

	overlapping_cells(&s);
	line = fx_c(&s, 2)->mem.v[0].loc.line;
	jh_diags_init(&d);
	jh_diags_add_suppression(&d, "mem-overlap-cells", "shared on purpose",
				 fx_loc(line - 1), "test.yaml", line - 1, line);
	ck_assert_str_eq(fx_run_with(&s, &d), "mem-overlap-cells");
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_uint_eq(d.suppressed, 1);
	ck_assert(d.v[0].suppressed);
	ck_assert_str_eq(d.v[0].suppress_reason, "shared on purpose");
	jh_diags_free(&d);
	jh_system_free(&s);
}
END_TEST

/* Images carry no board: board rules skip, the others work and point at
 * image offsets. */
START_TEST(image_locations)
{
	struct jh_system s;
	struct jh_diags d;
	struct jh_loc l = JH_LOC_NONE;
	char buf[256];

	overlapping_cells(&s);
	l.file = "cell-b.cell";
	l.offset = 0x94;
	l.array = "memory_regions";
	l.index = 0;
	fx_c(&s, 2)->mem.v[0].loc = l;
	jh_diags_init(&d);
	fx_run_with(&s, &d);
	ck_assert_uint_eq(d.n, 1);
	/* no board: the board rules are skipped, and counted */
	size_t board_rules = 0;

	for (const struct jh_rule *r = jh_rules; r->id; r++)
		board_rules += r->needs_board;
	ck_assert_uint_gt(board_rules, 0);
	ck_assert_uint_eq(jh_checks_skipped(&s), board_rules);
	jh_loc_format(&d.v[0].loc, buf, sizeof(buf));
	ck_assert_str_eq(buf, "cell-b.cell: offset 0x94: memory_regions[0]");
	jh_diags_free(&d);
	fx_board(&s);
	ck_assert_uint_eq(jh_checks_skipped(&s), 0);
	jh_system_free(&s);
}
END_TEST

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * 4000 cells of 50 regions (200k regions): pairwise comparison would be
 * 2e10 steps; the sweep takes well under a second even under sanitizers.
 * Every cell's regions are disjoint from the others', except one planted
 * overlap, which must be the only finding.
 */
START_TEST(sweep_scales)
{
	struct jh_system s;
	struct jh_diags d;
	const size_t cells = 4000, per = 50;
	double t;

	fx_arm(&s);
	fx_c(&s, 0)->cpu_set[0] = 0x1;
	for (size_t c = 0; c < cells; c++) {
		char name[32];
		size_t idx;

		snprintf(name, sizeof(name), "c%zu", c);
		idx = fx_cell(&s, name, 0);
		jh_cell_set_cpu(fx_c(&s, idx), 0);
		for (size_t k = 0; k < per; k++) {
			uint64_t phys = 0x100000000ull +
				((uint64_t)(c * per + k) << 12);

			fx_mem(&s, idx, phys, k << 12, 0x1000, RW);
		}
	}
	/* plant one overlap between cells 7 and 3999 */
	fx_c(&s, cells)->mem.v[0].phys_start = fx_c(&s, 8)->mem.v[5].phys_start;
	jh_diags_init(&d);
	/* CPUs are shared on purpose here; silence that rule */
	jh_diags_set_rule_level(&d, "cpu-multiple-cells", JH_SEV_OFF);
	jh_diags_set_rule_level(&d, "cpu-not-in-root", JH_SEV_OFF);
	jh_diags_set_rule_level(&d, "cpu-root-none", JH_SEV_OFF);
	t = now();
	ck_assert_str_eq(fx_run_with(&s, &d), "mem-overlap-cells");
	t = now() - t;
	ck_assert_uint_eq(d.n, 1);
	ck_assert_msg(t < (getenv("JH_UNDER_VALGRIND") ? 60.0 : 5.0),
		      "rules took %.2f s for %zu regions", t, cells * per);
	jh_diags_free(&d);
	jh_system_free(&s);
}
END_TEST

/* The sweep reports each overlapping span once, against an open span. */
static bool any_conflict(const struct jh_span *a, const struct jh_span *b,
			 void *ctx)
{
	(void)ctx;
	return a->cell != b->cell;
}

static void count_report(const struct jh_span *a, const struct jh_span *b,
			 void *ctx)
{
	ck_assert_uint_lt(b->start, a->end);
	ck_assert_uint_lt(a->start, b->end);
	(*(int *)ctx)++;
}

START_TEST(sweep_unit)
{
	jh_span_vec v = { 0 };
	int reports = 0;

	jh_span_push(&v, 0x3000, 0x1000, 1, 0, 0);	/* alone */
	jh_span_push(&v, 0x0000, 0x2000, 1, 1, 0);
	jh_span_push(&v, 0x1000, 0x1000, 2, 0, 0);	/* overlaps 1/1 */
	jh_span_push(&v, 0x1800, 0x100, 1, 2, 0);	/* overlaps 2/0 */
	jh_span_push(&v, 0x5000, 0, 2, 1, 0);		/* empty */
	jh_span_push(&v, UINT64_MAX - 10, 100, 3, 0, 0); /* saturates */
	ck_assert_uint_eq(v.v[5].end, UINT64_MAX);
	jh_spans_sweep(v.v, v.n, any_conflict, count_report, &reports);
	ck_assert_int_eq(reports, 2);
	free(v.v);
}
END_TEST

/* A small deterministic generator, so failures reproduce. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Values that hit edges: 0, all-ones, near page and 2^64 boundaries. */
static uint64_t edgy(void)
{
	static const uint64_t v[] = {
		0, 1, 0xfff, 0x1000, 0x1001, UINT64_MAX, UINT64_MAX - 0xfff,
		0x7fc00000, 0x09000000, 0x08000000, 0xffffffff,
	};

	return rnd() % 3 ? v[rnd() % (sizeof(v) / sizeof(v[0]))] : rnd();
}

/*
 * Images can say anything: random cells with random regions, irqchips,
 * PCI devices (with out-of-range indices), caches, ports and stream IDs,
 * with and without a board. Every rule must cope (ASan/UBSan/valgrind
 * watch this test).
 */
START_TEST(random_models_do_not_crash)
{
	rng_state = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 300; round++) {
		struct jh_system s;
		struct jh_diags d;
		size_t cells = 1 + rnd() % 5;

		if (round % 2)
			fx_arm(&s);
		else
			fx_x86(&s);
		if (round % 3 == 0)
			fx_board(&s);
		s.platform.arm.maintenance_irq = (uint8_t)rnd();
		for (size_t c = 0; c < cells; c++) {
			size_t idx = fx_cell(&s, rnd() % 4 ? "c" : "",
					     (uint32_t)rnd());
			struct jh_cell *cell = fx_c(&s, idx);

			cell->flags = (uint32_t)rnd();
			cell->l2_isolation = rnd() % 2;
			for (int k = 0; k < (int)(rnd() % 6); k++)
				fx_mem(&s, idx, edgy(), edgy(), edgy(), rnd());
			for (int k = 0; k < (int)(rnd() % 3); k++) {
				struct jh_cell_irqchip *ch = fx_irq(&s, idx,
					rnd() % 2 ? GICD : edgy(), 0, 0);

				ch->pin_base = (uint32_t)edgy();
				for (int w = 0; w < 4; w++)
					ch->pin_bitmap[w] = (uint32_t)rnd();
			}
			for (int k = 0; k < (int)(rnd() % 3); k++) {
				struct jh_pci_dev *p = fx_pci(&s, idx,
					(uint8_t)(rnd() % 5), (uint16_t)rnd());

				p->iommu = (uint8_t)rnd();
				p->caps_start = (uint16_t)rnd();
				p->num_caps = (uint16_t)(rnd() % 4);
				p->num_msix_vectors = (uint16_t)rnd();
				p->shmem_regions_start = (uint32_t)(rnd() % 8);
				p->shmem_peers = (uint8_t)(rnd() % 4);
				p->shmem_dev_id = (uint8_t)(rnd() % 4);
				p->board_dev = s.board && rnd() % 2 ?
					(int32_t)(rnd() % 3) - 1 : -1;
			}
			for (int k = 0; k < (int)(rnd() % 3); k++) {
				struct jh_cache_part *p = fx_cache(&s, idx,
					(uint32_t)edgy(), (uint32_t)edgy(),
					(uint8_t)rnd());

				p->level = rnd() % 2 ? JH_CACHE_LEVEL_L2 :
						       JH_CACHE_LEVEL_L3;
			}
			for (int k = 0; k < (int)(rnd() % 3); k++)
				fx_pio(&s, idx, (uint16_t)rnd(),
				       (uint16_t)rnd());
			for (int k = 0; k < (int)(rnd() % 3); k++)
				fx_sid(&s, idx, (uint32_t)(rnd() % 4));
		}
		for (int u = 0; u < 8; u++) {
			s.iommu_units[u].type = (uint32_t)(rnd() % 7);
			s.iommu_units[u].base = edgy();
			s.iommu_units[u].size = (uint32_t)edgy();
		}
		s.hypervisor_memory.phys_start = edgy();
		s.hypervisor_memory.size = edgy();
		s.debug_console.address = edgy();
		s.debug_console.type = (uint16_t)(rnd() % 12);
		jh_diags_init(&d);
		jh_checks_run(&s, &d);
		jh_diags_free(&d);
		jh_system_free(&s);
	}
}
END_TEST

Suite *framework_suite(void)
{
	Suite *s = suite_create("framework");
	TCase *tc = tcase_create("framework");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, table_integrity);
	tcase_add_test(tc, catalogue_coverage);
	tcase_add_test(tc, conflict_has_note_and_hint);
	tcase_add_test(tc, policy_levels);
	tcase_add_test(tc, suppression_keeps_reason);
	tcase_add_test(tc, image_locations);
	tcase_add_test(tc, sweep_scales);
	tcase_add_test(tc, sweep_unit);
	tcase_add_test(tc, random_models_do_not_crash);
	suite_add_tcase(s, tc);
	return s;
}
