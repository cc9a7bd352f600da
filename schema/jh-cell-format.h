/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * jh binary cell images: system image and cell images.
 *
 * Byte-compatible with Jailhouse configuration revision 14. Every structure
 * is packed and little-endian; padding is explicit. The header is
 * freestanding: it needs only <stdint.h> and <stddef.h> (or the kernel's
 * types when __KERNEL__ is defined), so the hypervisor, the inmate runtime,
 * the Linux driver and the host tools all include the same file.
 *
 * Layout of an image:
 *   cell image:   struct jh_cell_desc, then the variable arrays
 *   system image: struct jh_system_desc (which ends with the root cell's
 *                 struct jh_cell_desc), then the root cell's variable arrays
 * Variable arrays follow each other without gaps, in this order: cpu set,
 * memory regions, cache regions, irqchips, port-I/O regions, PCI devices,
 * PCI capabilities, stream IDs.
 */
#ifndef JH_CELL_FORMAT_H
#define JH_CELL_FORMAT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/stddef.h>
typedef __u8 jh_u8;
typedef __u16 jh_u16;
typedef __u32 jh_u32;
typedef __u64 jh_u64;
#else
#include <stddef.h>
#include <stdint.h>
typedef uint8_t jh_u8;
typedef uint16_t jh_u16;
typedef uint32_t jh_u32;
typedef uint64_t jh_u64;
#endif

#define JH_PACKED __attribute__((packed))

#define JH_CONFIG_REVISION		14
#define JH_SIGNATURE_SIZE		5
#define JH_CELL_SIGNATURE		"JHCLL"
#define JH_SYSTEM_SIGNATURE		"JHSYS"
#define JH_CELL_NAME_MAXLEN		31

/* architecture byte */
#define JH_ARCH_X86			0
#define JH_ARCH_ARM			1
#define JH_ARCH_ARM64			2

/* struct jh_cell_desc.flags */
#define JH_CELL_PASSIVE_COMMREG		0x00000001
#define JH_CELL_TEST_DEVICE		0x00000002
#define JH_CELL_AARCH32			0x00000004
#define JH_CELL_VIRTUAL_CONSOLE_PERMITTED 0x40000000
#define JH_CELL_VIRTUAL_CONSOLE_ACTIVE	0x80000000
#define JH_CELL_FLAGS_KNOWN		0xc0000007u

/* struct jh_system_desc.flags */
#define JH_SYS_VIRTUAL_DEBUG_CONSOLE	0x00000001
#define JH_SYS_FLAGS_KNOWN		0x00000001u

/* console types */
#define JH_CON_TYPE_NONE		0x0000
#define JH_CON_TYPE_EFIFB		0x0001
#define JH_CON_TYPE_8250		0x0002
#define JH_CON_TYPE_PL011		0x0003
#define JH_CON_TYPE_XUARTPS		0x0004
#define JH_CON_TYPE_MVEBU		0x0005
#define JH_CON_TYPE_HSCIF		0x0006
#define JH_CON_TYPE_SCIFA		0x0007
#define JH_CON_TYPE_IMX			0x0008
#define JH_CON_TYPE_IMX_LPUART		0x0009
#define JH_CON_TYPE_SCIF		0x000a
#define JH_CON_TYPE_MAX			JH_CON_TYPE_SCIF

/* console flags */
#define JH_CON_ACCESS_MMIO		0x0001
#define JH_CON_REGDIST_4		0x0002
#define JH_CON_FB_1920x1080		0x0004
#define JH_CON_INVERTED_GATE		0x1000
#define JH_CON_MDR_QUIRK		0x2000
#define JH_CON_FLAGS_KNOWN		0x3007u

struct jh_console {
	jh_u64 address;
	jh_u32 size;
	jh_u16 type;
	jh_u16 flags;
	jh_u32 divider;
	jh_u32 gate_nr;
	jh_u64 clock_reg;
} JH_PACKED;

struct jh_cell_desc {
	char signature[JH_SIGNATURE_SIZE];
	jh_u8 architecture;
	jh_u16 revision;
	char name[JH_CELL_NAME_MAXLEN + 1];
	jh_u32 id;
	jh_u32 flags;
	jh_u32 cpu_set_size;
	jh_u32 num_memory_regions;
	jh_u32 num_cache_regions;
	jh_u32 num_irqchips;
	jh_u32 num_pio_regions;
	jh_u32 num_pci_devices;
	jh_u32 num_pci_caps;
	jh_u32 num_stream_ids;
	jh_u32 vpci_irq_base;
	jh_u64 cpu_reset_address;
	jh_u64 msg_reply_timeout;
	struct jh_console console;
} JH_PACKED;

