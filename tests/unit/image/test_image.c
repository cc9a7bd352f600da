// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the image reader and writer (compiler/image):
 *  - the writer's layout against the packed structs of the ABI header
 *    (an independent way of producing the same bytes);
 *  - image -> model -> image is byte-identical for hand-built systems that
 *    use every flag, console, IOMMU, PCI, capability and cache kind;
 *  - every accepted image is canonical: any corruption the reader accepts
 *    is reproduced exactly by the writer; every truncation is rejected;
 *  - --abi=jailhouse-r14 names each extension feature where it was asked;
 *  - the extension block layout; multi-image reads; atomic file writes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image/image.h"
#include "image/image-file.h"
#include "image/image-raw.h"
#include "jh-cell-ext.h"
#include "jh-cell-format.h"
#include "sample.h"

/* ------------------------------------------------ independent layout */

static void fill_console(struct jh_console *o, const struct jh_console_desc *c)
{
	o->address = c->address;
	o->size = c->size;
	o->type = c->type;
	o->flags = c->flags;
	o->divider = c->divider;
	o->gate_nr = c->gate_nr;
	o->clock_reg = c->clock_reg;
}

/* Expected standard image of a cell via the header's packed structs. */
static uint8_t *expect_cell(const struct jh_system *sys, size_t idx,
			    size_t *len)
{
	const struct jh_cell *c = &sys->cells.v[idx];
	struct jh_cell_desc d;
	uint8_t *img, *p;

	memset(&d, 0, sizeof(d));
	d.cpu_set_size = c->cpu_set_size;
	d.num_memory_regions = (jh_u32)c->mem.n;
	d.num_cache_regions = (jh_u32)c->cache.n;
	d.num_irqchips = (jh_u32)c->irqchips.n;
	d.num_pio_regions = (jh_u32)c->pio.n;
	d.num_pci_devices = (jh_u32)c->pci.n;
	d.num_pci_caps = (jh_u32)c->caps.n;
	d.num_stream_ids = (jh_u32)c->stream_ids.n;
	*len = (size_t)jh_cell_image_size(&d);
	img = calloc(1, *len);
	if (!c->is_root) {
		memcpy(d.signature, JH_CELL_SIGNATURE, 5);
		d.architecture = sys->arch;
		d.revision = JH_CONFIG_REVISION;
	}
	strcpy(d.name, c->name);
	d.id = c->id;
	d.flags = c->flags;
	d.vpci_irq_base = c->vpci_irq_base;
	d.cpu_reset_address = c->cpu_reset_address;
	d.msg_reply_timeout = c->msg_reply_timeout;
	fill_console(&d.console, &c->console);
	memcpy(img, &d, sizeof(d));
	p = img + sizeof(d);
	memcpy(p, c->cpu_set, c->cpu_set_size);
	p += c->cpu_set_size;
	for (size_t i = 0; i < c->mem.n; i++, p += sizeof(struct jh_memory)) {
		struct jh_memory m = { c->mem.v[i].phys_start,
				       c->mem.v[i].virt_start,
				       c->mem.v[i].size, c->mem.v[i].flags };
		memcpy(p, &m, sizeof(m));
	}
	for (size_t i = 0; i < c->cache.n; i++, p += sizeof(struct jh_cache)) {
		struct jh_cache k = { c->cache.v[i].start, c->cache.v[i].size,
				      c->cache.v[i].type, 0,
				      c->cache.v[i].flags };
		memcpy(p, &k, sizeof(k));
	}
	for (size_t i = 0; i < c->irqchips.n;
	     i++, p += sizeof(struct jh_irqchip)) {
		struct jh_irqchip q;

		q.address = c->irqchips.v[i].address;
		q.id = c->irqchips.v[i].id;
		q.pin_base = c->irqchips.v[i].pin_base;
		memcpy(q.pin_bitmap, c->irqchips.v[i].pin_bitmap, 16);
		memcpy(p, &q, sizeof(q));
	}
	for (size_t i = 0; i < c->pio.n; i++, p += sizeof(struct jh_pio)) {
		struct jh_pio o = { c->pio.v[i].base, c->pio.v[i].length };
		memcpy(p, &o, sizeof(o));
	}
	for (size_t i = 0; i < c->pci.n;
	     i++, p += sizeof(struct jh_pci_device)) {
		const struct jh_pci_dev *v = &c->pci.v[i];
		struct jh_pci_device o;

		memset(&o, 0, sizeof(o));
		o.type = v->type;
		o.iommu = v->iommu;
		o.domain = v->domain;
		o.bdf = v->bdf;
		memcpy(o.bar_mask, v->bar_mask, sizeof(o.bar_mask));
		o.caps_start = v->caps_start;
		o.num_caps = v->num_caps;
		o.num_msi_vectors = v->num_msi_vectors;
		o.msi_flags = v->msi_flags;
		o.num_msix_vectors = v->num_msix_vectors;
		o.msix_region_size = v->msix_region_size;
		o.msix_address = v->msix_address;
		o.shmem_regions_start = v->shmem_regions_start;
		o.shmem_dev_id = v->shmem_dev_id;
		o.shmem_peers = v->shmem_peers;
		o.shmem_protocol = v->shmem_protocol;
		memcpy(p, &o, sizeof(o));
	}
	for (size_t i = 0; i < c->caps.n;
	     i++, p += sizeof(struct jh_pci_capability)) {
		struct jh_pci_capability k = { c->caps.v[i].id,
					       c->caps.v[i].start,
					       c->caps.v[i].len,
					       c->caps.v[i].flags };
		memcpy(p, &k, sizeof(k));
	}
	for (size_t i = 0; i < c->stream_ids.n; i++, p += 4)
		memcpy(p, &c->stream_ids.v[i].id, 4);
	ck_assert_uint_eq((size_t)(p - img), *len);
	return img;
}

