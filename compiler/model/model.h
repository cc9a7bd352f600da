/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The typed model: one description of a partitioned system that every
 * stage shares. The YAML front end and the image reader produce it; the
 * checks read it; the image writer and the YAML emitter consume it.
 *
 * The model has two parts:
 *  - the resolved *system* (struct jh_system): exactly what the binary
 *    images can say, item by item, in image order, each item with the
 *    place it came from (a YAML position or an image offset) and, when
 *    known, the board resource it was made from;
 *  - the optional *board* (struct jh_board): what the hardware has. It is
 *    present when the input was YAML with a board; images carry none.
 *    Checks that need board knowledge skip (and say so) without it.
 *
 * Values are host integers, not packed little-endian structs; the image
 * writer and reader do the byte layout.
 */
#ifndef JH_MODEL_H
#define JH_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag/diag.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- board */

struct jh_board_cpu {
	uint32_t index;		/* logical CPU number = bit in cpu sets */
	uint64_t hw_id;		/* MPIDR (arm) or APIC id (x86) */
	int32_t l2_group;	/* CPUs with equal l2_group share an L2; -1 */
	int32_t l3_group;	/* likewise for L3 / LLC; -1 */
	struct jh_loc loc;
};

/* A named range of RAM the board has. */
struct jh_board_ram {
	const char *name;
	uint64_t start, size;
	struct jh_loc loc;
};

/* An interrupt line: chip index (into board irqchips) and number (INTID
 * on GIC, pin on IOAPIC). */
struct jh_board_irq {
	uint32_t chip;
	uint32_t irq;
	struct jh_loc loc;
};

struct jh_board_mmio {
	uint64_t start, size;
	struct jh_loc loc;
};

/* An MMIO (platform) device: UART, timer, SMMU, ... */
struct jh_board_device {
	const char *name;
	JH_VEC(struct jh_board_mmio) mmio;
	JH_VEC(struct jh_board_irq) irqs;
	JH_VEC(uint32_t) stream_ids;
	int32_t iommu;		/* board IOMMU index translating for it, -1 */
	bool dma;		/* can master the bus */
	uint16_t console_type;	/* JH_CON_TYPE_* if usable as a console */
	uint16_t console_flags;
	/* console registers when not the first MMIO range (port I/O UARTs,
	 * registers inside a larger window); size 0 = use mmio[0] */
	uint64_t console_address;
	uint32_t console_size;
	struct jh_loc loc;
};

enum jh_irqchip_kind {
	JH_IRQCHIP_GICV2 = 2,
	JH_IRQCHIP_GICV3 = 3,
	JH_IRQCHIP_IOAPIC = 10,
};

struct jh_board_irqchip {
	const char *name;
	enum jh_irqchip_kind kind;
	uint64_t address;	/* GICD / IOAPIC base */
	uint32_t id;		/* IOAPIC source id (BDF); GIC: 0 */
	uint32_t num_lines;	/* interrupts the chip implements */
	/* GIC only */
	uint64_t gicc, gich, gicv, gicr;
	uint32_t maintenance_irq;
	struct jh_loc loc;
};

struct jh_board_bar {
	uint64_t start, size;	/* size 0: BAR not implemented */
	uint32_t mask;
	bool io, is64, prefetch;
};

struct jh_board_pci_cap {
	uint16_t id;		/* JH_PCI_EXT_CAP set for extended */
	uint16_t start, len, flags;
	struct jh_loc loc;
};

struct jh_board_pci_device {
	const char *name;
	uint8_t type;		/* JH_PCI_TYPE_DEVICE / _BRIDGE */
	uint16_t domain, bdf;
	int32_t bridge;		/* index of the bridge it sits behind, -1 */
	struct jh_board_bar bars[6];
	uint8_t intx_pin;	/* 0 none, 1..4 = INTA..INTD */
	int32_t intx_line;	/* routed interrupt (INTID / GSI), -1 */
	uint8_t num_msi_vectors, msi_flags;
	uint16_t num_msix_vectors, msix_region_size;
	uint64_t msix_address;
	JH_VEC(struct jh_board_pci_cap) caps;
	int32_t iommu;		/* board IOMMU index, -1 */
	JH_VEC(uint32_t) stream_ids;
	bool dma;
	struct jh_loc loc;
};

struct jh_board_iommu {
	const char *name;
	uint32_t type;		/* JH_IOMMU_* */
	uint64_t base;
	uint32_t size;
	uint8_t raw[12];	/* type-specific union, as in the image */
	struct jh_loc loc;
};