/* struct jh_memory.flags */
#define JH_MEM_READ			0x0001
#define JH_MEM_WRITE			0x0002
#define JH_MEM_EXECUTE			0x0004
#define JH_MEM_DMA			0x0008
#define JH_MEM_IO			0x0010
#define JH_MEM_COMM_REGION		0x0020
#define JH_MEM_LOADABLE			0x0040
#define JH_MEM_ROOTSHARED		0x0080
#define JH_MEM_NO_HUGEPAGES		0x0100
#define JH_MEM_IO_UNALIGNED		0x8000
#define JH_MEM_IO_WIDTH_SHIFT		16
#define JH_MEM_IO_8			(1ull << 16)
#define JH_MEM_IO_16			(2ull << 16)
#define JH_MEM_IO_32			(4ull << 16)
#define JH_MEM_IO_64			(8ull << 16)
#define JH_MEM_FLAGS_KNOWN		0x000f81ffull

#define JH_PAGE_SIZE			0x1000ull

struct jh_memory {
	jh_u64 phys_start;
	jh_u64 virt_start;
	jh_u64 size;
	jh_u64 flags;
} JH_PACKED;

/* struct jh_cache.type */
#define JH_CACHE_L3_CODE		0x01
#define JH_CACHE_L3_DATA		0x02
#define JH_CACHE_L3			0x03
/* struct jh_cache.flags */
#define JH_CACHE_ROOTSHARED		0x0001
#define JH_CACHE_FLAGS_KNOWN		0x0001u

struct jh_cache {
	jh_u32 start;
	jh_u32 size;
	jh_u8 type;
	jh_u8 padding;
	jh_u16 flags;
} JH_PACKED;

#define JH_IRQCHIP_PINS			128

struct jh_irqchip {
	jh_u64 address;
	jh_u32 id;
	jh_u32 pin_base;
	jh_u32 pin_bitmap[4];
} JH_PACKED;

struct jh_pio {
	jh_u16 base;
	jh_u16 length;
} JH_PACKED;

/* struct jh_pci_device.type */
#define JH_PCI_TYPE_DEVICE		0x01
#define JH_PCI_TYPE_BRIDGE		0x02
#define JH_PCI_TYPE_IVSHMEM		0x03

/* struct jh_pci_device.msi_flags */
#define JH_PCI_MSI_64BITS		0x01
#define JH_PCI_MSI_MASKABLE		0x02

/* struct jh_pci_device.shmem_protocol */
#define JH_SHMEM_PROTO_UNDEFINED	0x0000
#define JH_SHMEM_PROTO_VETH		0x0001
#define JH_SHMEM_PROTO_CUSTOM		0x4000
#define JH_SHMEM_PROTO_VIRTIO_FRONT	0x8000
#define JH_SHMEM_PROTO_VIRTIO_BACK	0xc000

#define JH_PCI_NUM_BARS			6

struct jh_pci_device {
	jh_u8 type;
	jh_u8 iommu;
	jh_u16 domain;
	jh_u16 bdf;
	jh_u32 bar_mask[JH_PCI_NUM_BARS];
	jh_u16 caps_start;
	jh_u16 num_caps;
	jh_u8 num_msi_vectors;
	jh_u8 msi_flags;
	jh_u16 num_msix_vectors;
	jh_u16 msix_region_size;
	jh_u64 msix_address;
	jh_u32 shmem_regions_start;
	jh_u8 shmem_dev_id;
	jh_u8 shmem_peers;
	jh_u16 shmem_protocol;
} JH_PACKED;

#define JH_PCI_BDF(bus, dev, fn) \
	((jh_u16)(((bus) << 8) | ((dev) << 3) | (fn)))

/* struct jh_pci_capability */
#define JH_PCI_EXT_CAP			0x8000
#define JH_PCICAPS_WRITE		0x0001

struct jh_pci_capability {
	jh_u16 id;
	jh_u16 start;
	jh_u16 len;
	jh_u16 flags;
} JH_PACKED;