static uint8_t *expect_system(const struct jh_system *sys, size_t *len)
{
	struct jh_system_desc s;
	size_t cell_len;
	uint8_t *cell = expect_cell(sys, 0, &cell_len);
	uint8_t *img;

	memset(&s, 0, sizeof(s));
	memcpy(s.signature, JH_SYSTEM_SIGNATURE, 5);
	s.architecture = sys->arch;
	s.revision = JH_CONFIG_REVISION;
	s.flags = sys->flags;
	s.hypervisor_memory.phys_start = sys->hypervisor_memory.phys_start;
	s.hypervisor_memory.virt_start = sys->hypervisor_memory.virt_start;
	s.hypervisor_memory.size = sys->hypervisor_memory.size;
	s.hypervisor_memory.flags = sys->hypervisor_memory.flags;
	fill_console(&s.debug_console, &sys->debug_console);
	s.pci_mmconfig_base = sys->pci_mmconfig_base;
	s.pci_mmconfig_end_bus = sys->pci_mmconfig_end_bus;
	s.pci_is_virtual = sys->pci_is_virtual;
	s.pci_domain = sys->pci_domain;
	for (int i = 0; i < 8; i++) {
		s.iommu_units[i].type = sys->iommu_units[i].type;
		s.iommu_units[i].base = sys->iommu_units[i].base;
		s.iommu_units[i].size = sys->iommu_units[i].size;
		memcpy(s.iommu_units[i].raw, sys->iommu_units[i].raw, 12);
	}
	if (sys->arch == JH_ARCH_X86) {
		s.platform.x86.pm_timer_address =
			sys->platform.x86.pm_timer_address;
		s.platform.x86.apic_mode = sys->platform.x86.apic_mode;
		s.platform.x86.vtd_interrupt_limit =
			sys->platform.x86.vtd_interrupt_limit;
		s.platform.x86.tsc_khz = sys->platform.x86.tsc_khz;
		s.platform.x86.apic_khz = sys->platform.x86.apic_khz;
	} else {
		s.platform.arm.maintenance_irq =
			sys->platform.arm.maintenance_irq;
		s.platform.arm.gic_version = sys->platform.arm.gic_version;
		s.platform.arm.gicd_base = sys->platform.arm.gicd_base;
		s.platform.arm.gicc_base = sys->platform.arm.gicc_base;
		s.platform.arm.gich_base = sys->platform.arm.gich_base;
		s.platform.arm.gicv_base = sys->platform.arm.gicv_base;
		s.platform.arm.gicr_base = sys->platform.arm.gicr_base;
	}
	*len = sizeof(s) - sizeof(struct jh_cell_desc) + cell_len;
	img = calloc(1, *len);
	memcpy(img, &s, sizeof(s) - sizeof(struct jh_cell_desc));
	memcpy(img + sizeof(s) - sizeof(struct jh_cell_desc), cell, cell_len);
	free(cell);
	return img;
}

