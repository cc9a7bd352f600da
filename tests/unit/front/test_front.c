// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the YAML front end: image form to model field by field,
 * names resolved into regions, interrupt bitmaps and PCI entries,
 * automatic placement, link expansion, the derived root cell,
 * suppressions, includes and dependencies.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "jh-cell-format.h"

struct loaded {
	struct jh_diags d;
	struct jh_system sys;
	bool ok;
};

static void load(struct loaded *l, const char *text)
{
	jh_diags_init(&l->d);
	jh_system_init(&l->sys);
	l->ok = jh_front_load_buffer("t.yaml", text, strlen(text), &l->d,
				     &l->sys);
	if (!l->ok)
		jh_diags_print(&l->d, stderr, false, true);
}

static void done(struct loaded *l)
{
	jh_system_free(&l->sys);
	jh_diags_free(&l->d);
}

#define BOARD \
	"board:\n" \
	"  arch: arm64\n" \
	"  cpus: {count: 4, l2: [0-1, 2-3]}\n" \
	"  ram:\n" \
	"    low: 0x4000_0000 .. +64 MiB\n" \
	"  irqchips:\n" \
	"    gic: {type: gicv3, gicd: 0x0800_0000, gicr: 0x080a_0000,\n" \
	"          lines: 288, maintenance-irq: 25}\n" \
	"  iommus:\n" \
	"    smmu: {type: smmuv3, base: 0x0905_0000, size: 128 KiB}\n" \
	"  devices:\n" \
	"    uart0: {mmio: 0x0900_0000 .. +4 KiB, irqs: [33],\n" \
	"            console: {type: pl011, flags: [mmio, regdist-4]}}\n" \
	"    eth: {mmio: [0x0a00_0000 .. +8 KiB, 0x0a01_0000 .. +4 KiB],\n" \
	"          irqs: [40-41, 200], iommu: smmu, stream-ids: [0x10]}\n" \
	"  pci:\n" \
	"    ecam: 0x3f00_0000\n" \
	"    devices:\n" \
	"      nic: {bdf: 00:02.0,\n" \
	"            bars: [{start: 0x1000_0000, size: 16 KiB},\n" \
	"                   {start: 0x1001_0000, size: 64 KiB, type: mem64},\n" \
	"                   ~],\n" \
	"            msix: {vectors: 4, region-size: 4 KiB,\n" \
	"                   address: 0x1001_2000},\n" \
	"            caps: [{id: 0x11, start: 0x40, len: 12},\n" \
	"                   {id: 0x1, ext: true, start: 0x100, len: 4,\n" \
	"                    flags: write}],\n" \
	"            intx: a, intx-line: 36}\n"

