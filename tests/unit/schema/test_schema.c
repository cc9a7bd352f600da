// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the ABI header: build images by hand, byte by byte where
 * it matters, and walk them with the header's helpers.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"
#include "jh-cell-interface.h"

static uint64_t rd_le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Counts used for the hand-built cell: every array non-empty. */
enum { CPUSET = 8, MEM = 3, CACHE = 2, IRQ = 2, PIO = 4, PCI = 2, CAPS = 5,
       SIDS = 3 };

static uint8_t *build_cell(size_t *len)
{
	size_t size = 132 + CPUSET + 32 * MEM + 12 * CACHE + 32 * IRQ +
		      4 * PIO + 56 * PCI + 8 * CAPS + 4 * SIDS;
	uint8_t *img = calloc(1, size);
	struct jh_cell_desc *c = (struct jh_cell_desc *)img;
	uint8_t *p;

	memcpy(c->signature, JH_CELL_SIGNATURE, 5);
	c->architecture = JH_ARCH_ARM64;
	c->revision = JH_CONFIG_REVISION;
	strcpy(c->name, "rt-cell");
	c->cpu_set_size = CPUSET;
	c->num_memory_regions = MEM;
	c->num_cache_regions = CACHE;
	c->num_irqchips = IRQ;
	c->num_pio_regions = PIO;
	c->num_pci_devices = PCI;
	c->num_pci_caps = CAPS;
	c->num_stream_ids = SIDS;

	/* Fill each array with its index markers, computed independently. */
	p = img + 132;
	p[0] = 0x0c;				/* CPUs 2 and 3 */
	p += CPUSET;
	for (int i = 0; i < MEM; i++, p += 32)
		p[0] = 0x10 + i;		/* phys_start low byte */
	for (int i = 0; i < CACHE; i++, p += 12)
		p[8] = JH_CACHE_L3;
	for (int i = 0; i < IRQ; i++, p += 32) {
		p[12] = 32 * (i + 1);		/* pin_base */
		p[16] = 0x02;			/* pin_base + 1 */
	}
	for (int i = 0; i < PIO; i++, p += 4)
		p[0] = 0x40 + i;
	for (int i = 0; i < PCI; i++, p += 56) {
		p[0] = JH_PCI_TYPE_IVSHMEM;
		p[4] = 0x08 * (i + 1);		/* bdf low byte */
		p[54] = 0x01;			/* shmem_protocol veth */
	}
	for (int i = 0; i < CAPS; i++, p += 8)
		p[2] = 0x40 + 8 * i;
	for (int i = 0; i < SIDS; i++, p += 4)
		p[0] = 0x20 + i;
	ck_assert_uint_eq((size_t)(p - img), size);
	*len = size;
	return img;
}

