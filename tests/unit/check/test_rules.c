// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every rule against models built in C: a clean system breaks in exactly
 * one way and exactly that rule fires; the repaired system is clean.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

#define EXPECT(sys, ids) \
	do { \
		ck_assert_str_eq(fx_run(&(sys)), (ids)); \
		jh_system_free(&(sys)); \
	} while (0)

START_TEST(clean_bases)
{
	struct jh_system s;

	fx_arm(&s);
	EXPECT(s, "");
	fx_arm(&s);
	fx_board(&s);
	EXPECT(s, "");
	fx_x86(&s);
	EXPECT(s, "");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x100000, RWX | JH_MEM_LOADABLE);
	fx_irq(&s, 1, GICD, 32, 34);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW);
	EXPECT(s, "");
}
END_TEST

/* ------------------------------------------------------------ memory */

START_TEST(mem_zero_size)
{
	struct jh_system s;

	fx_arm(&s);
	fx_mem(&s, 0, 0x90000000, 0x90000000, 0, RW);
	EXPECT(s, "mem-zero-size");
	/* the empty read/write section of an ivshmem device is fine */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_ivshmem(&s, 0, 1, 0x90000000);
	fx_c(&s, 0)->mem.v[fx_c(&s, 0)->pci.v[0].shmem_regions_start + 1]
		.size = 0;
	fx_c(&s, 1)->mem.v[fx_c(&s, 1)->pci.v[0].shmem_regions_start + 1]
		.size = 0;
	/* the output sections follow the state table directly then */
	for (size_t c = 0; c < 2; c++)
		for (uint32_t k = 2; k < 4; k++)
			fx_c(&s, c)->mem.v[fx_c(&s, c)->pci.v[0]
				.shmem_regions_start + k].virt_start -= 0x4000;
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_wrap)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0xfffffffffffff000ull, 0x2000, RW);
	EXPECT(s, "mem-wrap");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0xffffffffffffe000ull, 0x2000, RW);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_unaligned)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x1800, RW);
	EXPECT(s, "mem-unaligned");
	/* sub-page is allowed for trapped I/O */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, UART1 + 0x100, UART1 + 0x100, 0x80, IO_RW);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_virt_overlap)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x100000, RW);
	fx_mem(&s, 1, 0x70100000, 0x80000, 0x100000, RW);
	EXPECT(s, "mem-virt-overlap");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x100000, RW);
	fx_mem(&s, 1, 0x70100000, 0x100000, 0x100000, RW);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_phys_alias)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x100000, RW);
	fx_mem(&s, 1, 0x70000000, 0x200000, 0x1000, RW);
	EXPECT(s, "mem-phys-alias");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x100000, RW);
	fx_mem(&s, 1, 0x70100000, 0x200000, 0x1000, RW);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_overlap_cells)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_mem(&s, 1, 0x70000000, 0, 0x200000, RW);
	fx_mem(&s, 2, 0x70100000, 0, 0x200000, RW);
	EXPECT(s, "mem-overlap-cells");
	/* shared in both: allowed; with the root cell: a loan */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_mem(&s, 1, 0x70000000, 0, 0x200000, RW | JH_MEM_ROOTSHARED);
	fx_mem(&s, 2, 0x70100000, 0, 0x200000, RW | JH_MEM_ROOTSHARED);
	EXPECT(s, "");
}
END_TEST