/* struct jh_iommu.type */
#define JH_IOMMU_NONE			0
#define JH_IOMMU_AMD			1
#define JH_IOMMU_INTEL			2
#define JH_IOMMU_SMMUV3			3
#define JH_IOMMU_PVU			4
#define JH_IOMMU_ARM_MMU500		5
#define JH_IOMMU_TYPE_MAX		JH_IOMMU_ARM_MMU500

#define JH_MAX_IOMMU_UNITS		8

struct jh_iommu {
	jh_u32 type;
	jh_u64 base;
	jh_u32 size;
	union {
		struct {
			jh_u16 bdf;
			jh_u8 base_cap;
			jh_u8 msi_cap;
			jh_u32 features;
		} JH_PACKED amd;
		struct {
			jh_u64 tlb_base;
			jh_u32 tlb_size;
		} JH_PACKED tipvu;
		jh_u8 raw[12];
	} JH_PACKED;
} JH_PACKED;

/* MMU-500 stream IDs: low 16 bits id, high 16 bits mask of ignored bits */
#define JH_STREAM_ID_MMU500(id, mask) \
	((jh_u32)(((mask) & 0x7fff) << 16 | ((id) & 0x7fff)))

/* struct jh_system_desc.platform.x86.apic_mode */
#define JH_APIC_MODE_AUTO		0
#define JH_APIC_MODE_XAPIC		1
#define JH_APIC_MODE_X2APIC		2

struct jh_platform_x86 {
	jh_u16 pm_timer_address;
	jh_u8 apic_mode;
	jh_u8 padding;
	jh_u32 vtd_interrupt_limit;
	jh_u32 tsc_khz;
	jh_u32 apic_khz;
} JH_PACKED;

struct jh_platform_arm {
	jh_u8 maintenance_irq;
	jh_u8 gic_version;
	jh_u8 padding[2];
	jh_u64 gicd_base;
	jh_u64 gicc_base;
	jh_u64 gich_base;
	jh_u64 gicv_base;
	jh_u64 gicr_base;
} JH_PACKED;

struct jh_system_desc {
	char signature[JH_SIGNATURE_SIZE];
	jh_u8 architecture;
	jh_u16 revision;
	jh_u32 flags;
	struct jh_memory hypervisor_memory;
	struct jh_console debug_console;
	jh_u64 pci_mmconfig_base;
	jh_u8 pci_mmconfig_end_bus;
	jh_u8 pci_is_virtual;
	jh_u16 pci_domain;
	struct jh_iommu iommu_units[JH_MAX_IOMMU_UNITS];
	union {
		struct jh_platform_x86 x86;
		struct jh_platform_arm arm;
	} JH_PACKED platform;
	struct jh_cell_desc root_cell;
} JH_PACKED;

/*
 * Compile-time checks of every size and offset of the revision 14 layout.
 */
#define JH_ASSERT_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), #type " has the wrong size")
#define JH_ASSERT_OFF(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), \
		       #type "." #field " is at the wrong offset")

JH_ASSERT_SIZE(struct jh_console, 32);
JH_ASSERT_OFF(struct jh_console, address, 0);
JH_ASSERT_OFF(struct jh_console, size, 8);
JH_ASSERT_OFF(struct jh_console, type, 12);
JH_ASSERT_OFF(struct jh_console, flags, 14);
JH_ASSERT_OFF(struct jh_console, divider, 16);
JH_ASSERT_OFF(struct jh_console, gate_nr, 20);
JH_ASSERT_OFF(struct jh_console, clock_reg, 24);

JH_ASSERT_SIZE(struct jh_cell_desc, 132);
JH_ASSERT_OFF(struct jh_cell_desc, signature, 0);
JH_ASSERT_OFF(struct jh_cell_desc, architecture, 5);
JH_ASSERT_OFF(struct jh_cell_desc, revision, 6);
JH_ASSERT_OFF(struct jh_cell_desc, name, 8);
JH_ASSERT_OFF(struct jh_cell_desc, id, 40);
JH_ASSERT_OFF(struct jh_cell_desc, flags, 44);
JH_ASSERT_OFF(struct jh_cell_desc, cpu_set_size, 48);
JH_ASSERT_OFF(struct jh_cell_desc, num_memory_regions, 52);
JH_ASSERT_OFF(struct jh_cell_desc, num_cache_regions, 56);
JH_ASSERT_OFF(struct jh_cell_desc, num_irqchips, 60);
JH_ASSERT_OFF(struct jh_cell_desc, num_pio_regions, 64);
JH_ASSERT_OFF(struct jh_cell_desc, num_pci_devices, 68);
JH_ASSERT_OFF(struct jh_cell_desc, num_pci_caps, 72);
JH_ASSERT_OFF(struct jh_cell_desc, num_stream_ids, 76);
JH_ASSERT_OFF(struct jh_cell_desc, vpci_irq_base, 80);
JH_ASSERT_OFF(struct jh_cell_desc, cpu_reset_address, 84);
JH_ASSERT_OFF(struct jh_cell_desc, msg_reply_timeout, 92);
JH_ASSERT_OFF(struct jh_cell_desc, console, 100);