START_TEST(cell_sizes_and_arrays)
{
	size_t len;
	uint8_t *img = build_cell(&len);
	const struct jh_cell_desc *c = (const void *)img;

	ck_assert_uint_eq(jh_cell_image_size(c), len);
	ck_assert_uint_eq(jh_cell_image_size(c),
			  132 + 8 + 96 + 24 + 64 + 16 + 112 + 40 + 12);
	ck_assert(jh_cell_has_cpu(c, 2));
	ck_assert(jh_cell_has_cpu(c, 3));
	ck_assert(!jh_cell_has_cpu(c, 1));
	ck_assert(!jh_cell_has_cpu(c, 64));	/* beyond the set */

	for (int i = 0; i < MEM; i++)
		ck_assert_uint_eq(jh_cell_mem_regions(c)[i].phys_start,
				  0x10u + i);
	for (int i = 0; i < CACHE; i++)
		ck_assert_uint_eq(jh_cell_cache_regions(c)[i].type,
				  JH_CACHE_L3);
	for (int i = 0; i < IRQ; i++) {
		const struct jh_irqchip *chip = &jh_cell_irqchips(c)[i];

		ck_assert_uint_eq(chip->pin_base, 32u * (i + 1));
		ck_assert(jh_irqchip_has_pin(chip, chip->pin_base + 1));
		ck_assert(!jh_irqchip_has_pin(chip, chip->pin_base));
		ck_assert(!jh_irqchip_has_pin(chip, chip->pin_base + 128));
		ck_assert(!jh_irqchip_has_pin(chip, 0));
	}
	for (int i = 0; i < PIO; i++)
		ck_assert_uint_eq(jh_cell_pio_regions(c)[i].base, 0x40u + i);
	for (int i = 0; i < PCI; i++) {
		const struct jh_pci_device *d = &jh_cell_pci_devices(c)[i];

		ck_assert_uint_eq(d->type, JH_PCI_TYPE_IVSHMEM);
		ck_assert_uint_eq(d->bdf, JH_PCI_BDF(0, i + 1, 0));
		ck_assert_uint_eq(d->shmem_protocol, JH_SHMEM_PROTO_VETH);
	}
	for (int i = 0; i < CAPS; i++)
		ck_assert_uint_eq(jh_cell_pci_caps(c)[i].start, 0x40u + 8 * i);
	for (int i = 0; i < SIDS; i++)
		ck_assert_uint_eq(jh_cell_stream_ids(c)[i], 0x20u + i);

	/* Offsets agree with the pointer helpers and end at the image end. */
	ck_assert_uint_eq(jh_cell_array_offset(c, JH_ARRAY_MEMORY),
			  (const uint8_t *)jh_cell_mem_regions(c) - img);
	ck_assert_uint_eq(jh_cell_array_offset(c, JH_ARRAY_STREAM_ID),
			  (const uint8_t *)jh_cell_stream_ids(c) - img);
	ck_assert_uint_eq(jh_cell_array_offset(c, JH_ARRAY_END), len);
	free(img);
}
END_TEST

START_TEST(cell_header_bytes)
{
	size_t len;
	uint8_t *img = build_cell(&len);
	struct jh_cell_desc *c = (void *)img;

	c->flags = JH_CELL_PASSIVE_COMMREG | JH_CELL_VIRTUAL_CONSOLE_ACTIVE;
	c->cpu_reset_address = 0x1122334455667788ull;
	c->msg_reply_timeout = 0x0102030405060708ull;
	c->console.address = 0x09000000;
	c->console.type = JH_CON_TYPE_PL011;
	c->console.flags = JH_CON_ACCESS_MMIO | JH_CON_REGDIST_4;

	ck_assert_int_eq(memcmp(img, "JHCLL", 5), 0);
	ck_assert_uint_eq(img[5], 2);
	ck_assert_uint_eq(rd_le(img + 6, 2), 14);
	ck_assert_str_eq((const char *)img + 8, "rt-cell");
	ck_assert_uint_eq(rd_le(img + 44, 4), 0x80000001u);
	ck_assert_uint_eq(rd_le(img + 48, 4), CPUSET);
	ck_assert_uint_eq(rd_le(img + 52, 4), MEM);
	ck_assert_uint_eq(rd_le(img + 76, 4), SIDS);
	ck_assert_uint_eq(rd_le(img + 84, 8), 0x1122334455667788ull);
	ck_assert_uint_eq(rd_le(img + 92, 8), 0x0102030405060708ull);
	ck_assert_uint_eq(rd_le(img + 100, 8), 0x09000000);
	ck_assert_uint_eq(rd_le(img + 112, 2), 3);
	ck_assert_uint_eq(rd_le(img + 114, 2), 3);
	free(img);
}
END_TEST