START_TEST(mmio_overlap_cells)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW);
	fx_mem(&s, 2, UART1, UART1, 0x1000, IO_RW);
	EXPECT(s, "mmio-overlap-cells");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW);
	fx_mem(&s, 2, UART1 + 0x1000, UART1, 0x1000, IO_RW);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_hypervisor)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, HV_BASE + 0x100000, 0, 0x100000, RW);
	EXPECT(s, "mem-hypervisor");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, HV_BASE - 0x100000, 0, 0x100000, RW);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_debug_console)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, UART0, UART0, 0x1000, IO_RW);
	EXPECT(s, "mem-debug-console");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_io_flags)
{
	struct jh_system s;

	fx_arm(&s);
	fx_mem(&s, 0, UART1, UART1, 0x1000, IO_RW | JH_MEM_LOADABLE);
	EXPECT(s, "mem-loadable-io");
	fx_arm(&s);
	fx_mem(&s, 0, UART1, UART1, 0x1000, IO_RW | JH_MEM_DMA);
	EXPECT(s, "mem-dma-io");
	fx_arm(&s);
	fx_mem(&s, 0, UART1, UART1, 0x1000, IO_RW | JH_MEM_EXECUTE);
	EXPECT(s, "mem-exec-io");
	fx_arm(&s);
	fx_mem(&s, 0, 0x90000000, 0x90000000, 0x1000,
	       RWX | JH_MEM_DMA | JH_MEM_LOADABLE);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_shared_wx)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x1000, RWX | JH_MEM_ROOTSHARED);
	EXPECT(s, "mem-shared-wx");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x70000000, 0, 0x1000, RW | JH_MEM_ROOTSHARED);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_comm_multiple)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0, 0x80000000, 0x1000, RW | JH_MEM_COMM_REGION);
	fx_mem(&s, 1, 0, 0x80001000, 0x1000, RW | JH_MEM_COMM_REGION);
	EXPECT(s, "mem-comm-multiple");
	/* comm regions of different cells share phys 0: no overlap */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_mem(&s, 1, 0, 0x80000000, 0x1000, RW | JH_MEM_COMM_REGION);
	fx_mem(&s, 2, 0, 0x80000000, 0x1000, RW | JH_MEM_COMM_REGION);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_ram_unassigned)
{
	struct jh_system s;

	fx_arm(&s);
	fx_board(&s);
	fx_c(&s, 0)->mem.v[0].size -= 0x200000;
	EXPECT(s, "mem-ram-unassigned");
	/* covered by a non-root cell instead: fine */
	fx_arm(&s);
	fx_board(&s);
	fx_c(&s, 0)->mem.v[0].size -= 0x200000;
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, HV_BASE - 0x200000, 0, 0x200000, RW);
	EXPECT(s, "");
	/* a board on its own (no cells yet) is not a partitioning */
	fx_arm(&s);
	fx_board(&s);
	jh_system_free(&s);
	jh_system_init(&s);
	fx_board(&s);
	EXPECT(s, "");
}
END_TEST

START_TEST(mem_flags_unknown)
{
	struct jh_system s;

	fx_arm(&s);
	fx_mem(&s, 0, 0x90000000, 0x90000000, 0x1000, RW | 0x400);
	EXPECT(s, "mem-flags-unknown");
	fx_arm(&s);
	fx_mem(&s, 0, 0x90000000, 0x90000000, 0x1000, RW | JH_MEM_NO_HUGEPAGES);
	EXPECT(s, "");
}
END_TEST

/* -------------------------------------------------------------- CPUs */

START_TEST(cpu_rules)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x4);
	EXPECT(s, "cpu-multiple-cells");
	fx_arm(&s);
	fx_cell(&s, "a", 0xf);
	EXPECT(s, "cpu-root-none");
	fx_arm(&s);
	fx_cell(&s, "a", 0);
	EXPECT(s, "cpu-cell-none");
	fx_arm(&s);
	fx_cell(&s, "a", 0x10);
	EXPECT(s, "cpu-not-in-root");
	fx_arm(&s);
	fx_board(&s);
	fx_cell(&s, "a", 0x4);
	fx_c(&s, 1)->l2_isolation = true;
	EXPECT(s, "cpu-l2-isolation");
	fx_arm(&s);
	fx_board(&s);
	fx_cell(&s, "a", 0xc);
	fx_c(&s, 1)->l2_isolation = true;
	EXPECT(s, "");
}
END_TEST

/* -------------------------------------------------------- interrupts */