START_TEST(layout_matches_header)
{
	struct jh_system sys;
	struct jh_diags d;
	size_t len, exp_len;
	uint8_t *img, *exp;

	jh_diags_init(&d);
	sample_system(&sys, _i);
	img = jh_image_write_system(&sys, JH_ABI_JH, &d, &len);
	ck_assert_ptr_nonnull(img);
	exp = expect_system(&sys, &exp_len);
	/* the extension (variant 2: root cell) comes after the standard part */
	ck_assert_uint_ge(len, exp_len);
	ck_assert_int_eq(len > exp_len, _i == 2);
	ck_assert_mem_eq(img, exp, exp_len);
	free(img);
	free(exp);
	for (size_t c = 1; c < sys.cells.n; c++) {
		img = jh_image_write_cell(&sys, c, JH_ABI_JH, &d, &len);
		ck_assert_ptr_nonnull(img);
		exp = expect_cell(&sys, c, &exp_len);
		ck_assert_int_eq(len > exp_len, _i == 0 && c == 1);
		ck_assert_mem_eq(img, exp, exp_len);
		free(img);
		free(exp);
	}
	ck_assert_uint_eq(d.errors, 0);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

/* ------------------------------------------------------- round trips */

/* Read `img` alone into a fresh model and write it again. */
static uint8_t *reread(const uint8_t *img, size_t len, size_t *out_len,
		       struct jh_diags *d)
{
	struct jh_system sys;
	uint8_t *out;

	jh_system_init(&sys);
	if (!jh_image_read(img, len, "test.cell", d, &sys)) {
		jh_system_free(&sys);
		return NULL;
	}
	if (memcmp(img, JH_SYSTEM_SIGNATURE, 5) == 0)
		out = jh_image_write_system(&sys, JH_ABI_JH, d, out_len);
	else
		out = jh_image_write_cell(&sys, sys.cells.n - 1, JH_ABI_JH, d,
					  out_len);
	jh_system_free(&sys);
	return out;
}

START_TEST(image_model_image_identical)
{
	struct jh_system sys;
	struct jh_diags d;

	jh_diags_init(&d);
	sample_system(&sys, _i);
	for (size_t c = 0; c < sys.cells.n; c++) {
		size_t len, len2;
		uint8_t *img = c ? jh_image_write_cell(&sys, c, JH_ABI_JH, &d,
						       &len)
				 : jh_image_write_system(&sys, JH_ABI_JH, &d,
							 &len);
		uint8_t *again;

		ck_assert_ptr_nonnull(img);
		again = reread(img, len, &len2, &d);
		ck_assert_msg(again, "variant %d cell %zu not re-read", _i, c);
		ck_assert_uint_eq(len2, len);
		ck_assert_mem_eq(again, img, len);
		free(again);
		free(img);
	}
	ck_assert_uint_eq(d.errors, 0);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

/* The model the reader builds holds the extension features again. */
START_TEST(extension_features_survive)
{
	struct jh_system sys, back;
	struct jh_diags d;
	size_t len;
	uint8_t *img;
	const struct jh_cell *c;

	jh_diags_init(&d);
	sample_system(&sys, 0);
	img = jh_image_write_cell(&sys, 1, JH_ABI_JH, &d, &len);
	ck_assert_ptr_nonnull(img);
	jh_system_init(&back);
	ck_assert(jh_image_read(img, len, "rt.cell", &d, &back));
	ck_assert_uint_eq(back.cells.n, 1);
	c = &back.cells.v[0];
	ck_assert_str_eq(c->name, "rt-cell");
	ck_assert_uint_eq(c->watchdog_ms, 250);
	ck_assert(c->allow_hv_probe);
	ck_assert(c->l2_isolation);
	ck_assert_int_eq(c->mem.v[0].scrub, JH_SCRUB_PRESERVE);
	ck_assert_int_eq(c->mem.v[1].scrub, JH_SCRUB_DEFAULT);
	ck_assert_int_eq(c->mem.v[2].scrub, JH_SCRUB_PRESERVE);
	ck_assert_int_eq(c->cache.v[0].level, JH_CACHE_LEVEL_L3);
	ck_assert_int_eq(c->cache.v[1].level, JH_CACHE_LEVEL_L2);
	/* locations name the image offset of the item */
	ck_assert_str_eq(c->mem.v[3].loc.array, "memory_regions");
	ck_assert_int_eq(c->mem.v[3].loc.index, 3);
	ck_assert_int_eq(c->mem.v[3].loc.offset,
			 132 + (int64_t)c->cpu_set_size + 3 * 32);
	free(img);
	jh_system_free(&back);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

/* Exact extension block bytes for variant 0's rt-cell. */
START_TEST(extension_block_layout)
{
	struct jh_system sys;
	struct jh_diags d;
	size_t len, std_len;
	uint8_t *img, *std, *e;
	static const uint8_t expect[] = {
		'J', 'H', 'E', 'X', 'T', 0, 1, 0, 16, 0, 4, 0, 52, 0, 0, 0,
		/* cell flags: hv probe | l2 isolation */
		1, 0, 4, 0, 3, 0, 0, 0,
		/* watchdog 250 ms */
		2, 0, 4, 0, 250, 0, 0, 0,
		/* preserved regions 0 and 2 */
		3, 0, 8, 0, 0, 0, 0, 0, 2, 0, 0, 0,
		/* L2 cache regions: 1 */
		4, 0, 4, 0, 1, 0, 0, 0,
	};

	jh_diags_init(&d);
	sample_system(&sys, 0);
	img = jh_image_write_cell(&sys, 1, JH_ABI_JH, &d, &len);
	std = expect_cell(&sys, 1, &std_len);
	ck_assert_uint_eq(len, std_len + sizeof(expect));
	e = img + std_len;
	ck_assert_mem_eq(e, expect, sizeof(expect));
	free(img);
	free(std);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

/* ------------------------------------------------ jailhouse-r14 ABI */

START_TEST(r14_refuses_extension_features)
{
	struct jh_system sys;
	struct jh_diags d;
	size_t len;
	struct jh_loc wd = JH_LOC_NONE;
	bool saw_watchdog = false;

	jh_diags_init(&d);
	sample_system(&sys, 0);
	wd.file = "scenario.yaml";
	wd.line = 42;
	wd.col = 17;
	sys.cells.v[1].watchdog_loc = wd;
	ck_assert_ptr_null(jh_image_write_cell(&sys, 1, JH_ABI_JAILHOUSE_R14,
					       &d, &len));
	/* watchdog, hv probe, l2 isolation, 2 preserved, 1 L2 partition */
	ck_assert_uint_eq(d.errors, 6);
	for (size_t i = 0; i < d.n; i++) {
		ck_assert_ptr_nonnull(strstr(d.v[i].msg, "rt-cell"));
		ck_assert_ptr_nonnull(strstr(d.v[i].msg, "revision 14"));
		if (strstr(d.v[i].msg, "watchdog")) {
			saw_watchdog = true;
			ck_assert_uint_eq(d.v[i].loc.line, 42);
			ck_assert_str_eq(d.v[i].loc.file, "scenario.yaml");
		}
	}
	ck_assert(saw_watchdog);
	/* the other cells and the system image need no extension */
	for (size_t c = 2; c < sys.cells.n; c++) {
		uint8_t *img = jh_image_write_cell(&sys, c,
						   JH_ABI_JAILHOUSE_R14, &d,
						   &len);
		ck_assert_ptr_nonnull(img);
		free(img);
	}
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

START_TEST(r14_same_bytes_without_features)
{
	struct jh_system sys;
	struct jh_diags d;
	size_t a_len, b_len;
	uint8_t *a, *b;

	jh_diags_init(&d);
	sample_system(&sys, 1);
	a = jh_image_write_system(&sys, JH_ABI_JH, &d, &a_len);
	b = jh_image_write_system(&sys, JH_ABI_JAILHOUSE_R14, &d, &b_len);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(a_len, b_len);
	ck_assert_mem_eq(a, b, a_len);
	ck_assert_uint_eq(d.errors, 0);
	free(a);
	free(b);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

/* --------------------------------------------------- robustness */

static void all_images(int variant, uint8_t **imgs, size_t *lens, size_t *n)
{
	struct jh_system sys;
	struct jh_diags d;

	jh_diags_init(&d);
	sample_system(&sys, variant);
	imgs[0] = jh_image_write_system(&sys, JH_ABI_JH, &d, &lens[0]);
	for (size_t c = 1; c < sys.cells.n; c++)
		imgs[c] = jh_image_write_cell(&sys, c, JH_ABI_JH, &d,
					      &lens[c]);
	*n = sys.cells.n;
	ck_assert_uint_eq(d.errors, 0);
	jh_system_free(&sys);
	jh_diags_free(&d);
}

START_TEST(every_truncation_rejected)
{
	uint8_t *imgs[3];
	size_t lens[3], n;

	all_images(_i, imgs, lens, &n);
	for (size_t k = 0; k < n; k++) {
		for (size_t cut = 0; cut < lens[k]; cut++) {
			struct jh_system sys;
			struct jh_diags d;
			uint8_t *copy = malloc(cut ? cut : 1);

			memcpy(copy, imgs[k], cut);
			jh_diags_init(&d);
			jh_system_init(&sys);
			/* Cutting off exactly the extension block leaves a
			 * valid revision 14 image; any other cut fails. */
			if (cut + 5 <= lens[k] &&
			    memcmp(imgs[k] + cut, "JHEXT", 5) == 0) {
				ck_assert(jh_image_read(copy, cut, "cut.cell",
							&d, &sys));
			} else {
				ck_assert_msg(!jh_image_read(copy, cut,
							     "cut.cell", &d,
							     &sys),
					      "image %zu cut to %zu bytes "
					      "accepted", k, cut);
				ck_assert_uint_gt(d.errors, 0);
				ck_assert_int_ge(d.v[0].loc.offset, 0);
			}
			jh_system_free(&sys);
			jh_diags_free(&d);
			free(copy);
		}
		free(imgs[k]);
	}
}
END_TEST

/*
 * Flip bits at every position: the reader either rejects the image with
 * an error at an offset, or accepts it, and then the writer must
 * reproduce the corrupted bytes exactly (nothing is lost or normalised).
 */
START_TEST(every_accepted_corruption_is_canonical)
{
	static const uint8_t patterns[] = { 0x01, 0x80, 0xff };
	uint8_t *imgs[3];
	size_t lens[3], n;

	all_images(_i, imgs, lens, &n);
	for (size_t k = 0; k < n; k++) {
		uint8_t *copy = malloc(lens[k]);

		for (size_t pos = 0; pos < lens[k]; pos++) {
			for (size_t p = 0; p < sizeof(patterns); p++) {
				struct jh_diags d;
				size_t len2;
				uint8_t *again;

				memcpy(copy, imgs[k], lens[k]);
				copy[pos] ^= patterns[p];
				jh_diags_init(&d);
				again = reread(copy, lens[k], &len2, &d);
				if (again) {
					ck_assert_uint_eq(len2, lens[k]);
					ck_assert_msg(memcmp(again, copy,
							     len2) == 0,
						      "image %zu byte %zu ^ "
						      "0x%02x accepted but "
						      "not reproduced", k,
						      pos, patterns[p]);
					free(again);
				} else {
					ck_assert_uint_gt(d.errors, 0);
					ck_assert_int_ge(d.v[0].loc.offset,
							 0);
				}
				jh_diags_free(&d);
			}
		}
		free(copy);
		free(imgs[k]);
	}
}
END_TEST

/* A message containing `needle` was reported at byte `offset`. */
static void expect_error(const uint8_t *img, size_t len, int64_t offset,
			 const char *needle)
{
	struct jh_system sys;
	struct jh_diags d;
	bool found = false;

	jh_diags_init(&d);
	jh_system_init(&sys);
	ck_assert(!jh_image_read(img, len, "bad.cell", &d, &sys));
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].loc.offset == offset &&
		    strstr(d.v[i].msg, needle))
			found = true;
	if (!found)
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "got: @%lld %s\n",
				(long long)d.v[i].loc.offset, d.v[i].msg);
	ck_assert_msg(found, "no error '%s' at offset %lld", needle,
		      (long long)offset);
	jh_system_free(&sys);
	jh_diags_free(&d);
}

START_TEST(reader_names_offset_and_field)
{
	uint8_t *imgs[3];
	size_t lens[3], n;
	uint8_t *c, *s;
	size_t pci0, off;
	const size_t cpus = 16, mem = 8, cache = 4, irq = 3, pio = 3;

	all_images(0, imgs, lens, &n);
	s = imgs[0];
	c = imgs[2];	/* linux-2: no extension, cpu set of 16 bytes */
	pci0 = 132 + cpus + 32 * mem + 12 * cache + 32 * irq + 4 * pio;

	c[6] = 13;
	expect_error(c, lens[2], 6, "revision: 13 is not supported");
	c[6] = 14;
	c[5] = 7;
	expect_error(c, lens[2], 5, "architecture: unknown value 7");
	c[5] = 2;
	c[0] = 'X';
	expect_error(c, lens[2], 0, "signature: not a jh/Jailhouse image");
	c[0] = 'J';
	memset(c + 8, 'a', 32);
	expect_error(c, lens[2], 8, "name: not NUL-terminated");
	memset(c + 8, 0, 32);
	memcpy(c + 8, "x\0y", 3);
	expect_error(c, lens[2], 9, "name: bytes after the terminating NUL");
	memset(c + 8, 0, 32);
	memcpy(c + 8, "linux-2", 7);
	c[pci0 + 1] = 8;
	expect_error(c, lens[2], (int64_t)pci0 + 1, "iommu: index 8 out of "
		     "range");
	c[pci0 + 1] = 1;
	c[pci0 + 30] = 4;	/* caps 4..7 of 5 */
	expect_error(c, lens[2], (int64_t)pci0 + 30, "caps_start: "
		     "capabilities 4..7 out of range");
	c[pci0 + 30] = 0;
	off = pci0 + 2 * 56 + 48;
	c[off] = 5;		/* regions 5..9 of 8 */
	expect_error(c, lens[2], (int64_t)off, "shmem_regions_start: "
		     "regions 5..9");
	c[off] = 4;
	off = 132 + cpus + 32 * mem + 9;
	c[off] = 1;
	expect_error(c, lens[2], (int64_t)off, "padding: must be 0");
	c[off] = 0;
	c[52] = 0xff;		/* num_memory_regions */
	expect_error(c, lens[2], 52, "num_memory_regions: 255 entries");
	c[52] = (uint8_t)mem;

	/* trailing bytes that are not an extension */
	{
		uint8_t *t = calloc(1, lens[2] + 3);

		memcpy(t, c, lens[2]);
		expect_error(t, lens[2] + 3, (int64_t)lens[2],
			     "3 trailing bytes");
		free(t);
	}
	/* embedded root cell must have a zero head */
	s[356] = 'J';
	expect_error(s, lens[0], 356, "root_cell.signature");
	s[356] = 0;
	expect_error(s, 300, 300, "system descriptor: truncated");
	for (size_t k = 0; k < n; k++)
		free(imgs[k]);
}
END_TEST

START_TEST(extension_block_validated)
{
	uint8_t *imgs[3];
	size_t lens[3], n, std;
	uint8_t *c;

	all_images(0, imgs, lens, &n);
	c = imgs[1];
	std = lens[1] - 52;
	ck_assert_mem_eq(c + std, "JHEXT", 5);
	c[std + 6] = 2;
	expect_error(c, lens[1], (int64_t)std + 6, "version: 2 is not supported");
	c[std + 6] = 1;
	c[std + 12] = 60;
	expect_error(c, lens[1], (int64_t)std + 12, "total_length");
	c[std + 12] = 52;
	c[std + 16] = 9;	/* a record type this reader does not know */
	expect_error(c, lens[1], (int64_t)std + 16, "record type");
	c[std + 16] = 1;
	c[std + 20] = 0x10;	/* unknown cell flag */
	expect_error(c, lens[1], (int64_t)std + 20, "cell flags");
	c[std + 20] = 3;
	c[std + 28] = 0;	/* watchdog 0 */
	expect_error(c, lens[1], (int64_t)std + 28, "watchdog");
	c[std + 28] = 250;
	c[std + 36] = 2;	/* preserve [2, 2] */
	expect_error(c, lens[1], (int64_t)std + 40, "strictly increasing");
	c[std + 36] = 0;
	c[std + 48] = 4;	/* L2 cache index 4 of 4 */
	expect_error(c, lens[1], (int64_t)std + 48, "index 4 out of range");
	c[std + 48] = 1;
	for (size_t k = 0; k < n; k++)
		free(imgs[k]);
}
END_TEST

/* ------------------------------------------------ several images */

START_TEST(read_several_images)
{
	uint8_t *imgs[3];
	size_t lens[3], n;
	struct jh_system sys;
	struct jh_diags d;

	all_images(1, imgs, lens, &n);
	jh_diags_init(&d);
	jh_system_init(&sys);
	/* cells first, the system image last: the root still goes first */
	ck_assert(jh_image_read(imgs[2], lens[2], "b.cell", &d, &sys));
	ck_assert(jh_image_read(imgs[1], lens[1], "a.cell", &d, &sys));
	ck_assert(jh_image_read(imgs[0], lens[0], "sys.cell", &d, &sys));
	ck_assert_uint_eq(sys.cells.n, 3);
	ck_assert(sys.cells.v[0].is_root);
	ck_assert_str_eq(sys.cells.v[0].name, "root");
	ck_assert_str_eq(sys.cells.v[1].name, "linux-2");
	ck_assert_str_eq(sys.cells.v[2].name, "rt-cell");
	ck_assert_str_eq(sys.cells.v[2].image_file, "a.cell");
	/* a second system image is refused */
	ck_assert(!jh_image_read(imgs[0], lens[0], "sys2.cell", &d, &sys));
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "second system image"));
	jh_system_free(&sys);
	jh_diags_free(&d);

	/* architectures must agree */
	jh_diags_init(&d);
	jh_system_init(&sys);
	ck_assert(jh_image_read(imgs[1], lens[1], "a.cell", &d, &sys));
	imgs[2][5] = JH_ARCH_ARM64;
	ck_assert(!jh_image_read(imgs[2], lens[2], "b.cell", &d, &sys));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "architecture: arm64, but"));
	jh_system_free(&sys);
	jh_diags_free(&d);
	for (size_t k = 0; k < n; k++)
		free(imgs[k]);
}
END_TEST