START_TEST(system_image_walk)
{
	/* A system image with a root cell of 1 CPU word and 2 regions. */
	size_t len = 488 + 8 + 2 * 32;
	uint8_t *img = calloc(1, len);
	struct jh_system_desc *s = (void *)img;
	const struct jh_memory *mem;

	memcpy(s->signature, JH_SYSTEM_SIGNATURE, 5);
	s->architecture = JH_ARCH_ARM64;
	s->revision = JH_CONFIG_REVISION;
	s->hypervisor_memory.phys_start = 0x7fc00000;
	s->hypervisor_memory.size = 0x00400000;
	s->platform.arm.gic_version = 3;
	s->platform.arm.gicd_base = 0x08000000;
	s->platform.arm.gicr_base = 0x080a0000;
	s->platform.arm.maintenance_irq = 25;
	s->iommu_units[7].type = JH_IOMMU_AMD;
	s->iommu_units[7].amd.bdf = 0x0002;
	s->iommu_units[7].amd.features = 0xdeadbeef;
	s->root_cell.cpu_set_size = 8;
	s->root_cell.num_memory_regions = 2;
	img[488] = 0x0f;
	memcpy(img + 488 + 8, &(struct jh_memory){ 0x40000000, 0x40000000,
		0x3fc00000, JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE },
		32);
	img[488 + 8 + 32 + 24] = JH_MEM_READ | JH_MEM_IO;

	ck_assert_uint_eq(jh_system_image_size(s), len);
	ck_assert_uint_eq(rd_le(img + 12, 8), 0x7fc00000);
	ck_assert_uint_eq(rd_le(img + 28, 8), 0x00400000);
	ck_assert_uint_eq(img[312], 25);
	ck_assert_uint_eq(img[313], 3);
	ck_assert_uint_eq(rd_le(img + 316, 8), 0x08000000);
	ck_assert_uint_eq(rd_le(img + 348, 8), 0x080a0000);
	/* IOMMU unit 7 starts at 88 + 7 * 28 = 284; AMD features at +20. */
	ck_assert_uint_eq(rd_le(img + 284, 4), JH_IOMMU_AMD);
	ck_assert_uint_eq(rd_le(img + 284 + 16, 2), 2);
	ck_assert_uint_eq(rd_le(img + 284 + 20, 4), 0xdeadbeef);

	ck_assert_uint_eq(jh_cell_cpu_set(&s->root_cell)[0], 0x0f);
	mem = jh_cell_mem_regions(&s->root_cell);
	ck_assert_uint_eq(mem[0].size, 0x3fc00000);
	ck_assert_uint_eq(mem[1].flags, JH_MEM_READ | JH_MEM_IO);
	free(img);
}
END_TEST

START_TEST(sizes_do_not_wrap)
{
	struct jh_cell_desc c;

	memset(&c, 0, sizeof(c));
	c.cpu_set_size = UINT32_MAX;
	c.num_memory_regions = UINT32_MAX;
	c.num_pci_devices = UINT32_MAX;
	ck_assert_uint_eq(jh_cell_image_size(&c),
			  132 + (uint64_t)UINT32_MAX * (1 + 32 + 56));
}
END_TEST

START_TEST(x86_platform_and_comm_region)
{
	struct jh_system_desc s;
	struct jh_comm_region comm;
	const uint8_t *b = (const uint8_t *)&s;

	memset(&s, 0, sizeof(s));
	s.platform.x86.pm_timer_address = 0x608;
	s.platform.x86.apic_mode = JH_APIC_MODE_X2APIC;
	s.platform.x86.tsc_khz = 2000000;
	ck_assert_uint_eq(rd_le(b + 312, 2), 0x608);
	ck_assert_uint_eq(b[314], 2);
	ck_assert_uint_eq(rd_le(b + 320, 4), 2000000);

	memset(&comm, 0, sizeof(comm));
	comm.vpci_irq_base = 108;
	ck_assert_uint_eq(rd_le((const uint8_t *)&comm + 96, 4), 108);
	ck_assert_uint_eq(sizeof(comm), 100);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("layout");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, cell_sizes_and_arrays);
	tcase_add_test(tc, cell_header_bytes);
	tcase_add_test(tc, system_image_walk);
	tcase_add_test(tc, sizes_do_not_wrap);
	tcase_add_test(tc, x86_platform_and_comm_region);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