START_TEST(irq_rules)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_irq(&s, 1, GICD, 32, 40);
	fx_irq(&s, 2, GICD, 32, 40);
	EXPECT(s, "irq-multiple-cells");

	fx_arm(&s);
	fx_board(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW)->origin =
		(struct jh_origin){ JH_ORIGIN_DEVICE, 1 };
	EXPECT(s, "irq-device-not-owned");
	fx_arm(&s);
	fx_board(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW)->origin =
		(struct jh_origin){ JH_ORIGIN_DEVICE, 1 };
	fx_irq(&s, 1, GICD, 32, 34);
	EXPECT(s, "");

	fx_arm(&s);
	fx_irq(&s, 0, GICD, 1000, 1030);
	EXPECT(s, "irq-out-of-range");
	fx_arm(&s);
	fx_board(&s);
	fx_irq(&s, 0, GICD, 288, 290);
	EXPECT(s, "irq-out-of-range");

	fx_arm(&s);
	fx_irq(&s, 0, GICD, 0, 25);
	EXPECT(s, "irq-hypervisor");
	fx_arm(&s);
	fx_irq(&s, 0, GICD, 0, 27);
	EXPECT(s, "irq-per-cpu");

	fx_arm(&s);
	fx_irq(&s, 0, GICD + 0x10000, 32, 40);
	EXPECT(s, "irq-chip-unknown");
	fx_arm(&s);
	fx_board(&s);
	s.platform.arm.gic_version = 2;
	s.platform.arm.gicc_base = 0x08010000;
	s.platform.arm.gich_base = 0x08030000;
	s.platform.arm.gicv_base = 0x08040000;
	EXPECT(s, "irq-gic-version");
}
END_TEST

static struct jh_board_pci_device *board_pci(struct jh_system *s,
					     const char *name, uint16_t bdf,
					     int32_t line)
{
	struct jh_board *b = s->board;
	struct jh_board_pci_device *p = jh_vec_push(&b->pci_devices);

	memset(p, 0, sizeof(*p));
	p->name = jh_board_strdup(b, name);
	p->type = JH_PCI_TYPE_DEVICE;
	p->bdf = bdf;
	p->bridge = -1;
	p->intx_pin = line >= 0 ? 1 : 0;
	p->intx_line = line;
	p->iommu = -1;
	p->loc = fx_loc(600 + (unsigned)b->pci_devices.n);
	return p;
}

START_TEST(irq_intx_shared)
{
	struct jh_system s;

	fx_arm(&s);
	fx_board(&s);
	board_pci(&s, "nic0", 0x08, 35);
	board_pci(&s, "nic1", 0x10, 35);
	fx_cell(&s, "a", 0x4);
	fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	fx_pci(&s, 1, JH_PCI_TYPE_DEVICE, 0x10);
	s.iommu_units[0].type = JH_IOMMU_SMMUV3;
	s.iommu_units[0].base = 0x09050000;
	s.iommu_units[0].size = 0x20000;
	EXPECT(s, "irq-intx-shared");
	fx_arm(&s);
	fx_board(&s);
	board_pci(&s, "nic0", 0x08, 35);
	board_pci(&s, "nic1", 0x10, 36);
	fx_cell(&s, "a", 0x4);
	fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	fx_pci(&s, 1, JH_PCI_TYPE_DEVICE, 0x10);
	EXPECT(s, "");
}
END_TEST

/* --------------------------------------------------------------- PCI */

START_TEST(pci_rules)
{
	struct jh_system s;
	struct jh_pci_dev *p;

	fx_arm(&s);
	s.iommu_units[0].type = JH_IOMMU_SMMUV3;
	s.iommu_units[0].base = 0x09050000;
	s.iommu_units[0].size = 0x20000;
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_pci(&s, 1, JH_PCI_TYPE_DEVICE, 0x08);
	fx_pci(&s, 2, JH_PCI_TYPE_DEVICE, 0x08);
	fx_sid(&s, 1, 0x08);	/* an SMMU translates stream IDs only */
	fx_sid(&s, 2, 0x10);
	EXPECT(s, "pci-multiple-cells");

	/* behind an SMMU, but the cell lists no stream ID */
	for (unsigned int k = 0; k < 3; k++) {
		fx_arm(&s);
		/* k 2: a BDF-based IOMMU needs no stream ID */
		s.iommu_units[0].type = k == 2 ? JH_IOMMU_AMD :
						 JH_IOMMU_SMMUV3;
		s.iommu_units[0].base = 0x09050000;
		s.iommu_units[0].size = 0x20000;
		fx_cell(&s, "a", 0x4);
		fx_pci(&s, 1, JH_PCI_TYPE_DEVICE, 0x08);
		if (k == 1)
			fx_sid(&s, 1, 0x08);
		EXPECT(s, k == 0 ? "pci-dma-no-iommu" : "");
	}

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_pci(&s, 1, JH_PCI_TYPE_DEVICE, 0x08);
	EXPECT(s, "pci-dma-no-iommu");
	fx_arm(&s);
	fx_board(&s);
	board_pci(&s, "nic0", 0x08, -1)->dma = false;
	fx_cell(&s, "a", 0x4);
	fx_pci(&s, 1, JH_PCI_TYPE_DEVICE, 0x08);
	EXPECT(s, "");

	fx_arm(&s);
	p = fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	p->num_msix_vectors = 16;
	p->msix_address = 0x10000000;
	p->msix_region_size = 0x80;
	EXPECT(s, "pci-msix-table");
	fx_arm(&s);
	p = fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	p->num_msix_vectors = 16;
	p->msix_address = 0x10000000;
	p->msix_region_size = 0x1000;
	EXPECT(s, "");

	fx_arm(&s);
	p = fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	p->num_caps = 1;
	EXPECT(s, "pci-caps-range");
	fx_arm(&s);
	p = fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	p->num_caps = 1;
	struct jh_pci_cap *cap = jh_vec_push(&fx_c(&s, 0)->caps);
	memset(cap, 0, sizeof(*cap));
	cap->id = 0x05;
	cap->start = 0xf8;
	cap->len = 0x10;
	cap->loc = fx_loc(99);
	EXPECT(s, "pci-caps-range");

	fx_arm(&s);
	s.pci_mmconfig_base = 0x4010000000ull;
	s.pci_mmconfig_end_bus = 0;
	fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x0108);
	EXPECT(s, "pci-bus-range");
}
END_TEST