/* ------------------------------------------------ files */

START_TEST(atomic_write_and_load)
{
	char dir[] = "/tmp/jh-image-test-XXXXXX";
	char path[128], bad_path[160];
	struct jh_diags d;
	const char data[] = "0123456789";
	uint8_t *back;
	size_t len;
	struct stat st;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/x.cell", dir);
	snprintf(bad_path, sizeof(bad_path), "%s/missing/x.cell", dir);
	jh_diags_init(&d);
	ck_assert(jh_write_file_atomic(path, data, 10, &d));
	ck_assert(jh_write_file_atomic(path, data, 5, &d));	/* replace */
	back = jh_image_load_file(path, &len, &d);
	ck_assert_ptr_nonnull(back);
	ck_assert_uint_eq(len, 5);
	ck_assert_mem_eq(back, data, 5);
	free(back);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert(!jh_write_file_atomic(bad_path, data, 10, &d));
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_ptr_null(jh_image_load_file(bad_path, &len, &d));
	ck_assert_uint_eq(d.errors, 2);
	unlink(path);
	rmdir(dir);
	jh_diags_free(&d);
}
END_TEST

START_TEST(raw_listing_names_fields)
{
	uint8_t *imgs[3];
	size_t lens[3], n;
	struct jh_diags d;
	char *text = NULL;
	size_t text_len = 0;
	FILE *out = open_memstream(&text, &text_len);

	all_images(0, imgs, lens, &n);
	jh_diags_init(&d);
	ck_assert(jh_image_print_raw(imgs[1], lens[1], "rt.cell", &d, out));
	ck_assert(jh_image_print_raw(imgs[0], lens[0], "sys.cell", &d, out));
	fclose(out);
	ck_assert_ptr_nonnull(strstr(text, "0x000008  32  name = \"rt-cell\""));
	ck_assert_ptr_nonnull(strstr(text, "pci_devices[2].shmem_peers = 0x2"));
	ck_assert_ptr_nonnull(strstr(text, "extension.magic = \"JHEXT\""));
	ck_assert_ptr_nonnull(strstr(text, "0x000138  1   platform.arm."
				     "maintenance_irq = 0x19 (25)"));
	ck_assert_ptr_nonnull(strstr(text, "root_cell.name = \"root\""));
	free(text);
	/* a malformed image prints nothing and reports */
	text = NULL;
	out = open_memstream(&text, &text_len);
	ck_assert(!jh_image_print_raw(imgs[1], 100, "rt.cell", &d, out));
	fclose(out);
	ck_assert_uint_eq(text_len, 0);
	ck_assert_uint_eq(d.errors, 1);
	free(text);
	jh_diags_free(&d);
	for (size_t k = 0; k < n; k++)
		free(imgs[k]);
}
END_TEST