START_TEST(image_form)
{
	struct loaded l;
	const struct jh_cell *c;

	load(&l,
	     "jh: 1\n"
	     "system:\n"
	     "  arch: x86\n"
	     "  flags: [virtual-debug-console]\n"
	     "  hypervisor-memory: {phys: 0x3a00_0000, size: 6 MiB}\n"
	     "  debug-console: {address: 0x3f8, size: 8, type: 8250, flags: 0}\n"
	     "  pci: {mmconfig-base: 0xe000_0000, end-bus: 0xff, domain: 2}\n"
	     "  iommus:\n"
	     "    - {type: intel, base: 0xfed9_0000, size: 4 KiB}\n"
	     "    - {type: none}\n"
	     "    - {type: amd, base: 0xfeb8_0000, size: 512 KiB, bdf: 00:02.0,\n"
	     "       base-cap: 0x40, msi-cap: 0x54, features: 0x8002_2002}\n"
	     "  x86: {pm-timer: 0x608, apic-mode: x2apic,\n"
	     "        vtd-interrupt-limit: 256}\n"
	     "cells:\n"
	     "  linux:\n"
	     "    root: true\n"
	     "    cpus: [0-1, 3]\n"
	     "    cpu-set-size: 16\n"
	     "    flags: passive-comm-region|0x8\n"
	     "    memory:\n"
	     "      - {phys: 0, size: 640 KiB, flags: rwx|dma}\n"
	     "      - {phys: 0x10_0000, virt: 0x20_0000, size: 1 MiB,\n"
	     "         flags: [read, io, io-32, 0x1_0000_0000]}\n"
	     "    cache: [{start: 0, size: 4, type: l3-code, flags: root-shared}]\n"
	     "    irqchips:\n"
	     "      - {address: 0xfec0_0000, id: 0xf0f8, pin-base: 0,\n"
	     "         pins: [0-3, 127]}\n"
	     "    pio: [0x3f8 .. +8, 0x60 .. 0x65]\n"
	     "    pci-devices:\n"
	     "      - {type: ivshmem, bdf: 00:0f.0, iommu: 1,\n"
	     "         bar-mask: [0xffff_f000, 0xffff_fe00],\n"
	     "         shmem: {regions-start: 1, dev-id: 0, peers: 2,\n"
	     "                 protocol: veth}}\n"
	     "    pci-caps: [{id: 0x8010, start: 0x100, len: 8}]\n"
	     "    stream-ids: [1, 2]\n"
	     "    extension: {watchdog: 2 s, allow-hv-probe: true,\n"
	     "                preserve: [1], cache-level: {0: 2}}\n");
	ck_assert(l.ok);
	ck_assert_uint_eq(l.sys.arch, JH_ARCH_X86);
	ck_assert_uint_eq(l.sys.flags, JH_SYS_VIRTUAL_DEBUG_CONSOLE);
	ck_assert_uint_eq(l.sys.hypervisor_memory.phys_start, 0x3a000000);
	ck_assert_uint_eq(l.sys.hypervisor_memory.size, 6u << 20);
	ck_assert_uint_eq(l.sys.debug_console.type, JH_CON_TYPE_8250);
	ck_assert_uint_eq(l.sys.pci_domain, 2);
	ck_assert_uint_eq(l.sys.pci_mmconfig_end_bus, 0xff);
	ck_assert_uint_eq(l.sys.iommu_units[0].type, JH_IOMMU_INTEL);
	ck_assert_uint_eq(l.sys.iommu_units[1].type, JH_IOMMU_NONE);
	ck_assert_uint_eq(l.sys.iommu_units[2].raw[0], 0x10);	/* bdf lo */
	ck_assert_uint_eq(l.sys.iommu_units[2].raw[2], 0x40);
	ck_assert_uint_eq(l.sys.iommu_units[2].raw[7], 0x80);
	ck_assert_uint_eq(l.sys.platform.x86.apic_mode, 2);
	ck_assert_uint_eq(l.sys.platform.x86.pm_timer_address, 0x608);
	c = &l.sys.cells.v[0];
	ck_assert(c->is_root);
	ck_assert_uint_eq(c->cpu_set_size, 16);
	ck_assert(jh_cell_test_cpu(c, 3));
	ck_assert(!jh_cell_test_cpu(c, 2));
	ck_assert_uint_eq(c->flags, 0x9);
	ck_assert_uint_eq(c->mem.n, 2);
	ck_assert_uint_eq(c->mem.v[0].flags, 0xf);
	ck_assert_uint_eq(c->mem.v[1].virt_start, 0x200000);
	ck_assert_uint_eq(c->mem.v[1].flags,
			  0x100000000ull | JH_MEM_IO_32 | JH_MEM_IO |
			  JH_MEM_READ);
	ck_assert_int_eq(c->mem.v[1].scrub, JH_SCRUB_PRESERVE);
	ck_assert_uint_eq(c->cache.v[0].type, JH_CACHE_L3_CODE);
	ck_assert_int_eq(c->cache.v[0].level, JH_CACHE_LEVEL_L2);
	ck_assert_uint_eq(c->irqchips.v[0].pin_bitmap[0], 0xf);
	ck_assert_uint_eq(c->irqchips.v[0].pin_bitmap[3], 0x80000000u);
	ck_assert_uint_eq(c->irqchips.v[0].id, 0xf0f8);
	ck_assert_uint_eq(c->pio.n, 2);
	ck_assert_uint_eq(c->pio.v[1].length, 5);
	ck_assert_uint_eq(c->pci.v[0].bdf, 0x78);
	ck_assert_uint_eq(c->pci.v[0].bar_mask[1], 0xfffffe00);
	ck_assert_uint_eq(c->pci.v[0].shmem_protocol, JH_SHMEM_PROTO_VETH);
	ck_assert_uint_eq(c->pci.v[0].iommu, 1);
	ck_assert_uint_eq(c->caps.v[0].id, 0x8010);
	ck_assert_uint_eq(c->stream_ids.n, 2);
	ck_assert_uint_eq(c->watchdog_ms, 2000);
	ck_assert(c->allow_hv_probe);
	done(&l);
}
END_TEST