START_TEST(pci_board_rules)
{
	struct jh_system s;
	struct jh_board_pci_device *br, *dev;

	fx_arm(&s);
	fx_board(&s);
	br = board_pci(&s, "br0", 0x08, -1);
	br->type = JH_PCI_TYPE_BRIDGE;
	dev = board_pci(&s, "nic0", 0x100, -1);
	dev->bridge = 0;
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_pci(&s, 1, JH_PCI_TYPE_BRIDGE, 0x08);
	fx_pci(&s, 2, JH_PCI_TYPE_DEVICE, 0x100);
	EXPECT(s, "pci-bridge-other-cell");

	fx_arm(&s);
	fx_board(&s);
	dev = board_pci(&s, "nic0", 0x08, -1);
	dev->bars[0].start = 0x09000800;	/* inside uart0 */
	dev->bars[0].size = 0x1000;
	fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	EXPECT(s, "pci-bar-overlap");
	fx_arm(&s);
	fx_board(&s);
	dev = board_pci(&s, "nic0", 0x08, -1);
	dev->bars[0].start = 0x10000000;
	dev->bars[0].size = 0x1000;
	fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08);
	EXPECT(s, "");
}
END_TEST

START_TEST(ivshmem_rules)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	EXPECT(s, "");

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	fx_c(&s, 2)->pci.v[0].shmem_protocol = JH_SHMEM_PROTO_VETH;
	EXPECT(s, "ivshmem-inconsistent");

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	fx_c(&s, 2)->pci.v[0].shmem_dev_id = 0;
	/* keep the permissions consistent with the (wrong) id */
	fx_c(&s, 2)->mem.v[2].flags |= JH_MEM_WRITE;
	fx_c(&s, 2)->mem.v[3].flags &= ~(uint64_t)JH_MEM_WRITE;
	EXPECT(s, "ivshmem-peer-id");

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	fx_c(&s, 1)->mem.v[0].flags |= JH_MEM_WRITE;
	EXPECT(s, "ivshmem-layout");

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_pci(&s, 1, JH_PCI_TYPE_IVSHMEM, 0x08)->shmem_peers = 2;
	s.pci_is_virtual = 1;
	s.pci_mmconfig_base = 0x0b000000;
	fx_c(&s, 1)->vpci_irq_base = 100;
	fx_irq(&s, 1, s.platform.arm.gicd_base, 128, 133);
	EXPECT(s, "ivshmem-layout");

	/* the INTx SPI of cell b is not its own */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	fx_c(&s, 2)->vpci_irq_base = 120;
	EXPECT(s, "ivshmem-intx-not-owned");

	/* a physical host bridge serves ivshmem functions too */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	s.pci_is_virtual = 0;
	EXPECT(s, "");
	/* but without a configuration window nobody finds them */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	s.pci_mmconfig_base = 0;
	EXPECT(s, "ivshmem-no-pci-window");

	/* output sections not right after the read/write section */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	fx_c(&s, 2)->mem.v[2].virt_start += 0x1000;
	fx_c(&s, 2)->mem.v[3].virt_start += 0x1000;
	EXPECT(s, "ivshmem-guest-layout");
	/* output sections of different sizes */
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_ivshmem(&s, 1, 2, 0x7f000000);
	fx_c(&s, 1)->mem.v[3].size = 0x8000;
	fx_c(&s, 2)->mem.v[3].size = 0x8000;
	EXPECT(s, "ivshmem-guest-layout");
}
END_TEST