JH_ASSERT_SIZE(struct jh_memory, 32);
JH_ASSERT_OFF(struct jh_memory, phys_start, 0);
JH_ASSERT_OFF(struct jh_memory, virt_start, 8);
JH_ASSERT_OFF(struct jh_memory, size, 16);
JH_ASSERT_OFF(struct jh_memory, flags, 24);

JH_ASSERT_SIZE(struct jh_cache, 12);
JH_ASSERT_OFF(struct jh_cache, start, 0);
JH_ASSERT_OFF(struct jh_cache, size, 4);
JH_ASSERT_OFF(struct jh_cache, type, 8);
JH_ASSERT_OFF(struct jh_cache, padding, 9);
JH_ASSERT_OFF(struct jh_cache, flags, 10);

JH_ASSERT_SIZE(struct jh_irqchip, 32);
JH_ASSERT_OFF(struct jh_irqchip, address, 0);
JH_ASSERT_OFF(struct jh_irqchip, id, 8);
JH_ASSERT_OFF(struct jh_irqchip, pin_base, 12);
JH_ASSERT_OFF(struct jh_irqchip, pin_bitmap, 16);

JH_ASSERT_SIZE(struct jh_pio, 4);
JH_ASSERT_OFF(struct jh_pio, base, 0);
JH_ASSERT_OFF(struct jh_pio, length, 2);

JH_ASSERT_SIZE(struct jh_pci_device, 56);
JH_ASSERT_OFF(struct jh_pci_device, type, 0);
JH_ASSERT_OFF(struct jh_pci_device, iommu, 1);
JH_ASSERT_OFF(struct jh_pci_device, domain, 2);
JH_ASSERT_OFF(struct jh_pci_device, bdf, 4);
JH_ASSERT_OFF(struct jh_pci_device, bar_mask, 6);
JH_ASSERT_OFF(struct jh_pci_device, caps_start, 30);
JH_ASSERT_OFF(struct jh_pci_device, num_caps, 32);
JH_ASSERT_OFF(struct jh_pci_device, num_msi_vectors, 34);
JH_ASSERT_OFF(struct jh_pci_device, msi_flags, 35);
JH_ASSERT_OFF(struct jh_pci_device, num_msix_vectors, 36);
JH_ASSERT_OFF(struct jh_pci_device, msix_region_size, 38);
JH_ASSERT_OFF(struct jh_pci_device, msix_address, 40);
JH_ASSERT_OFF(struct jh_pci_device, shmem_regions_start, 48);
JH_ASSERT_OFF(struct jh_pci_device, shmem_dev_id, 52);
JH_ASSERT_OFF(struct jh_pci_device, shmem_peers, 53);
JH_ASSERT_OFF(struct jh_pci_device, shmem_protocol, 54);

JH_ASSERT_SIZE(struct jh_pci_capability, 8);
JH_ASSERT_OFF(struct jh_pci_capability, id, 0);
JH_ASSERT_OFF(struct jh_pci_capability, start, 2);
JH_ASSERT_OFF(struct jh_pci_capability, len, 4);
JH_ASSERT_OFF(struct jh_pci_capability, flags, 6);

JH_ASSERT_SIZE(struct jh_iommu, 28);
JH_ASSERT_OFF(struct jh_iommu, type, 0);
JH_ASSERT_OFF(struct jh_iommu, base, 4);
JH_ASSERT_OFF(struct jh_iommu, size, 12);
JH_ASSERT_OFF(struct jh_iommu, amd.bdf, 16);
JH_ASSERT_OFF(struct jh_iommu, amd.base_cap, 18);
JH_ASSERT_OFF(struct jh_iommu, amd.msi_cap, 19);
JH_ASSERT_OFF(struct jh_iommu, amd.features, 20);
JH_ASSERT_OFF(struct jh_iommu, tipvu.tlb_base, 16);
JH_ASSERT_OFF(struct jh_iommu, tipvu.tlb_size, 24);