START_TEST(devices_by_name)
{
	struct loaded l;
	const struct jh_cell *c;

	load(&l, "jh: 1\n" BOARD
	     "system: {hypervisor-memory: 0x43c0_0000 .. +4 MiB,\n"
	     "         debug-console: uart0}\n"
	     "cells:\n"
	     "  root: {root: true, cpus: 0}\n"
	     "  rt:\n"
	     "    cpus: 1\n"
	     "    devices: [eth, nic]\n"
	     "    pci-caps: [{id: 5, start: 0x50, len: 14}]\n");
	ck_assert(l.ok);
	ck_assert_uint_eq(l.sys.iommu_units[0].type, JH_IOMMU_SMMUV3);
	ck_assert_uint_eq(l.sys.platform.arm.gic_version, 3);
	ck_assert_uint_eq(l.sys.platform.arm.gicr_base, 0x080a0000);
	ck_assert_uint_eq(l.sys.pci_mmconfig_base, 0x3f000000);
	ck_assert_uint_eq(l.sys.debug_console.address, 0x09000000);
	ck_assert_uint_eq(l.sys.debug_console.flags, 3);
	c = &l.sys.cells.v[1];
	/* eth: two MMIO ranges; nic: BAR0, BAR1 split around MSI-X */
	ck_assert_uint_eq(c->mem.n, 5);
	ck_assert_uint_eq(c->mem.v[0].phys_start, 0x0a000000);
	ck_assert_uint_eq(c->mem.v[0].flags, JH_MEM_READ | JH_MEM_WRITE |
			  JH_MEM_IO);
	ck_assert_int_eq(c->mem.v[1].origin.kind, JH_ORIGIN_DEVICE);
	ck_assert_uint_eq(c->mem.v[2].phys_start, 0x10000000);
	ck_assert_uint_eq(c->mem.v[3].phys_start, 0x10010000);
	ck_assert_uint_eq(c->mem.v[3].size, 0x2000);
	ck_assert_uint_eq(c->mem.v[4].phys_start, 0x10013000);
	ck_assert_uint_eq(c->mem.v[4].size, 0xd000);
	/* interrupts 40, 41 (window 32) and 200 (window 160), INTx 36 */
	ck_assert_uint_eq(c->irqchips.n, 2);
	ck_assert_uint_eq(c->irqchips.v[0].pin_base, 32);
	ck_assert_uint_eq(c->irqchips.v[0].pin_bitmap[0],
			  (1u << 8) | (1u << 9) | (1u << 4));
	ck_assert_uint_eq(c->irqchips.v[1].pin_base, 160);
	ck_assert_uint_eq(c->irqchips.v[1].pin_bitmap[1], 1u << 8);
	/* PCI: masks from sizes, caps appended after the written one */
	ck_assert_uint_eq(c->pci.n, 1);
	ck_assert_uint_eq(c->pci.v[0].bdf, 0x10);
	ck_assert_uint_eq(c->pci.v[0].bar_mask[0], 0xffffc000);
	ck_assert_uint_eq(c->pci.v[0].bar_mask[1], 0xffff0000);
	ck_assert_uint_eq(c->pci.v[0].bar_mask[2], 0xffffffff);
	ck_assert_uint_eq(c->pci.v[0].caps_start, 1);
	ck_assert_uint_eq(c->pci.v[0].num_caps, 2);
	ck_assert_uint_eq(c->caps.v[2].id, 0x8001);
	ck_assert_uint_eq(c->caps.v[2].flags, JH_PCICAPS_WRITE);
	ck_assert_uint_eq(c->pci.v[0].num_msix_vectors, 4);
	ck_assert_uint_eq(c->stream_ids.n, 1);
	ck_assert_uint_eq(c->stream_ids.v[0].id, 0x10);
	done(&l);
}
END_TEST