/* ------------------------------------------------------------- cache */

START_TEST(cache_rules)
{
	struct jh_system s;

	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_cache(&s, 1, 0, 4, JH_CACHE_L3);
	fx_cache(&s, 2, 3, 4, JH_CACHE_L3);
	EXPECT(s, "cache-overlap-cells");
	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_cache(&s, 1, 0, 4, JH_CACHE_L3);
	fx_cache(&s, 2, 4, 4, JH_CACHE_L3);
	EXPECT(s, "");

	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 30, 4, JH_CACHE_L3);
	EXPECT(s, "cache-cbm-length");
	fx_x86(&s);
	fx_board(&s);
	s.board->cache_alloc.present = true;
	s.board->cache_alloc.l3_cbm_length = 12;
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 10, 4, JH_CACHE_L3);
	EXPECT(s, "cache-cbm-length");

	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 0, 0, JH_CACHE_L3);
	EXPECT(s, "cache-empty-mask");

	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 0, 2, JH_CACHE_L3);
	fx_cache(&s, 1, 4, 2, JH_CACHE_L3);
	EXPECT(s, "cache-noncontiguous");
	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 0, 2, JH_CACHE_L3);
	fx_cache(&s, 1, 2, 2, JH_CACHE_L3);
	EXPECT(s, "");

	fx_x86(&s);
	fx_board(&s);
	s.board->cache_alloc.present = true;
	s.board->cache_alloc.l3_cbm_length = 12;
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 0, 2, JH_CACHE_L3_CODE);
	fx_cache(&s, 1, 2, 2, JH_CACHE_L3_DATA);
	EXPECT(s, "cache-cdp-unsupported");
	fx_x86(&s);
	fx_board(&s);
	s.board->cache_alloc.present = true;
	s.board->cache_alloc.l3_cdp = true;
	s.board->cache_alloc.l3_cbm_length = 12;
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 0, 2, JH_CACHE_L3_CODE);
	fx_cache(&s, 1, 2, 2, JH_CACHE_L3_DATA);
	EXPECT(s, "");

	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_cache(&s, 1, 0, 2, JH_CACHE_L3_CODE);
	fx_cache(&s, 2, 4, 2, JH_CACHE_L3);
	EXPECT(s, "cache-cdp-mixed");

	fx_x86(&s);
	fx_board(&s);
	s.board->cache_alloc.present = true;
	s.board->cache_alloc.l3_cbm_length = 12;
	s.board->cache_alloc.l2_cbm_length = 8;
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_cache(&s, 1, 0, 4, JH_CACHE_L3)->level = JH_CACHE_LEVEL_L2;
	fx_cache(&s, 2, 2, 4, JH_CACHE_L3)->level = JH_CACHE_LEVEL_L2;
	EXPECT(s, "cache-l2-shared");
	/* cells on different L2 instances: same bits are harmless */
	fx_x86(&s);
	fx_board(&s);
	s.board->cache_alloc.present = true;
	s.board->cache_alloc.l3_cbm_length = 12;
	s.board->cache_alloc.l2_cbm_length = 8;
	fx_c(&s, 0)->cpu_set[0] = 0x3f;
	fx_cell(&s, "a", 0x2);
	fx_cell(&s, "b", 0x4);
	fx_cache(&s, 1, 0, 4, JH_CACHE_L3)->level = JH_CACHE_LEVEL_L2;
	fx_cache(&s, 2, 2, 4, JH_CACHE_L3)->level = JH_CACHE_LEVEL_L2;
	fx_c(&s, 0)->cpu_set[0] = 0x0f;
	EXPECT(s, "");

	fx_x86(&s);
	fx_board(&s);
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 0, 4, JH_CACHE_L3);
	EXPECT(s, "cache-no-hardware");
}
END_TEST

/* ----------------------------------------------------------- port I/O */