/* The samples really use every kind and flag the format defines. */
START_TEST(samples_cover_every_kind)
{
	uint32_t con_types = 0, iommu_types = 0, pci_types = 0, cache_types = 0;
	uint64_t mem_flags = 0;
	uint32_t cell_flags = 0, sys_flags = 0, con_flags = 0, cap_flags = 0;
	uint32_t cache_flags = 0, msi_flags = 0;
	bool ext_cap = false, std_cap = false;

	for (int v = 0; v < SAMPLE_VARIANTS; v++) {
		struct jh_system sys;

		sample_system(&sys, v);
		sys_flags |= sys.flags;
		con_types |= 1u << (sys.debug_console.type & 31);
		con_flags |= sys.debug_console.flags;
		for (int i = 0; i < 8; i++)
			iommu_types |= 1u << (sys.iommu_units[i].type & 31);
		for (size_t c = 0; c < sys.cells.n; c++) {
			const struct jh_cell *cell = &sys.cells.v[c];

			cell_flags |= cell->flags;
			con_types |= 1u << (cell->console.type & 31);
			con_flags |= cell->console.flags;
			for (size_t i = 0; i < cell->mem.n; i++)
				mem_flags |= cell->mem.v[i].flags;
			for (size_t i = 0; i < cell->cache.n; i++) {
				cache_types |= 1u << (cell->cache.v[i].type & 31);
				cache_flags |= cell->cache.v[i].flags;
			}
			for (size_t i = 0; i < cell->pci.n; i++) {
				pci_types |= 1u << (cell->pci.v[i].type & 31);
				msi_flags |= cell->pci.v[i].msi_flags;
			}
			for (size_t i = 0; i < cell->caps.n; i++) {
				cap_flags |= cell->caps.v[i].flags;
				ext_cap |= (cell->caps.v[i].id & JH_PCI_EXT_CAP) != 0;
				std_cap |= !(cell->caps.v[i].id & JH_PCI_EXT_CAP);
			}
		}
		jh_system_free(&sys);
	}
	ck_assert_uint_eq(con_types & 0x7ff, 0x7ff);	/* types 0..10 */
	ck_assert_uint_eq(iommu_types & 0x3f, 0x3f);	/* types 0..5 */
	ck_assert_uint_eq(pci_types & 0xe, 0xe);	/* types 1..3 */
	ck_assert_uint_eq(cache_types & 0xe, 0xe);	/* types 1..3 */
	ck_assert_uint_eq(mem_flags & JH_MEM_FLAGS_KNOWN, JH_MEM_FLAGS_KNOWN);
	ck_assert_uint_eq(cell_flags & JH_CELL_FLAGS_KNOWN,
			  JH_CELL_FLAGS_KNOWN);
	ck_assert_uint_eq(sys_flags & JH_SYS_FLAGS_KNOWN, JH_SYS_FLAGS_KNOWN);
	ck_assert_uint_eq(con_flags & JH_CON_FLAGS_KNOWN, JH_CON_FLAGS_KNOWN);
	ck_assert_uint_eq(cache_flags & JH_CACHE_FLAGS_KNOWN,
			  JH_CACHE_FLAGS_KNOWN);
	ck_assert_uint_eq(cap_flags & JH_PCICAPS_WRITE, JH_PCICAPS_WRITE);
	ck_assert_uint_eq(msi_flags, JH_PCI_MSI_64BITS | JH_PCI_MSI_MASKABLE);
	ck_assert(ext_cap && std_cap);
}
END_TEST

static Suite *image_suite(void)
{
	Suite *s = suite_create("image");
	TCase *t = tcase_create("image");

	tcase_set_timeout(t, 600);
	tcase_add_loop_test(t, layout_matches_header, 0, SAMPLE_VARIANTS);
	tcase_add_loop_test(t, image_model_image_identical, 0,
			    SAMPLE_VARIANTS);
	tcase_add_test(t, extension_features_survive);
	tcase_add_test(t, extension_block_layout);
	tcase_add_test(t, r14_refuses_extension_features);
	tcase_add_test(t, r14_same_bytes_without_features);
	tcase_add_loop_test(t, every_truncation_rejected, 0, SAMPLE_VARIANTS);
	tcase_add_loop_test(t, every_accepted_corruption_is_canonical, 0,
			    SAMPLE_VARIANTS);
	tcase_add_test(t, reader_names_offset_and_field);
	tcase_add_test(t, extension_block_validated);
	tcase_add_test(t, read_several_images);
	tcase_add_test(t, atomic_write_and_load);
	tcase_add_test(t, raw_listing_names_fields);
	tcase_add_test(t, samples_cover_every_kind);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(image_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
