// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-process round trip through the YAML front end (so valgrind and ASan
 * see it): hand-built system -> images -> reader -> image-form YAML ->
 * front end -> images, byte for byte, for every sample variant, with and
 * without the extension features.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "front/front.h"
#include "image/image.h"
#include "jh-cell-format.h"
#include "sample.h"

/* All images of `sys`: [0] system, [i] cell i. */
static void write_all(const struct jh_system *sys, uint8_t **img,
		      size_t *len, struct jh_diags *d)
{
	img[0] = jh_image_write_system(sys, JH_ABI_JH, d, &len[0]);
	for (size_t c = 1; c < sys->cells.n; c++)
		img[c] = jh_image_write_cell(sys, c, JH_ABI_JH, d, &len[c]);
}

START_TEST(yaml_roundtrip_identical)
{
	struct jh_system sys, read_back, parsed;
	struct jh_diags d;
	uint8_t *img[3], *img2[3];
	size_t len[3], len2[3];
	char *yaml = NULL;
	size_t yaml_len = 0;
	FILE *f;

	jh_diags_init(&d);
	sample_system(&sys, _i);
	write_all(&sys, img, len, &d);
	ck_assert_uint_eq(d.errors, 0);

	/* images -> model, as jh-dump does */
	jh_system_init(&read_back);
	for (size_t c = 0; c < 3; c++)
		ck_assert(jh_image_read(img[c], len[c], "x.cell", &d,
					&read_back));
	f = open_memstream(&yaml, &yaml_len);
	ck_assert(jh_emit_image_form(&read_back, f, &d));
	fclose(f);

	/* YAML -> model -> images, as jh-compile does */
	jh_system_init(&parsed);
	if (!jh_front_load_buffer("dump.yaml", yaml, yaml_len, &d, &parsed)) {
		jh_diags_print(&d, stderr, false, false);
		fputs(yaml, stderr);
		ck_abort_msg("front end rejected the dumped YAML");
	}
	ck_assert_uint_eq(parsed.cells.n, 3);
	write_all(&parsed, img2, len2, &d);
	ck_assert_uint_eq(d.errors, 0);
	for (size_t c = 0; c < 3; c++) {
		ck_assert_msg(len2[c] == len[c], "variant %d image %zu: %zu "
			      "bytes, expected %zu", _i, c, len2[c], len[c]);
		ck_assert_msg(memcmp(img2[c], img[c], len[c]) == 0,
			      "variant %d image %zu differs", _i, c);
		free(img[c]);
		free(img2[c]);
	}
	free(yaml);
	jh_system_free(&parsed);
	jh_system_free(&read_back);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

/*
 * Every corruption of a sample image that the reader accepts must also
 * survive the YAML: dump, front end, write gives the corrupted bytes.
 * This checks the emitter and the front end agree on every value the
 * binary format can hold (unknown flag bits and types, odd sizes, ...).
 * Under ASan every 5th byte, under valgrind every 61st byte is tried,
 * to stay within time.
 */
START_TEST(accepted_corruptions_survive_yaml)
{
	static const uint8_t patterns[] = { 0x01, 0xff };
#ifdef __SANITIZE_ADDRESS__
	const size_t stride = 5;	/* ASan makes each try 3x dearer */
#else
	const size_t stride = getenv("JH_UNDER_VALGRIND") ? 61 : 1;
#endif
	struct jh_system sys;
	struct jh_diags d;
	uint8_t *img[3];
	size_t len[3], tried = 0;

	jh_diags_init(&d);
	sample_system(&sys, _i);
	write_all(&sys, img, len, &d);
	jh_system_free(&sys);
	jh_diags_free(&d);
	for (size_t k = 0; k < 3; k++) {
		uint8_t *copy = malloc(len[k]);

		for (size_t pos = 0; pos < len[k]; pos += stride) {
			for (size_t p = 0; p < sizeof(patterns); p++) {
				struct jh_system rb, parsed;
				uint8_t *again;
				size_t again_len;
				char *yaml = NULL;
				size_t yaml_len = 0;
				FILE *f;
				bool ok = true;

				memcpy(copy, img[k], len[k]);
				copy[pos] ^= patterns[p];
				jh_diags_init(&d);
				jh_system_init(&rb);
				for (size_t c = 0; c < 3 && ok; c++)
					ok = jh_image_read(c == k ? copy : img[c],
							   len[c], "x.cell",
							   &d, &rb);
				if (ok) {
					f = open_memstream(&yaml, &yaml_len);
					ok = jh_emit_image_form(&rb, f, &d);
					fclose(f);
				}
				if (!ok) {	/* rejected, or names clash */
					free(yaml);
					jh_system_free(&rb);
					jh_diags_free(&d);
					continue;
				}
				tried++;
				jh_system_init(&parsed);
				if (!jh_front_load_buffer("dump.yaml", yaml,
							  yaml_len, &d,
							  &parsed)) {
					jh_diags_print(&d, stderr, false,
						       false);
					ck_abort_msg("variant %d image %zu byte "
						     "%zu ^ 0x%02x: front end "
						     "rejects the dump", _i, k,
						     pos, patterns[p]);
				}
				/* the corrupted cell keeps its position */
				again = k == 0 ?
					jh_image_write_system(&parsed,
							      JH_ABI_JH, &d,
							      &again_len) :
					jh_image_write_cell(&parsed, k,
							    JH_ABI_JH, &d,
							    &again_len);
				ck_assert_msg(again && again_len == len[k] &&
					      memcmp(again, copy, len[k]) == 0,
					      "variant %d image %zu byte %zu ^ "
					      "0x%02x: not reproduced via YAML",
					      _i, k, pos, patterns[p]);
				free(again);
				free(yaml);
				jh_system_free(&parsed);
				jh_system_free(&rb);
				jh_diags_free(&d);
			}
		}
		free(copy);
	}
	for (size_t k = 0; k < 3; k++)
		free(img[k]);
	ck_assert_uint_gt(tried, 2000 / stride);
}
END_TEST

/* Boundary values the format can hold, each applied to variant 1. */
static void edge(struct jh_system *s, int which)
{
	struct jh_cell *root = &s->cells.v[0], *c = &s->cells.v[1];

	switch (which) {
	case 0:		/* interrupts at the very top of the u32 range */
		c->irqchips.v[0].pin_base = 0xffffff80u;
		c->irqchips.v[0].pin_bitmap[3] = 0x80000001u;
		break;
	case 1:		/* largest values in 64-bit fields */
		c->mem.v[0].phys_start = UINT64_MAX - 0xfff;
		c->mem.v[0].virt_start = 0;
		c->mem.v[0].size = 0x1000;	/* ends at 2^64 exactly */
		c->mem.v[1].phys_start = 0;
		c->mem.v[1].virt_start = 0;
		c->mem.v[1].size = UINT64_MAX;
		c->msg_reply_timeout = UINT64_MAX;
		c->cpu_reset_address = UINT64_MAX;
		s->hypervisor_memory.phys_start = 1;
		s->hypervisor_memory.size = UINT64_MAX;
		break;
	case 2:		/* cpu sets larger than their CPUs need */
		free(c->cpu_set);
		c->cpu_set = calloc(1, 16);
		c->cpu_set_size = 16;
		c->cpu_set[2] = 0x80;	/* CPU 23 */
		free(root->cpu_set);
		root->cpu_set = calloc(1, 24);
		root->cpu_set_size = 24;	/* bigger than needed */
		root->cpu_set[0] = 1;
		break;
	case 3:		/* empty cpu sets, with and without bytes */
		free(c->cpu_set);
		c->cpu_set = NULL;
		c->cpu_set_size = 0;
		memset(root->cpu_set, 0, root->cpu_set_size);
		break;
	case 4:		/* names YAML could mistake for something else */
		strcpy(root->name, "true");
		strcpy(c->name, "0x10");
		strcpy(s->cells.v[2].name, "a b: \"c\" #d");
		break;
	case 5:
		strcpy(c->name, "");
		strcpy(s->cells.v[2].name, "~");
		break;
	case 6:		/* unknown or zero kinds everywhere */
		c->console.type = 0xffff;
		c->console.flags = 0xffff;
		c->cache.v[0].type = 0;
		c->cache.v[1].flags = 0xffff;
		c->pci.v[0].type = 0;
		c->pci.v[1].type = 0xff;
		c->caps.v[0].id = 0xffff;
		c->caps.v[1].flags = 0xffff;
		c->stream_ids.v[0].id = UINT32_MAX;
		c->vpci_irq_base = UINT32_MAX;
		c->flags = UINT32_MAX;
		s->flags = UINT32_MAX;
		c->mem.v[1].flags = UINT64_MAX;
		break;
	case 7:		/* all-zero system parts */
		memset(&s->hypervisor_memory, 0, sizeof(s->hypervisor_memory));
		memset(&s->debug_console, 0, sizeof(s->debug_console));
		memset(&s->platform, 0, sizeof(s->platform));
		memset(s->iommu_units, 0, sizeof(s->iommu_units));
		s->iommu_units[7].type = JH_IOMMU_INTEL;	/* only the last */
		break;
	case 8:		/* PCI fields at their limits */
		c->pci.v[0].bdf = 0xffff;
		c->pci.v[0].domain = 0xffff;
		c->pci.v[0].iommu = 7;
		c->pci.v[0].num_msi_vectors = 0xff;
		c->pci.v[0].num_msix_vectors = 0xffff;
		c->pci.v[0].msix_region_size = 0xffff;
		c->pci.v[0].msix_address = UINT64_MAX;
		for (int b = 0; b < 6; b++)
			c->pci.v[0].bar_mask[b] = UINT32_MAX;
		c->pci.v[3].shmem_peers = 4;
		c->pci.v[3].shmem_regions_start = 0;
		c->pci.v[3].shmem_dev_id = 0xff;
		c->pci.v[3].shmem_protocol = 0xffff;
		break;
	case 9:		/* ports at both ends, x86 platform maxima */
		c->pio.v[0].base = 0;
		c->pio.v[0].length = 0xffff;
		c->pio.v[1].base = 0xffff;
		c->pio.v[1].length = 1;
		s->platform.x86.pm_timer_address = 0xffff;
		s->platform.x86.apic_mode = 0xff;
		s->platform.x86.vtd_interrupt_limit = UINT32_MAX;
		s->platform.x86.tsc_khz = UINT32_MAX;
		s->platform.x86.apic_khz = UINT32_MAX;
		break;
	case 10:	/* extension at its limits */
		c->watchdog_ms = UINT32_MAX;
		for (size_t i = 0; i < c->mem.n; i++)
			c->mem.v[i].scrub = JH_SCRUB_PRESERVE;
		for (size_t i = 0; i < c->cache.n; i++)
			c->cache.v[i].level = JH_CACHE_LEVEL_L2;
		root->l2_isolation = true;
		break;
	case 11:	/* empty cells: no arrays at all */
		for (size_t k = 1; k < 3; k++) {
			struct jh_cell *e = &s->cells.v[k];

			e->mem.n = e->cache.n = e->irqchips.n = e->pio.n = 0;
			e->pci.n = e->caps.n = e->stream_ids.n = 0;
			memset(&e->console, 0, sizeof(e->console));
			e->flags = 0;
			e->vpci_irq_base = 0;
			e->cpu_reset_address = 0;
			e->msg_reply_timeout = 0;
			e->id = 0;
		}
		break;
	}
}

#define NUM_EDGES 12

START_TEST(edge_values_survive_yaml)
{
	struct jh_system sys, rb, parsed;
	struct jh_diags d;
	uint8_t *img[3], *img2[3];
	size_t len[3], len2[3];
	char *yaml = NULL;
	size_t yaml_len = 0;
	FILE *f;

	jh_diags_init(&d);
	sample_system(&sys, 1);
	edge(&sys, _i);
	write_all(&sys, img, len, &d);
	ck_assert_uint_eq(d.errors, 0);
	jh_system_init(&rb);
	for (size_t c = 0; c < 3; c++) {
		if (!jh_image_read(img[c], len[c], "x.cell", &d, &rb)) {
			jh_diags_print(&d, stderr, false, false);
			ck_abort_msg("edge %d: image %zu not read back", _i, c);
		}
	}
	f = open_memstream(&yaml, &yaml_len);
	ck_assert(jh_emit_image_form(&rb, f, &d));
	fclose(f);
	jh_system_init(&parsed);
	if (!jh_front_load_buffer("dump.yaml", yaml, yaml_len, &d, &parsed)) {
		jh_diags_print(&d, stderr, false, false);
		ck_abort_msg("edge %d: front end rejects the dump", _i);
	}
	write_all(&parsed, img2, len2, &d);
	for (size_t c = 0; c < 3; c++) {
		ck_assert_msg(img2[c] && len2[c] == len[c] &&
			      memcmp(img2[c], img[c], len[c]) == 0,
			      "edge %d: image %zu not reproduced via YAML:\n%s",
			      _i, c, yaml);
		free(img[c]);
		free(img2[c]);
	}
	free(yaml);
	jh_system_free(&parsed);
	jh_system_free(&rb);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("image-yaml");
	TCase *t = tcase_create("roundtrip");
	SRunner *sr;
	int failed;

	tcase_set_timeout(t, 600);
	tcase_add_loop_test(t, yaml_roundtrip_identical, 0, SAMPLE_VARIANTS);
	tcase_add_loop_test(t, accepted_corruptions_survive_yaml, 0,
			    SAMPLE_VARIANTS);
	tcase_add_loop_test(t, edge_values_survive_yaml, 0, NUM_EDGES);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