START_TEST(pio_rules)
{
	struct jh_system s;

	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_pio(&s, 1, 0x2f8, 8);
	fx_pio(&s, 2, 0x2fc, 8);
	EXPECT(s, "pio-multiple-cells");
	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_pio(&s, 1, 0x2f8, 8);
	fx_pio(&s, 2, 0x3e8, 8);
	EXPECT(s, "");

	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_pio(&s, 1, 0xcf8, 8);
	EXPECT(s, "pio-machine-control");
	fx_x86(&s);
	fx_cell(&s, "a", 0x4);
	fx_pio(&s, 1, 0x604, 8);
	EXPECT(s, "pio-machine-control");
	fx_x86(&s);
	fx_pio(&s, 0, 0x40, 4);	/* the root cell may */
	EXPECT(s, "");

	fx_arm(&s);
	fx_pio(&s, 0, 0x3f8, 8);
	EXPECT(s, "pio-not-x86");
	fx_x86(&s);
	fx_pio(&s, 0, 0xfff8, 0x10);
	EXPECT(s, "pio-range");
	fx_x86(&s);
	fx_pio(&s, 0, 0x3f8, 0);
	EXPECT(s, "pio-range");
}
END_TEST

/* -------------------------------------------------------------- IOMMU */

static void smmu(struct jh_system *s)
{
	s->iommu_units[0].type = JH_IOMMU_SMMUV3;
	s->iommu_units[0].base = 0x09050000;
	s->iommu_units[0].size = 0x20000;
	s->iommu_units[0].loc = fx_loc(5);
}