#define SCENARIO \
	"system: {hypervisor-memory: 0x43c0_0000 .. +4 MiB,\n" \
	"         debug-console: uart0}\n" \
	"cells:\n" \
	"  root: {root: true, derive: true}\n" \
	"  a:\n" \
	"    cpus: 1\n" \
	"    memory: [{size: 8 MiB, virt: 0, flags: rwx|loadable},\n" \
	"             {size: 4 KiB, flags: rw, name: scratch}]\n" \
	"    comm-region: 0x8000_0000\n" \
	"    devices: [eth]\n" \
	"  b: {cpus: 2-3, memory: [{size: 8 MiB, virt: 0, flags: rwx}]}\n" \
	"links:\n" \
	"  l: {peers: [a, b, root], rw-size: 8 KiB, out-size: 4 KiB,\n" \
	"      protocol: virtio-back-net}\n"

START_TEST(placement_links_and_derived_root)
{
	struct loaded l, l2;
	const struct jh_cell *root, *a, *b;
	const struct jh_link *k;

	load(&l, "jh: 1\n" BOARD SCENARIO);
	ck_assert(l.ok);
	root = &l.sys.cells.v[0];
	a = &l.sys.cells.v[1];
	b = &l.sys.cells.v[2];
	/* placed top-down below the hypervisor, 2 MiB aligned when large */
	ck_assert_uint_eq(a->mem.v[0].phys_start, 0x43400000);
	ck_assert_uint_eq(a->mem.v[0].virt_start, 0);
	ck_assert_uint_eq(a->mem.v[1].phys_start, 0x433ff000);
	ck_assert_uint_eq(a->mem.v[1].virt_start, 0x433ff000);
	ck_assert_uint_eq(b->mem.v[0].phys_start, 0x42a00000);
	k = &l.sys.links.v[0];
	/* the link fits in the gap the 2 MiB alignment of b left */
	ck_assert_uint_eq(k->phys_base, 0x433ff000 - 0x6000);
	ck_assert_uint_eq(k->bdf, 0x08);	/* 00:01.0: 00:02.0 is nic */
	/* a: written 2, eth 2, link 2+3, comm region */
	ck_assert_uint_eq(a->mem.n, 2 + 2 + 5 + 1);
	ck_assert_uint_eq(a->mem.v[4].flags, JH_MEM_READ | JH_MEM_ROOTSHARED);
	ck_assert_uint_eq(a->mem.v[5].flags, JH_MEM_READ | JH_MEM_WRITE |
			  JH_MEM_ROOTSHARED);
	ck_assert_uint_eq(a->mem.v[6].flags, JH_MEM_READ | JH_MEM_WRITE |
			  JH_MEM_ROOTSHARED);
	ck_assert_uint_eq(a->mem.v[7].flags, JH_MEM_READ | JH_MEM_ROOTSHARED);
	ck_assert_uint_eq(a->mem.v[9].flags, JH_MEM_READ | JH_MEM_WRITE |
			  JH_MEM_COMM_REGION);
	ck_assert_uint_eq(a->mem.v[9].virt_start, 0x80000000);
	ck_assert_uint_eq(a->pci.v[0].type, JH_PCI_TYPE_IVSHMEM);
	ck_assert_uint_eq(a->pci.v[0].shmem_regions_start, 4);
	ck_assert_uint_eq(a->pci.v[0].shmem_dev_id, 0);
	ck_assert_uint_eq(a->pci.v[0].shmem_peers, 3);
	ck_assert_uint_eq(a->pci.v[0].shmem_protocol, 0xc001);
	ck_assert_uint_eq(a->pci.v[0].bar_mask[0], 0xfffff000);
	ck_assert_uint_eq(b->pci.v[0].shmem_dev_id, 1);
	ck_assert_uint_eq(b->mem.v[1 + 2 + 1].flags, JH_MEM_READ |
			  JH_MEM_WRITE | JH_MEM_ROOTSHARED);
	/* root: every CPU to give; RAM below the cells; nic, not eth/uart0 */
	for (uint32_t cpu = 0; cpu < 4; cpu++)
		ck_assert(jh_cell_test_cpu(root, cpu));
	ck_assert_uint_eq(root->cpu_set_size, 8);
	ck_assert_uint_eq(root->mem.v[0].phys_start, 0x40000000);
	ck_assert_uint_eq(root->mem.v[0].size, 0x42a00000 - 0x40000000);
	ck_assert_uint_eq(root->mem.v[1].phys_start, 0x43200000);
	ck_assert_uint_eq(root->mem.v[1].size, k->phys_base - 0x43200000);
	ck_assert_int_eq(root->mem.v[0].origin.kind, JH_ORIGIN_RAM);
	ck_assert_uint_eq(root->pci.n, 2);
	ck_assert_uint_eq(root->pci.v[0].bdf, 0x10);
	ck_assert_uint_eq(root->pci.v[1].shmem_dev_id, 2);
	for (size_t i = 0; i < root->mem.n; i++) {
		ck_assert_uint_ne(root->mem.v[i].phys_start, 0x09000000);
		ck_assert_uint_ne(root->mem.v[i].phys_start, 0x0a000000);
	}
	/* deterministic */
	load(&l2, "jh: 1\n" BOARD SCENARIO);
	ck_assert(l2.ok);
	ck_assert_uint_eq(l2.sys.cells.v[1].mem.n, a->mem.n);
	for (size_t i = 0; i < a->mem.n; i++)
		ck_assert_uint_eq(l2.sys.cells.v[1].mem.v[i].phys_start,
				  a->mem.v[i].phys_start);
	done(&l2);
	done(&l);
}
END_TEST