JH_ASSERT_SIZE(struct jh_platform_x86, 16);
JH_ASSERT_SIZE(struct jh_platform_arm, 44);

JH_ASSERT_SIZE(struct jh_system_desc, 488);
JH_ASSERT_OFF(struct jh_system_desc, signature, 0);
JH_ASSERT_OFF(struct jh_system_desc, architecture, 5);
JH_ASSERT_OFF(struct jh_system_desc, revision, 6);
JH_ASSERT_OFF(struct jh_system_desc, flags, 8);
JH_ASSERT_OFF(struct jh_system_desc, hypervisor_memory, 12);
JH_ASSERT_OFF(struct jh_system_desc, debug_console, 44);
JH_ASSERT_OFF(struct jh_system_desc, pci_mmconfig_base, 76);
JH_ASSERT_OFF(struct jh_system_desc, pci_mmconfig_end_bus, 84);
JH_ASSERT_OFF(struct jh_system_desc, pci_is_virtual, 85);
JH_ASSERT_OFF(struct jh_system_desc, pci_domain, 86);
JH_ASSERT_OFF(struct jh_system_desc, iommu_units, 88);
JH_ASSERT_OFF(struct jh_system_desc, platform, 312);
JH_ASSERT_OFF(struct jh_system_desc, platform.x86.pm_timer_address, 312);
JH_ASSERT_OFF(struct jh_system_desc, platform.x86.apic_mode, 314);
JH_ASSERT_OFF(struct jh_system_desc, platform.x86.vtd_interrupt_limit, 316);
JH_ASSERT_OFF(struct jh_system_desc, platform.x86.tsc_khz, 320);
JH_ASSERT_OFF(struct jh_system_desc, platform.x86.apic_khz, 324);
JH_ASSERT_OFF(struct jh_system_desc, platform.arm.maintenance_irq, 312);
JH_ASSERT_OFF(struct jh_system_desc, platform.arm.gic_version, 313);
JH_ASSERT_OFF(struct jh_system_desc, platform.arm.gicd_base, 316);
JH_ASSERT_OFF(struct jh_system_desc, platform.arm.gicc_base, 324);
JH_ASSERT_OFF(struct jh_system_desc, platform.arm.gich_base, 332);
JH_ASSERT_OFF(struct jh_system_desc, platform.arm.gicv_base, 340);
JH_ASSERT_OFF(struct jh_system_desc, platform.arm.gicr_base, 348);
JH_ASSERT_OFF(struct jh_system_desc, root_cell, 356);

/*
 * Array helpers. They compute positions from the counts in a descriptor
 * and do not check them against any buffer length: callers that handle
 * untrusted images must first compare jh_cell_image_size() (computed in
 * 64 bits, so it cannot wrap) with the number of bytes they really have.
 */

/* Size in bytes of a cell's variable arrays. */
static inline jh_u64 jh_cell_arrays_size(const struct jh_cell_desc *c)
{
	return (jh_u64)c->cpu_set_size +
	       (jh_u64)c->num_memory_regions * sizeof(struct jh_memory) +
	       (jh_u64)c->num_cache_regions * sizeof(struct jh_cache) +
	       (jh_u64)c->num_irqchips * sizeof(struct jh_irqchip) +
	       (jh_u64)c->num_pio_regions * sizeof(struct jh_pio) +
	       (jh_u64)c->num_pci_devices * sizeof(struct jh_pci_device) +
	       (jh_u64)c->num_pci_caps * sizeof(struct jh_pci_capability) +
	       (jh_u64)c->num_stream_ids * sizeof(jh_u32);
}

/* Size of a cell image (descriptor plus arrays). */
static inline jh_u64 jh_cell_image_size(const struct jh_cell_desc *c)
{
	return sizeof(struct jh_cell_desc) + jh_cell_arrays_size(c);
}

/* Size of a system image whose embedded root cell is sys->root_cell. */
static inline jh_u64 jh_system_image_size(const struct jh_system_desc *sys)
{
	return sizeof(struct jh_system_desc) -
	       sizeof(struct jh_cell_desc) +
	       jh_cell_image_size(&sys->root_cell);
}

/* The arrays of a cell descriptor start right behind it in memory. */
static inline const jh_u8 *jh_cell_cpu_set(const struct jh_cell_desc *c)
{
	return (const jh_u8 *)(c + 1);
}