START_TEST(iommu_rules)
{
	struct jh_system s;

	fx_arm(&s);
	smmu(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_sid(&s, 1, 0x10);
	fx_sid(&s, 2, 0x10);
	EXPECT(s, "iommu-stream-id-multiple");
	fx_arm(&s);
	smmu(&s);
	fx_cell(&s, "a", 0x4);
	fx_cell(&s, "b", 0x8);
	fx_sid(&s, 1, 0x10);
	fx_sid(&s, 2, 0x11);
	EXPECT(s, "");

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_sid(&s, 1, 0x10);
	EXPECT(s, "iommu-stream-id-no-unit");

	fx_arm(&s);
	smmu(&s);
	fx_pci(&s, 0, JH_PCI_TYPE_DEVICE, 0x08)->iommu = 3;
	EXPECT(s, "iommu-index");

	fx_arm(&s);
	smmu(&s);
	fx_mem(&s, 0, 0x09050000, 0x09050000, 0x20000, IO_RW);
	EXPECT(s, "iommu-mmio-mapped");
}
END_TEST

/* ------------------------------------------------------------- system */

START_TEST(system_rules)
{
	struct jh_system s;

	fx_arm(&s);
	fx_cell(&s, "", 0x4);
	EXPECT(s, "sys-name-empty");

	fx_arm(&s);
	fx_board(&s);
	s.debug_console.address = 0x09100000;
	fx_c(&s, 0)->mem.n = 1;	/* drop the root's UART0 mapping */
	EXPECT(s, "sys-console-not-on-board");
	fx_arm(&s);
	fx_board(&s);
	s.debug_console.type = JH_CON_TYPE_8250;
	EXPECT(s, "sys-console-not-on-board");
	fx_x86(&s);
	fx_board(&s);
	EXPECT(s, "");
	fx_x86(&s);
	fx_board(&s);
	s.debug_console.address = 0x2f8;
	EXPECT(s, "sys-console-not-on-board");

	fx_arm(&s);
	s.hypervisor_memory.size = 0x1800;
	EXPECT(s, "sys-hv-memory");
	fx_arm(&s);
	fx_board(&s);
	s.hypervisor_memory.phys_start = 0x100000000ull;
	fx_c(&s, 0)->mem.v[0].size = RAM_SIZE;
	EXPECT(s, "sys-hv-memory");

	fx_arm(&s);
	s.platform.arm.gicr_base = 0;
	EXPECT(s, "sys-gic-bases");

	fx_arm(&s);
	fx_c(&s, 0)->flags = 0x100;
	EXPECT(s, "sys-flags-unknown");
	fx_arm(&s);
	s.flags = 0x2;
	EXPECT(s, "sys-flags-unknown");
}
END_TEST

START_TEST(new_rules)
{
	struct jh_system s;

	fx_arm(&s);
	fx_board(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, 0x20000000, 0x1000000, 0x1000, IO_RW);
	EXPECT(s, "mem-not-on-board");
	fx_arm(&s);
	fx_board(&s);
	fx_cell(&s, "a", 0x4);
	/* a region spanning RAM and the adjacent hypervisor: covered */
	fx_mem(&s, 1, 0x70000000, 0x1000000, 0x1000, RW);
	EXPECT(s, "");

	fx_arm(&s);
	fx_mem(&s, 0, GICD + 0x1000, GICD + 0x1000, 0x1000, IO_RW);
	EXPECT(s, "irq-chip-mapped");
	fx_arm(&s);
	fx_mem(&s, 0, GICR + 0x20000, GICR + 0x20000, 0x1000, IO_RW);
	EXPECT(s, "irq-chip-mapped");
	fx_arm(&s);
	fx_board(&s);
	fx_mem(&s, 0, GICD, GICD, 0x1000, IO_RW);
	EXPECT(s, "irq-chip-mapped");

	/* a bus master in a cell: without, then with a stream ID */
	fx_arm(&s);
	fx_board(&s);
	s.board->devices.v[1].dma = true;
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW);
	fx_irq(&s, 1, GICD, 32, 34);
	EXPECT(s, "dev-dma-no-iommu");
	fx_arm(&s);
	fx_board(&s);
	s.board->devices.v[1].dma = true;
	*(uint32_t *)jh_vec_push(&s.board->devices.v[1].stream_ids) = 0x20;
	smmu(&s);
	fx_cell(&s, "a", 0x4);
	fx_mem(&s, 1, UART1, UART1, 0x1000, IO_RW);
	fx_irq(&s, 1, GICD, 32, 34);
	fx_sid(&s, 1, 0x20);
	EXPECT(s, "");

	/* L2 masks where no CPU shares its L2 */
	fx_x86(&s);
	fx_board(&s);
	s.board->cache_alloc.present = true;
	s.board->cache_alloc.l3_cbm_length = 12;
	s.board->cache_alloc.l2_cbm_length = 8;
	for (size_t i = 0; i < s.board->cpus.n; i++)
		s.board->cpus.v[i].l2_group = (int32_t)i;
	fx_cell(&s, "a", 0x4);
	fx_cache(&s, 1, 0, 4, JH_CACHE_L3)->level = JH_CACHE_LEVEL_L2;
	EXPECT(s, "cache-l2-scope");

	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_c(&s, 1)->flags = JH_CELL_VIRTUAL_CONSOLE_ACTIVE;
	EXPECT(s, "sys-vconsole-not-permitted");
	fx_arm(&s);
	fx_cell(&s, "a", 0x4);
	fx_c(&s, 1)->flags = JH_CELL_VIRTUAL_CONSOLE_ACTIVE |
			     JH_CELL_VIRTUAL_CONSOLE_PERMITTED;
	EXPECT(s, "");
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");

	tcase_add_test(tc, clean_bases);
	tcase_add_test(tc, mem_zero_size);
	tcase_add_test(tc, mem_wrap);
	tcase_add_test(tc, mem_unaligned);
	tcase_add_test(tc, mem_virt_overlap);
	tcase_add_test(tc, mem_phys_alias);
	tcase_add_test(tc, mem_overlap_cells);
	tcase_add_test(tc, mmio_overlap_cells);
	tcase_add_test(tc, mem_hypervisor);
	tcase_add_test(tc, mem_debug_console);
	tcase_add_test(tc, mem_io_flags);
	tcase_add_test(tc, mem_shared_wx);
	tcase_add_test(tc, mem_comm_multiple);
	tcase_add_test(tc, mem_ram_unassigned);
	tcase_add_test(tc, mem_flags_unknown);
	tcase_add_test(tc, cpu_rules);
	tcase_add_test(tc, irq_rules);
	tcase_add_test(tc, irq_intx_shared);
	tcase_add_test(tc, pci_rules);
	tcase_add_test(tc, pci_board_rules);
	tcase_add_test(tc, ivshmem_rules);
	tcase_add_test(tc, cache_rules);
	tcase_add_test(tc, pio_rules);
	tcase_add_test(tc, iommu_rules);
	tcase_add_test(tc, system_rules);
	tcase_add_test(tc, new_rules);
	suite_add_tcase(s, tc);
	return s;
}