START_TEST(suppressions)
{
	struct loaded l;

	load(&l, "jh: 1\n" BOARD
	     "system: {hypervisor-memory: 0x43c0_0000 .. +4 MiB}\n"
	     "cells:\n"
	     "  root:\n"
	     "    root: true\n"
	     "    suppress:\n"
	     "      cpu-missing: \"tested without CPUs\"\n"
	     "    memory: []\n");
	ck_assert(l.ok);
	ck_assert_uint_eq(l.d.num_supps, 1);
	ck_assert_str_eq(l.d.supps[0].rule, "cpu-missing");
	ck_assert_str_eq(l.d.supps[0].reason, "tested without CPUs");
	ck_assert_uint_eq(l.d.supps[0].first_line, 33);
	ck_assert_uint_eq(l.d.supps[0].last_line, 36);
	done(&l);
}
END_TEST

START_TEST(all_errors_reported)
{
	struct loaded l;

	load(&l, "jh: 1\n"
	     "system: {arch: arm64, hypervisor-memory: 0 .. +1 MiB}\n"
	     "cells:\n"
	     "  root:\n"
	     "    root: true\n"
	     "    reset-address: 1 - 2\n"
	     "    cpus: 0-x\n"
	     "    flags: [nope]\n"
	     "    memory: [{phys: 0, size: 4 KiB, colour: red}]\n");
	ck_assert(!l.ok);
	ck_assert_uint_eq(l.d.errors, 4);
	for (uint32_t line = 6; line <= 9; line++) {
		bool seen = false;

		for (size_t i = 0; i < l.d.n; i++)
			seen |= l.d.v[i].loc.line == line;
		ck_assert_msg(seen, "no error on line %u", line);
	}
	done(&l);
}
END_TEST

