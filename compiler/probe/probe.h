/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jh-probe: read a running Linux system (or a snapshot of one) into a
 * board description, and decide what the root cell keeps.
 *
 * The result is a struct jh_board (model/model.h) plus what only the
 * probe knows: why a device is or is not kept by the root cell, what a
 * PCI function is, firmware areas the root Linux needs, and the notes
 * about every source that was missing or could not be parsed (each
 * saying what the user must fill in by hand). No source is fatal.
 */
#ifndef JH_PROBE_H
#define JH_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "probe/pci.h"
#include "probe/root.h"

/* What a board device is, for the emitter's comments and choices. */
struct jh_probe_dev_info {
	char *what;		/* "arm,pl011", "IOAPIC", ... */
	bool keep;		/* the root cell keeps it */
	const char *why;	/* when not kept: the reason (a comment) */
	char *exact;		/* registers before rounding to pages, when
				 * they are not whole pages (a comment) */
	int32_t firmware;	/* >= 0: firmware memory (index), which the
				 * root gets as memory, not as a device */
};

struct jh_probe_pci_info {
	struct jh_probe_pci raw;
	bool keep;
	const char *why;
};

/* A range of RAM-like memory the root Linux must keep reading (ACPI
 * tables, BIOS areas) that is not "System RAM". The board describes it
 * as a device (so that it is on the board); the root cell maps it as
 * memory with the flags below. */
struct jh_probe_fw_range {
	uint64_t start, size;
	char *what;
	int32_t dev;		/* its board device */
	const char *flags;	/* "rwx|dma", "rw" */
};

/* A port range (x86) with the name Linux gave it. */
struct jh_probe_port_info {
	char *what;
};

struct jh_probe_iommu_scope {
	int32_t iommu;		/* board IOMMU index */
	bool bridge;		/* covers everything below this bridge */
	uint16_t bdf;
};

struct jh_probe {
	struct jh_board *board;
	char *machine;		/* uname machine: x86_64, aarch64 */
	char *source;		/* "/" or the snapshot file, for comments */
	JH_VEC(struct jh_probe_dev_info) dev_info;	/* = board devices */
	JH_VEC(struct jh_probe_pci_info) pci_info;	/* = board pci */
	JH_VEC(struct jh_probe_port_info) port_info;	/* = board ports */
	JH_VEC(struct jh_probe_fw_range) firmware;
	/* notes: "what was skipped / what to fill in", in order found */
	JH_VEC(char *) notes;
	/* the device or port the hypervisor should print on */
	int32_t console_dev;	/* board device index, -1 */
	int32_t console_port;	/* board port index (x86), -1 */
	uint16_t pm_timer;	/* x86 ACPI PM timer port, 0 unknown */
	/* device tree PCIe host: INTx routing and stream-ID mapping */
	struct {
		uint32_t mask_hi, mask_pin;
		size_t n;
		struct {
			uint32_t hi, pin, intid;
		} e[64];
	} intx_map;
	bool has_intx_map;
	struct {
		uint32_t rid_base, sid_base, len;
		int32_t iommu;	/* board IOMMU index */
	} iommu_map;
	bool has_iommu_map;
	int32_t pci_iommu;	/* x86: the IOMMU covering all PCI, -1 */
	/* x86 VT-d: which unit translates which device (DMAR scopes) */
	JH_VEC(struct jh_probe_iommu_scope) iommu_scopes;
	bool has_gic_its;
	int32_t pcie_io_dev;	/* arm: board device of the PCI I/O window */
	/* the RAM Linux uses ("System RAM"); the board's RAM may be more
	 * (device tree memory nodes, when Linux was booted with mem=) */
	JH_VEC(struct jh_board_ram) linux_ram;
	bool ram_from_dt;	/* board RAM from device-tree memory nodes */
	/* interrupts of legacy devices the root keeps (x86 ISA lines) */
	JH_VEC(uint32_t) root_irqs;
};

/* Probe `root`. Always returns a result (possibly with an empty board
 * and notes saying why). */
struct jh_probe *jh_probe_run(const struct jh_probe_root *root);
void jh_probe_free(struct jh_probe *p);

/* Record a note (printf-style). */
void jh_probe_note(struct jh_probe *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- the individual sources (probe_*.c); each adds to `p` and notes
 * what it could not read. */
void jh_probe_cpus(struct jh_probe *p, const struct jh_probe_root *root);
void jh_probe_memory(struct jh_probe *p, const struct jh_probe_root *root);
void jh_probe_fdt(struct jh_probe *p, const struct jh_probe_root *root);
void jh_probe_acpi(struct jh_probe *p, const struct jh_probe_root *root);
void jh_probe_pci(struct jh_probe *p, const struct jh_probe_root *root);
void jh_probe_resctrl(struct jh_probe *p, const struct jh_probe_root *root);
void jh_probe_ports(struct jh_probe *p, const struct jh_probe_root *root);
void jh_probe_irqs(struct jh_probe *p, const struct jh_probe_root *root);
/* The live system's PCI functions through libpci; false (with a note) if
 * libpci fails, and the caller reads sysfs instead. */
bool jh_probe_pci_libpci(struct jh_probe *p, const struct jh_probe_root *root);
/* The bridge a function sits behind, from its sysfs device link. */
void jh_probe_pci_parent(struct jh_probe_pci *d,
			 const struct jh_probe_root *root);

/* Helpers shared by the sources. */
/* Parse a Linux CPU list ("0-3,6") into a 64-bit... set of up to
 * `max` CPUs; false on a malformed list. */
bool jh_probe_parse_cpulist(const char *s, bool *set, size_t max);
/* Read a small text file, trimmed; NULL with a note when missing and
 * `required`. */
char *jh_probe_read_text(struct jh_probe *p, const struct jh_probe_root *root,
			 const char *path, bool required);
/* Add a board device; returns its index. */
int32_t jh_probe_add_device(struct jh_probe *p, const char *name,
			    const char *what);

#endif /* JH_PROBE_H */
