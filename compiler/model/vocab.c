// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vocabulary of the language: names of flags and enumerations with
 * their values in the binary format. The front end reads these names and
 * jh-dump prints them, from this one table, so the two cannot drift
 * (doc/language.md lists them for users).
 */
#include "vocab.h"

#include "jh-cell-format.h"
#include "model.h"

const struct jh_name jh_vocab_arch[] = {
	{ "x86", JH_ARCH_X86 }, { "arm", JH_ARCH_ARM },
	{ "arm64", JH_ARCH_ARM64 }, { NULL, 0 },
};

const struct jh_name jh_vocab_sys_flags[] = {
	{ "virtual-debug-console", JH_SYS_VIRTUAL_DEBUG_CONSOLE },
	{ NULL, 0 },
};

const struct jh_name jh_vocab_cell_flags[] = {
	{ "passive-comm-region", JH_CELL_PASSIVE_COMMREG },
	{ "test-device", JH_CELL_TEST_DEVICE },
	{ "aarch32", JH_CELL_AARCH32 },
	{ "virtual-console-permitted", JH_CELL_VIRTUAL_CONSOLE_PERMITTED },
	{ "virtual-console-active", JH_CELL_VIRTUAL_CONSOLE_ACTIVE },
	{ NULL, 0 },
};

const struct jh_name jh_vocab_mem_flags[] = {
	{ "read", JH_MEM_READ }, { "write", JH_MEM_WRITE },
	{ "execute", JH_MEM_EXECUTE }, { "dma", JH_MEM_DMA },
	{ "io", JH_MEM_IO }, { "comm-region", JH_MEM_COMM_REGION },
	{ "loadable", JH_MEM_LOADABLE }, { "root-shared", JH_MEM_ROOTSHARED },
	{ "no-hugepages", JH_MEM_NO_HUGEPAGES },
	{ "io-unaligned", JH_MEM_IO_UNALIGNED },
	{ "io-8", JH_MEM_IO_8 }, { "io-16", JH_MEM_IO_16 },
	{ "io-32", JH_MEM_IO_32 }, { "io-64", JH_MEM_IO_64 },
	{ NULL, 0 },
};

const struct jh_name jh_vocab_con_type[] = {
	{ "none", JH_CON_TYPE_NONE }, { "efifb", JH_CON_TYPE_EFIFB },
	{ "8250", JH_CON_TYPE_8250 }, { "pl011", JH_CON_TYPE_PL011 },
	{ "xuartps", JH_CON_TYPE_XUARTPS }, { "mvebu", JH_CON_TYPE_MVEBU },
	{ "hscif", JH_CON_TYPE_HSCIF }, { "scifa", JH_CON_TYPE_SCIFA },
	{ "imx", JH_CON_TYPE_IMX }, { "imx-lpuart", JH_CON_TYPE_IMX_LPUART },
	{ "scif", JH_CON_TYPE_SCIF }, { NULL, 0 },
};

const struct jh_name jh_vocab_con_flags[] = {
	{ "mmio", JH_CON_ACCESS_MMIO }, { "regdist-4", JH_CON_REGDIST_4 },
	{ "fb-1920x1080", JH_CON_FB_1920x1080 },
	{ "inverted-gate", JH_CON_INVERTED_GATE },
	{ "mdr-quirk", JH_CON_MDR_QUIRK }, { NULL, 0 },
};

const struct jh_name jh_vocab_iommu_type[] = {
	{ "none", JH_IOMMU_NONE }, { "amd", JH_IOMMU_AMD },
	{ "intel", JH_IOMMU_INTEL }, { "smmuv3", JH_IOMMU_SMMUV3 },
	{ "pvu", JH_IOMMU_PVU }, { "mmu500", JH_IOMMU_ARM_MMU500 },
	{ NULL, 0 },
};

const struct jh_name jh_vocab_cache_type[] = {
	{ "l3", JH_CACHE_L3 }, { "l3-code", JH_CACHE_L3_CODE },
	{ "l3-data", JH_CACHE_L3_DATA }, { NULL, 0 },
};

const struct jh_name jh_vocab_cache_flags[] = {
	{ "root-shared", JH_CACHE_ROOTSHARED }, { NULL, 0 },
};

const struct jh_name jh_vocab_pci_type[] = {
	{ "device", JH_PCI_TYPE_DEVICE }, { "bridge", JH_PCI_TYPE_BRIDGE },
	{ "ivshmem", JH_PCI_TYPE_IVSHMEM }, { NULL, 0 },
};

const struct jh_name jh_vocab_cap_flags[] = {
	{ "write", JH_PCICAPS_WRITE }, { NULL, 0 },
};

const struct jh_name jh_vocab_shmem_proto[] = {
	{ "undefined", JH_SHMEM_PROTO_UNDEFINED },
	{ "veth", JH_SHMEM_PROTO_VETH },
	{ "virtio-front-net", JH_SHMEM_PROTO_VIRTIO_FRONT | 1 },
	{ "virtio-front-block", JH_SHMEM_PROTO_VIRTIO_FRONT | 2 },
	{ "virtio-front-console", JH_SHMEM_PROTO_VIRTIO_FRONT | 3 },
	{ "virtio-back-net", JH_SHMEM_PROTO_VIRTIO_BACK | 1 },
	{ "virtio-back-block", JH_SHMEM_PROTO_VIRTIO_BACK | 2 },
	{ "virtio-back-console", JH_SHMEM_PROTO_VIRTIO_BACK | 3 },
	{ NULL, 0 },
};

const struct jh_name jh_vocab_apic_mode[] = {
	{ "auto", JH_APIC_MODE_AUTO }, { "xapic", JH_APIC_MODE_XAPIC },
	{ "x2apic", JH_APIC_MODE_X2APIC }, { NULL, 0 },
};

const struct jh_name jh_vocab_irqchip_type[] = {
	{ "gicv2", JH_IRQCHIP_GICV2 }, { "gicv3", JH_IRQCHIP_GICV3 },
	{ "ioapic", JH_IRQCHIP_IOAPIC }, { NULL, 0 },
};

/* BAR kinds: value 0 mem32, 1 mem64, 2 io */
const struct jh_name jh_vocab_bar_type[] = {
	{ "mem32", 0 }, { "mem64", 1 }, { "io", 2 }, { NULL, 0 },
};