START_TEST(files_and_deps)
{
	struct jh_diags d;
	struct jh_system sys;
	struct jh_deps deps = { 0 };
	bool ok;

	jh_diags_init(&d);
	jh_system_init(&sys);
	ok = jh_front_load_file("examples/qemu-arm64-demo.yaml", &d, &sys,
				&deps);
	if (!ok)
		jh_diags_print(&d, stderr, false, true);
	ck_assert(ok);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(deps.files.n, 2);
	ck_assert_str_eq(deps.files.v[1], "boards/qemu-virt-gicv3.yaml");
	ck_assert_ptr_nonnull(sys.board);
	ck_assert_uint_eq(sys.cells.n, 3);
	ck_assert_uint_eq(sys.links.n, 1);
	jh_deps_free(&deps);
	jh_system_free(&sys);
	jh_diags_free(&d);

	jh_diags_init(&d);
	jh_system_init(&sys);
	ck_assert(!jh_front_load_file("does/not/exist.yaml", &d, &sys, NULL));
	ck_assert_uint_eq(d.errors, 1);
	jh_system_free(&sys);
	jh_diags_free(&d);
}
END_TEST

START_TEST(board_only_and_refs)
{
	struct loaded l;

	load(&l, "jh: 1\n" BOARD
	     "defs: {base: low.start + 2 * 1 MiB, vec: eth.irq1}\n"
	     "system: {hypervisor-memory: low.end - 4 MiB .. +4 MiB}\n"
	     "cells:\n"
	     "  root: {root: true, cpus: 0, reset-address: base,\n"
	     "         vpci-irq-base: vec, msg-reply-timeout: uart0.size}\n");
	ck_assert(l.ok);
	ck_assert_uint_eq(l.sys.hypervisor_memory.phys_start, 0x43c00000);
	ck_assert_uint_eq(l.sys.cells.v[0].cpu_reset_address, 0x40200000);
	ck_assert_uint_eq(l.sys.cells.v[0].vpci_irq_base, 41);
	ck_assert_uint_eq(l.sys.cells.v[0].msg_reply_timeout, 4096);
	ck_assert_uint_eq(l.sys.board->cpus.n, 4);
	ck_assert_int_eq(l.sys.board->cpus.v[3].l2_group, 1);
	ck_assert_uint_eq(l.sys.board->pci_devices.v[0].intx_pin, 1);
	done(&l);
	load(&l, "jh: 1\n" BOARD);
	ck_assert(l.ok);
	ck_assert_uint_eq(l.sys.cells.n, 0);
	ck_assert_uint_eq(l.d.n, 0);
	done(&l);
	/* what jh-dump prints for cell images alone: no system descriptor */
	load(&l, "jh: 1\nsystem: {arch: arm64}\n"
	     "cells: {c: {cpus: 1, cpu-set-size: 4}}\n");
	ck_assert(l.ok);
	ck_assert_uint_eq(l.sys.cells.v[0].cpu_set_size, 4);
	ck_assert(!l.sys.cells.v[0].is_root);
	done(&l);
}
END_TEST

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(includes_merge)
{
	char dir[] = "/tmp/jh-front-XXXXXX";
	char main_path[128], inc_path[128], board_path[128];
	struct jh_diags d;
	struct jh_system sys;
	struct jh_deps deps = { 0 };
	bool ok;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(board_path, sizeof(board_path), "%s/b.yaml", dir);
	snprintf(inc_path, sizeof(inc_path), "%s/cells.yaml", dir);
	snprintf(main_path, sizeof(main_path), "%s/main.yaml", dir);
	write_file(board_path, "jh: 1\n" BOARD);
	write_file(inc_path, "jh: 1\ndefs: {ram_mb: 8}\n"
		   "cells:\n  root: {root: true, cpus: 0}\n");
	write_file(main_path, "jh: 1\nboard: b.yaml\ninclude: [cells.yaml]\n"
		   "system: {hypervisor-memory: 0x43c0_0000 .. +4 MiB}\n"
		   "cells:\n  x: {cpus: 1, memory: [{size: ram_mb * 1 MiB}]}\n");
	jh_diags_init(&d);
	jh_system_init(&sys);
	ok = jh_front_load_file(main_path, &d, &sys, &deps);
	if (!ok)
		jh_diags_print(&d, stderr, false, true);
	ck_assert(ok);
	ck_assert_uint_eq(deps.files.n, 3);
	ck_assert_uint_eq(sys.cells.n, 2);
	/* included cells come first, then the including file's */
	ck_assert_str_eq(sys.cells.v[0].name, "root");
	ck_assert_str_eq(sys.cells.v[1].name, "x");
	ck_assert_uint_eq(sys.cells.v[1].mem.v[0].size, 8u << 20);
	jh_deps_free(&deps);
	jh_system_free(&sys);
	jh_diags_free(&d);
	remove(main_path);
	remove(inc_path);
	remove(board_path);
	remove(dir);
}
END_TEST