static inline const struct jh_memory *
jh_cell_mem_regions(const struct jh_cell_desc *c)
{
	return (const struct jh_memory *)(jh_cell_cpu_set(c) +
					  c->cpu_set_size);
}

static inline const struct jh_cache *
jh_cell_cache_regions(const struct jh_cell_desc *c)
{
	return (const struct jh_cache *)(jh_cell_mem_regions(c) +
					 c->num_memory_regions);
}

static inline const struct jh_irqchip *
jh_cell_irqchips(const struct jh_cell_desc *c)
{
	return (const struct jh_irqchip *)(jh_cell_cache_regions(c) +
					   c->num_cache_regions);
}

static inline const struct jh_pio *
jh_cell_pio_regions(const struct jh_cell_desc *c)
{
	return (const struct jh_pio *)(jh_cell_irqchips(c) +
				       c->num_irqchips);
}

static inline const struct jh_pci_device *
jh_cell_pci_devices(const struct jh_cell_desc *c)
{
	return (const struct jh_pci_device *)(jh_cell_pio_regions(c) +
					      c->num_pio_regions);
}

static inline const struct jh_pci_capability *
jh_cell_pci_caps(const struct jh_cell_desc *c)
{
	return (const struct jh_pci_capability *)(jh_cell_pci_devices(c) +
						  c->num_pci_devices);
}

static inline const jh_u32 *jh_cell_stream_ids(const struct jh_cell_desc *c)
{
	return (const jh_u32 *)(jh_cell_pci_caps(c) + c->num_pci_caps);
}

/* Byte offsets of each array from the start of the cell descriptor. */
enum jh_cell_array {
	JH_ARRAY_CPU_SET,
	JH_ARRAY_MEMORY,
	JH_ARRAY_CACHE,
	JH_ARRAY_IRQCHIP,
	JH_ARRAY_PIO,
	JH_ARRAY_PCI_DEVICE,
	JH_ARRAY_PCI_CAP,
	JH_ARRAY_STREAM_ID,
	JH_ARRAY_END,
};

static inline jh_u64 jh_cell_array_offset(const struct jh_cell_desc *c,
					  enum jh_cell_array which)
{
	jh_u64 off = sizeof(struct jh_cell_desc);

	if (which == JH_ARRAY_CPU_SET)
		return off;
	off += c->cpu_set_size;
	if (which == JH_ARRAY_MEMORY)
		return off;
	off += (jh_u64)c->num_memory_regions * sizeof(struct jh_memory);
	if (which == JH_ARRAY_CACHE)
		return off;
	off += (jh_u64)c->num_cache_regions * sizeof(struct jh_cache);
	if (which == JH_ARRAY_IRQCHIP)
		return off;
	off += (jh_u64)c->num_irqchips * sizeof(struct jh_irqchip);
	if (which == JH_ARRAY_PIO)
		return off;
	off += (jh_u64)c->num_pio_regions * sizeof(struct jh_pio);
	if (which == JH_ARRAY_PCI_DEVICE)
		return off;
	off += (jh_u64)c->num_pci_devices * sizeof(struct jh_pci_device);
	if (which == JH_ARRAY_PCI_CAP)
		return off;
	off += (jh_u64)c->num_pci_caps * sizeof(struct jh_pci_capability);
	if (which == JH_ARRAY_STREAM_ID)
		return off;
	return off + (jh_u64)c->num_stream_ids * sizeof(jh_u32);
}

/* Is CPU @cpu in the cell's cpu set? */
static inline int jh_cell_has_cpu(const struct jh_cell_desc *c,
				  unsigned int cpu)
{
	if (cpu / 8 >= c->cpu_set_size)
		return 0;
	return (jh_cell_cpu_set(c)[cpu / 8] >> (cpu % 8)) & 1;
}

/* Does an irqchip entry give interrupt @irq to the cell? */
static inline int jh_irqchip_has_pin(const struct jh_irqchip *chip,
				     jh_u32 irq)
{
	jh_u32 bit;

	if (irq < chip->pin_base || irq - chip->pin_base >= JH_IRQCHIP_PINS)
		return 0;
	bit = irq - chip->pin_base;
	return (chip->pin_bitmap[bit / 32] >> (bit % 32)) & 1;
}

#endif /* JH_CELL_FORMAT_H */