enum jh_cache_level { JH_CACHE_LEVEL_L3 = 3, JH_CACHE_LEVEL_L2 = 2 };

/* Cache-allocation hardware (Intel CAT/CDP; L2 CAT) */
struct jh_board_cache_alloc {
	bool present;
	uint32_t l3_cbm_length;	/* bits in an L3 capacity bitmask */
	bool l3_cdp;
	uint32_t l2_cbm_length;	/* 0: no L2 allocation */
	bool l2_cdp;
	struct jh_loc loc;
};

struct jh_board_ports {
	const char *name;
	uint16_t base, length;
	struct jh_loc loc;
};

struct jh_board {
	const char *name;
	uint8_t arch;		/* JH_ARCH_* */
	JH_VEC(struct jh_board_cpu) cpus;
	JH_VEC(struct jh_board_ram) ram;
	JH_VEC(struct jh_board_irqchip) irqchips;
	JH_VEC(struct jh_board_device) devices;
	JH_VEC(struct jh_board_pci_device) pci_devices;
	JH_VEC(struct jh_board_iommu) iommus;
	JH_VEC(struct jh_board_ports) ports;
	struct jh_board_cache_alloc cache_alloc;
	/* PCI host bridge */
	bool has_pci;
	uint64_t pci_ecam;
	uint8_t pci_end_bus;
	uint16_t pci_domain;
	/* x86 platform facts, copied into the system image (has_x86) */
	bool has_x86;
	uint16_t pm_timer_address;
	uint8_t apic_mode;
	uint32_t vtd_interrupt_limit, tsc_khz, apic_khz;
	/* interrupts the hypervisor itself uses (maintenance, its timer) */
	JH_VEC(struct jh_board_irq) hv_irqs;
	struct jh_loc loc;
	JH_VEC(char *) strings;	/* owned names, freed with the board */
};

/* Copy a string into the board's storage. */
const char *jh_board_strdup(struct jh_board *board, const char *s);

/* ------------------------------------------------------- resolved system */

/*
 * Where an item came from, for checks and messages: the board resource
 * (by kind and index) and the shared-memory link, when there is one.
 */
enum jh_origin_kind {
	JH_ORIGIN_NONE = 0,
	JH_ORIGIN_RAM,
	JH_ORIGIN_DEVICE,
	JH_ORIGIN_PCI_DEVICE,	/* a BAR or MSI-X window of a PCI device */
	JH_ORIGIN_LINK,		/* a shared-memory link section */
	JH_ORIGIN_COMM,		/* the comm region */
};

struct jh_origin {
	enum jh_origin_kind kind;
	int32_t index;		/* into the board array / system links */
};

/* Scrub policy of a region when it leaves a cell (extension). */
enum jh_scrub {
	JH_SCRUB_DEFAULT = 0,	/* cleared before another cell maps it */
	JH_SCRUB_PRESERVE = 1,	/* kept as is (asked for explicitly) */
};

struct jh_region {
	uint64_t phys_start, virt_start, size, flags;
	const char *name;	/* optional, for messages and dump */
	struct jh_origin origin;
	enum jh_scrub scrub;	/* extension; DEFAULT needs none */
	struct jh_loc loc;	/* the whole entry */
	struct jh_loc scrub_loc;
};

struct jh_cache_part {
	uint32_t start, size;	/* first bit and number of bits */
	uint8_t type;		/* JH_CACHE_L3_CODE/_DATA/_L3 */
	uint16_t flags;		/* JH_CACHE_ROOTSHARED */
	enum jh_cache_level level; /* L2 needs the extension */
	struct jh_loc loc;
};

struct jh_cell_irqchip {
	uint64_t address;
	uint32_t id, pin_base;
	uint32_t pin_bitmap[4];
	int32_t board_chip;	/* board irqchip index, -1 unknown */
	struct jh_loc loc;
	/* where each owned interrupt was asked for, when known (YAML) */
	struct jh_loc pin_loc[128];
};

struct jh_port_range {
	uint16_t base, length;
	const char *name;
	struct jh_loc loc;
};

struct jh_pci_dev {
	uint8_t type, iommu;
	uint16_t domain, bdf;
	uint32_t bar_mask[6];
	uint16_t caps_start, num_caps;
	uint8_t num_msi_vectors, msi_flags;
	uint16_t num_msix_vectors, msix_region_size;
	uint64_t msix_address;
	uint32_t shmem_regions_start;
	uint8_t shmem_dev_id, shmem_peers;
	uint16_t shmem_protocol;
	const char *name;
	int32_t board_dev;	/* board pci device index, -1 */
	int32_t link;		/* system link index for ivshmem, -1 */
	struct jh_loc loc;
};