START_TEST(bdf_syntax)
{
	static const char *const bad[] = { "0x:01.0", "00: 1.0", "00:01.8",
		"00:20.0", "000:01.0", "00:01", "00:01.0 ", "+1:01.0", "g0:01.0" };
	static const char *const good[] = { "00:01.0", "ff:1f.7", "0:0.0",
		"1A:0b.3" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct loaded l;
		char *text = jh_xasprintf("jh: 1\nsystem: {arch: x86}\ncells:\n"
			"  c: {pci-devices: [{type: 1, bdf: \"%s\"}]}\n", bad[i]);

		jh_diags_init(&l.d);
		jh_system_init(&l.sys);
		l.ok = jh_front_load_buffer("t.yaml", text, strlen(text),
					    &l.d, &l.sys);
		ck_assert_msg(!l.ok, "accepted %s", bad[i]);
		done(&l);
		free(text);
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct loaded l;
		char *text = jh_xasprintf("jh: 1\nsystem: {arch: x86}\ncells:\n"
			"  c: {pci-devices: [{type: 1, bdf: \"%s\"}]}\n", good[i]);

		load(&l, text);
		ck_assert_msg(l.ok, "refused %s", good[i]);
		if (i == 1)
			ck_assert_uint_eq(l.sys.cells.v[0].pci.v[0].bdf, 0xffff);
		if (i == 3)
			ck_assert_uint_eq(l.sys.cells.v[0].pci.v[0].bdf, 0x1a5b);
		done(&l);
		free(text);
	}
}
END_TEST

START_TEST(lossless_extras)
{
	struct loaded l;

	load(&l, "jh: 1\nsystem: {arch: arm64, pci: {virtual: 7}}\n"
	     "cells:\n  c:\n    pci-devices:\n"
	     "      - {type: 9, bdf: 00:01.0, msi: {vectors: 2, 64bit: true,"
	     " flags: 0x80}}\n");
	ck_assert(l.ok);
	ck_assert_uint_eq(l.sys.pci_is_virtual, 7);
	ck_assert_uint_eq(l.sys.cells.v[0].pci.v[0].type, 9);
	ck_assert_uint_eq(l.sys.cells.v[0].pci.v[0].msi_flags, 0x81);
	done(&l);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("front");
	TCase *t = tcase_create("core");
	SRunner *r;
	int failed;

	tcase_add_test(t, image_form);
	tcase_add_test(t, devices_by_name);
	tcase_add_test(t, placement_links_and_derived_root);
	tcase_add_test(t, suppressions);
	tcase_add_test(t, all_errors_reported);
	tcase_add_test(t, files_and_deps);
	tcase_add_test(t, board_only_and_refs);
	tcase_add_test(t, includes_merge);
	tcase_add_test(t, lossless_extras);
	tcase_add_test(t, bdf_syntax);
	suite_add_tcase(s, t);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