struct jh_pci_cap {
	uint16_t id, start, len, flags;
	struct jh_loc loc;
};

struct jh_stream_id {
	uint32_t id;
	struct jh_loc loc;
};

struct jh_console_desc {
	uint64_t address;
	uint32_t size;
	uint16_t type, flags;
	uint32_t divider, gate_nr;
	uint64_t clock_reg;
	int32_t board_dev;	/* board device index, -1 */
	struct jh_loc loc;
};

struct jh_cell {
	char name[32];
	bool is_root;
	uint32_t id;		/* 0 in files */
	uint32_t flags;		/* JH_CELL_* */
	uint8_t *cpu_set;	/* cpu_set_size bytes */
	uint32_t cpu_set_size;
	uint32_t vpci_irq_base;
	uint64_t cpu_reset_address;
	uint64_t msg_reply_timeout;
	struct jh_console_desc console;
	JH_VEC(struct jh_region) mem;
	JH_VEC(struct jh_cache_part) cache;
	JH_VEC(struct jh_cell_irqchip) irqchips;
	JH_VEC(struct jh_port_range) pio;
	JH_VEC(struct jh_pci_dev) pci;
	JH_VEC(struct jh_pci_cap) caps;
	JH_VEC(struct jh_stream_id) stream_ids;
	/* extension (see doc/abi.md): zero/false means "not used" */
	uint32_t watchdog_ms;	/* software watchdog period */
	bool allow_hv_probe;	/* may detect the hypervisor */
	bool l2_isolation;	/* demands an L2 no other cell shares */
	struct jh_loc watchdog_loc, hv_probe_loc, l2_isolation_loc;
	/* locations */
	struct jh_loc loc;	/* the cell as a whole */
	struct jh_loc name_loc, cpus_loc, flags_loc;
	/* image file this cell came from / goes to, when known */
	const char *image_file;
};

/* A shared-memory link (ivshmem 2.0), as declared once in the YAML. */
struct jh_link {
	const char *name;
	JH_VEC(int32_t) peers;	/* cell indices, peer id = position */
	uint16_t protocol;
	uint16_t bdf;
	uint64_t state_size, rw_size, out_size;
	uint64_t phys_base;	/* where the shared memory lives */
	uint16_t msix_vectors;	/* 0: INTx only */
	struct jh_loc loc;
};

struct jh_iommu_unit {
	uint32_t type;
	uint64_t base;
	uint32_t size;
	uint8_t raw[12];
	struct jh_loc loc;
};

struct jh_system {
	uint8_t arch;		/* JH_ARCH_* */
	uint16_t revision;	/* JH_CONFIG_REVISION when written */
	uint32_t flags;		/* JH_SYS_* */
	struct jh_region hypervisor_memory;
	struct jh_console_desc debug_console;
	uint64_t pci_mmconfig_base;
	uint8_t pci_mmconfig_end_bus, pci_is_virtual;
	uint16_t pci_domain;
	struct jh_iommu_unit iommu_units[8];
	union {
		struct {
			uint16_t pm_timer_address;
			uint8_t apic_mode;
			uint32_t vtd_interrupt_limit, tsc_khz, apic_khz;
		} x86;
		struct {
			uint8_t maintenance_irq, gic_version;
			uint64_t gicd_base, gicc_base, gich_base, gicv_base,
				 gicr_base;
		} arm;
	} platform;
	/* cells[0] is the root cell (embedded in the system image) */
	JH_VEC(struct jh_cell) cells;
	JH_VEC(struct jh_link) links;
	struct jh_board *board;	/* NULL when read from images */
	struct jh_loc loc;
	const char *image_file;	/* system image file, when known */
	/* strings owned by the model (names), freed with it */
	JH_VEC(char *) strings;
};

void jh_system_init(struct jh_system *sys);
void jh_system_free(struct jh_system *sys);

/* Copy a string into the model's storage; lives as long as the model. */
const char *jh_system_strdup(struct jh_system *sys, const char *s);

/* Add an empty cell (cpu set empty); returns it. Pointers into cells
 * move when more cells are added. */
struct jh_cell *jh_system_add_cell(struct jh_system *sys, const char *name);

/* Set / test CPU @cpu in a cell's set, growing the set in 8-byte words
 * as upstream configurations do. */
void jh_cell_set_cpu(struct jh_cell *cell, uint32_t cpu);
bool jh_cell_test_cpu(const struct jh_cell *cell, uint32_t cpu);

struct jh_board *jh_board_new(void);
void jh_board_free(struct jh_board *board);

#endif /* JH_MODEL_H */
